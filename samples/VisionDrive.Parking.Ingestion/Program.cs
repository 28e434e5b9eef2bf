using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace VisionDrive.Parking.Ingestion;

/// <summary>
/// <c>dotnet run --project samples/VisionDrive.Parking.Ingestion</c> with <c>Parking__Store</c>, the store's settings and
/// <c>Ingestion__Broker</c> in the environment (docs/samples.md).
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => IngestionHost.Build(args).RunAsync();
}

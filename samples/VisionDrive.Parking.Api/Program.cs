using System.Threading.Tasks;

namespace VisionDrive.Parking.Api;

/// <summary>
/// <c>dotnet run --project samples/VisionDrive.Parking.Api -- --urls http://127.0.0.1:5080</c> with <c>Parking__Store</c> and the store's
/// settings in the environment (docs/samples.md).
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => ParkingApi.Build(args).RunAsync();
}

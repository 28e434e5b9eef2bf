using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using VisionDrive.Parking.Datasets;

namespace VisionDrive.Parking.Data.Postgres.Tests;

/// <summary>Npgsql logs every statement at Information; through this library those lines come at Debug, off unless the host enables Npgsql.Command.</summary>
public sealed class CommandLoggingTests(GuideDatabase db) : IClassFixture<GuideDatabase>
{
    [Fact]
    public async Task Statements_are_not_logged_at_Information_and_appear_when_Npgsql_Command_is_enabled_at_Debug()
    {
        using var quiet = new CapturingLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(quiet)))
        {
            await RunQueriesAsync(factory);
        }

        using var verbose = new CapturingLoggerProvider();
        using (var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddFilter("Npgsql.Command", LogLevel.Debug).AddProvider(verbose)))
        {
            await RunQueriesAsync(factory);
        }

        quiet.Entries.Count(e => e.Level >= LogLevel.Information).Should().Be(0, "ten reads log nothing at Information:\n" + quiet.AllText);
        var commands = verbose.Entries.Where(e => e.Category == "Npgsql.Command").ToList();
        commands.Should().HaveCountGreaterThanOrEqualTo(10, "each statement is there for whoever asks for it");
        commands.Should().OnlyContain(e => e.Level == LogLevel.Debug);
        commands.Should().Contain(e => e.Text.Contains("SELECT", System.StringComparison.OrdinalIgnoreCase));
    }

    private async Task RunQueriesAsync(ILoggerFactory factory)
    {
        await using var ds = ParkingDataSource.Create(new PostgresSourceOptions { ConnectionString = db.ConnectionString }, factory);
        var store = new PostgresParkingStore(ds);
        for (var i = 0; i < 10; i++)
        {
            (await store.GetTenantAsync(GuideDataset.TenantId)).Should().NotBeNull();
        }
    }
}

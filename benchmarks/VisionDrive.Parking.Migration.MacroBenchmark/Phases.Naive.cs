using System.Diagnostics;
using System.Threading.Tasks;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Mapping;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <content>(b) The naive approach the guide's script implies: read a row, PutItem it, sequentially.</content>
internal static partial class Phases
{
    private static async Task<PhaseResult> NaiveAsync(string database, string table, int size)
    {
        using var client = Env.DynamoDb();
        await Tables.CreateAsync(client, table);
        await using var ds = Env.Source(database);
        var mapping = Mapping;
        long n = 0;
        var sw = Stopwatch.StartNew();
        await foreach (var row in new ParkingSourceReader(ds).ReadEventsAsync())
        {
            if (row.Entity is null)
            {
                continue;
            }

            await client.PutItemAsync(new PutItemRequest { TableName = table, Item = ParkingItemMapper.ToItem(row.Entity, mapping) });
            if (++n == size)
            {
                break;
            }
        }

        sw.Stop();
        await Tables.DeleteAsync(client, table);
        return new PhaseResult("naive", n, sw.Elapsed.TotalSeconds, 0, 0, 0, 0, 0, 0);
    }
}

namespace VisionDrive.Parking.Cli;

/// <summary>
/// The durable pending secondary writes, read from PostgreSQL for <c>vdp cutover status</c>: the rows of the transactional outbox
/// <c>vdp_outbox</c> (each a key still to copy to DynamoDB while PostgreSQL is primary). A stand-in with the shape of the Cutover package's
/// <c>CutoverStatusReader.ReadPendingSecondaryWritesAsync</c>, until the CLI references that package.
/// </summary>
internal static class OutboxReader
{
    /// <summary>Whether <c>vdp_outbox</c> exists (on the search path) and how many rows it holds; (false, 0) when no dual write was ever set up.</summary>
    public static async Task<(bool Present, long Pending)> ReadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // The table's existence first: a query naming a missing table fails at parse time.
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('vdp_outbox') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return (false, 0);
            }
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM vdp_outbox", connection);
        return (true, Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));
    }
}

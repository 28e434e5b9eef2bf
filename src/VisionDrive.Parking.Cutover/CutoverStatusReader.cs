namespace VisionDrive.Parking.Cutover;

/// <summary>
/// Reads the durable cutover figures straight from PostgreSQL, for an operator tool (<c>vdp cutover status</c>) that is not the
/// application: the shadow counts are per process (<see cref="ICutoverStatusSource"/>, the API's <c>GET /cutover</c>), the pending writes
/// are durable.
/// </summary>
public static class CutoverStatusReader
{
    /// <summary>
    /// Counts the secondary writes recorded durably and not yet applied: the rows of the transactional outbox <c>vdp_outbox</c> (PostgreSQL
    /// primary: each row is a key still to copy to DynamoDB). 0 when the cutover tables were never created (no dual write has run).
    /// </summary>
    /// <param name="dataSource">The PostgreSQL database of the parking store.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number of outbox rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is <see langword="null"/>.</exception>
    /// <exception cref="NpgsqlException">The database cannot be read.</exception>
    public static async Task<long> ReadPendingSecondaryWritesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // A missing table is checked first: a query naming it would fail at parse time.
            using (var exists = new NpgsqlCommand("SELECT to_regclass('vdp_outbox') IS NOT NULL", connection))
            {
                if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    return 0;
                }
            }

            using var command = new NpgsqlCommand("SELECT count(*) FROM vdp_outbox", connection);
            var count = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

namespace VisionDrive.Parking.Cutover.Replication;

/// <summary>
/// What the online cutover needs on both stores: the PostgreSQL schema and the cutover tables (<c>vdp_outbox</c>,
/// <c>vdp_stream_checkpoint</c>: <see cref="ParkingSchema.ApplyCutoverAsync"/>), the DynamoDB table and, when asked, its stream
/// (<see cref="TableProvisioner.EnsureStreamAsync"/>, NEW_AND_OLD_IMAGES). Idempotent.
/// </summary>
internal sealed class CutoverProvisioner : IParkingStoreProvisioner
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TableProvisioner _tables;
    private readonly string _table;
    private readonly bool _enableStream;

    public CutoverProvisioner(NpgsqlDataSource dataSource, IAmazonDynamoDB client, string tableName, bool enableStream, ILogger<TableProvisioner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _dataSource = dataSource;
        _tables = new TableProvisioner(client, logger);
        _table = tableName;
        _enableStream = enableStream;
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await ParkingSchema.ApplyAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        await ParkingSchema.ApplyCutoverAsync(_dataSource, cancellationToken).ConfigureAwait(false);
        await _tables.EnsureTableAsync(_table, cancellationToken).ConfigureAwait(false);
        if (_enableStream)
        {
            await _tables.EnsureStreamAsync(_table, cancellationToken).ConfigureAwait(false);
        }
    }
}

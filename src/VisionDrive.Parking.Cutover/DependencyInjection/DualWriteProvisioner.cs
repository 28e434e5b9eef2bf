using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using Npgsql;
using VisionDrive.Parking.Data;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.Data.Postgres;

namespace VisionDrive.Parking.Cutover.DependencyInjection;

/// <summary>
/// The <see cref="IParkingStoreProvisioner"/> of a dual write: both stores (the PostgreSQL schema, the DynamoDB table) and then the
/// cutover's own steps (<see cref="ICutoverProvisioningStep"/>).
/// </summary>
internal sealed class DualWriteProvisioner(
    NpgsqlDataSource dataSource,
    IAmazonDynamoDB client,
    DynamoDbStoreOptions dynamoDbOptions,
    IEnumerable<ICutoverProvisioningStep> steps,
    ILogger<TableProvisioner>? logger) : IParkingStoreProvisioner
{
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await ParkingSchema.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await new TableProvisioner(client, logger).EnsureTableAsync(dynamoDbOptions.TableName, cancellationToken).ConfigureAwait(false);
        foreach (var step in steps)
        {
            await step.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

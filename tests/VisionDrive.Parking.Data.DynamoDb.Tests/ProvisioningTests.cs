using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;
using VisionDrive.Parking.TestSupport;

namespace VisionDrive.Parking.Data.DynamoDb.Tests;

/// <summary>Table provisioning against DynamoDB Local.</summary>
public class ProvisioningTests(DynamoDbServer server) : IClassFixture<DynamoDbServer>
{
    [Fact]
    public async Task Provisioning_twice_is_idempotent_and_gives_the_designed_table_with_ttl()
    {
        var name = server.NewTableName("vdp-provision");
        var provisioner = new TableProvisioner(server.Client);

        var first = await provisioner.EnsureTableAsync(name);
        var second = await provisioner.EnsureTableAsync(name);

        foreach (var table in new[] { first, second })
        {
            table.TableName.Should().Be(name);
            table.TableStatus.Should().Be(TableStatus.ACTIVE);
            table.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).Should().Equal(("PK", "HASH"), ("SK", "RANGE"));
            table.AttributeDefinitions.Should().OnlyContain(d => d.AttributeType == ScalarAttributeType.S);
            var indexes = table.GlobalSecondaryIndexes.ToDictionary(i => i.IndexName);
            indexes.Keys.Should().BeEquivalentTo(["GSI1", "GSI2"]);
            indexes["GSI1"].KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).Should().Equal(("GSI1PK", "HASH"), ("GSI1SK", "RANGE"));
            indexes["GSI2"].KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)).Should().Equal(("GSI2PK", "HASH"), ("GSI2SK", "RANGE"));
            indexes.Values.Should().OnlyContain(i => i.Projection.ProjectionType == ProjectionType.ALL);
        }

        second.CreationDateTime.Should().Be(first.CreationDateTime);
        var described = await server.Client.DescribeTableAsync(name);
        described.Table.BillingModeSummary?.BillingMode.Should().Be(BillingMode.PAY_PER_REQUEST);

        var ttl = await server.Client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = name });
        ttl.TimeToLiveDescription.TimeToLiveStatus.Should().Be(TimeToLiveStatus.ENABLED);
        ttl.TimeToLiveDescription.AttributeName.Should().Be("ttl");
    }

    [Fact]
    public async Task Provisioning_over_a_table_with_a_different_key_schema_fails_naming_what_differs()
    {
        var name = server.NewTableName("vdp-provision-other");
        await server.Client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
        });

        var act = () => new TableProvisioner(server.Client).EnsureTableAsync(name);
        var ex = (await act.Should().ThrowAsync<ParkingDataException>()).Which;
        ex.Message.Should().Contain(name)
            .And.Contain("key schema (id HASH), expected (PK HASH, SK RANGE)")
            .And.Contain("GSI1 (GSI1PK HASH, GSI1SK RANGE) is missing")
            .And.Contain("GSI2 (GSI2PK HASH, GSI2SK RANGE) is missing");
    }

    [Fact]
    public async Task Provisioning_over_a_table_without_the_second_index_fails_naming_it()
    {
        var name = server.NewTableName("vdp-provision-gsi");
        var request = TableProvisioner.CreateRequest(name);
        request.GlobalSecondaryIndexes.RemoveAt(1);
        request.AttributeDefinitions = request.AttributeDefinitions.Where(d => !d.AttributeName.StartsWith("GSI2", System.StringComparison.Ordinal)).ToList();
        await server.Client.CreateTableAsync(request);

        var act = () => new TableProvisioner(server.Client).EnsureTableAsync(name);
        (await act.Should().ThrowAsync<ParkingDataException>()).Which.Message.Should().Contain("GSI2").And.NotContain("GSI1 (");
    }

    [Fact]
    public async Task Provisioning_over_a_table_with_ttl_on_another_attribute_fails_saying_so()
    {
        var name = server.NewTableName("vdp-provision-ttl");
        await server.Client.CreateTableAsync(TableProvisioner.CreateRequest(name));
        await server.Client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = name,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = "expiresAt", Enabled = true },
        });

        var act = () => new TableProvisioner(server.Client).EnsureTableAsync(name);
        (await act.Should().ThrowAsync<ParkingDataException>()).Which.Message.Should().Contain("expiresAt").And.Contain("'ttl'");
    }
}

using System.Collections.Generic;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;

namespace VisionDrive.Parking.Data.Tests.Provisioning;

public class TableProvisionerTests
{
    [Fact]
    public void The_create_request_follows_the_design()
    {
        var request = TableProvisioner.CreateRequest("VisionDrive-Parking");
        request.BillingMode.Should().Be(BillingMode.PAY_PER_REQUEST);
        request.KeySchema.Should().BeEquivalentTo([new KeySchemaElement("PK", KeyType.HASH), new KeySchemaElement("SK", KeyType.RANGE)]);
        request.AttributeDefinitions.Should().HaveCount(6).And.OnlyContain(d => d.AttributeType == ScalarAttributeType.S);
        request.GlobalSecondaryIndexes.Should().HaveCount(2);
        request.GlobalSecondaryIndexes.Should().OnlyContain(i => i.Projection.ProjectionType == ProjectionType.ALL);
        request.GlobalSecondaryIndexes[0].IndexName.Should().Be("GSI1");
        request.GlobalSecondaryIndexes[0].KeySchema[0].AttributeName.Should().Be("GSI1PK");
        request.GlobalSecondaryIndexes[1].KeySchema[1].AttributeName.Should().Be("GSI2SK");
    }

    [Fact]
    public void A_table_described_like_the_create_request_is_compatible()
    {
        TableProvisioner.CheckCompatible("t", Describe(TableProvisioner.CreateRequest("t")));
    }

    [Fact]
    public void A_table_with_another_key_schema_is_incompatible_and_the_message_says_what_differs()
    {
        var table = Describe(TableProvisioner.CreateRequest("t"));
        table.KeySchema = [new KeySchemaElement("id", KeyType.HASH)];
        FluentActions.Invoking(() => TableProvisioner.CheckCompatible("t", table))
            .Should().Throw<ParkingDataException>().WithMessage("*'t'*key schema (id HASH), expected (PK HASH, SK RANGE)*");
    }

    [Fact]
    public void A_table_with_a_numeric_sort_key_is_incompatible()
    {
        var table = Describe(TableProvisioner.CreateRequest("t"));
        table.AttributeDefinitions[1] = new AttributeDefinition("SK", ScalarAttributeType.N);
        FluentActions.Invoking(() => TableProvisioner.CheckCompatible("t", table))
            .Should().Throw<ParkingDataException>().WithMessage("*SK*type N, expected S*");
    }

    [Fact]
    public void A_table_missing_an_index_or_projecting_keys_only_is_incompatible()
    {
        var table = Describe(TableProvisioner.CreateRequest("t"));
        table.GlobalSecondaryIndexes.RemoveAt(1);
        table.GlobalSecondaryIndexes[0].Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY };
        FluentActions.Invoking(() => TableProvisioner.CheckCompatible("t", table))
            .Should().Throw<ParkingDataException>().WithMessage("*GSI1 projects KEYS_ONLY, expected ALL*GSI2 (GSI2PK HASH, GSI2SK RANGE) is missing*");

        table.GlobalSecondaryIndexes = null; // AWSSDK v4: empty collections may be null
        FluentActions.Invoking(() => TableProvisioner.CheckCompatible("t", table))
            .Should().Throw<ParkingDataException>().WithMessage("*GSI1*missing*GSI2*missing*");
    }

    private static TableDescription Describe(CreateTableRequest request)
    {
        var indexes = new List<GlobalSecondaryIndexDescription>();
        foreach (var index in request.GlobalSecondaryIndexes)
        {
            indexes.Add(new GlobalSecondaryIndexDescription
            {
                IndexName = index.IndexName,
                KeySchema = index.KeySchema,
                Projection = index.Projection,
                IndexStatus = IndexStatus.ACTIVE,
            });
        }

        return new TableDescription
        {
            TableName = request.TableName,
            TableStatus = TableStatus.ACTIVE,
            KeySchema = request.KeySchema,
            AttributeDefinitions = [.. request.AttributeDefinitions],
            GlobalSecondaryIndexes = indexes,
        };
    }
}

using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using VisionDrive.Parking.Data.DynamoDb.Provisioning;

namespace VisionDrive.Parking.Migration.MacroBenchmark;

/// <summary>A fresh table per phase (the library's provisioner: PK/SK, GSI1, GSI2, TTL), deleted after it to give DynamoDB Local its memory back.</summary>
internal static class Tables
{
    public static async Task CreateAsync(IAmazonDynamoDB client, string name)
    {
        await DeleteAsync(client, name);
        await new TableProvisioner(client).EnsureTableAsync(name);
    }

    public static async Task DeleteAsync(IAmazonDynamoDB client, string name)
    {
        try
        {
            await client.DeleteTableAsync(name);
        }
        catch (ResourceNotFoundException)
        {
        }
    }
}

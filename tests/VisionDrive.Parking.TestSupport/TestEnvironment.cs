using System;

namespace VisionDrive.Parking.TestSupport;

/// <summary>Where the test servers are: environment variables set by <c>scripts/services.sh</c>.</summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "VDP_TEST_POSTGRES";
    public const string DynamoDbVariable = "VDP_TEST_DYNAMODB_URL";
    public const string MqttVariable = "VDP_TEST_MQTT";

    public const string HowToStart =
        "Start the test servers first: `bash scripts/test.sh` runs every test with them, or `source scripts/services.sh` " +
        "starts PostgreSQL (TLS), DynamoDB Local and mosquitto in your shell and exports " +
        PostgresVariable + ", " + DynamoDbVariable + " and " + MqttVariable + ".";

    public static string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public static string Require(string name, string what) =>
        Get(name) ?? throw new InvalidOperationException($"{what} is not configured: {name} is not set. {HowToStart}");

    /// <summary>The repository root (the folder holding VisionDrive.Parking.Data.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null)
            {
                if (System.IO.File.Exists(System.IO.Path.Combine(dir, "VisionDrive.Parking.Data.sln")))
                {
                    return dir;
                }

                dir = System.IO.Path.GetDirectoryName(dir);
            }

            throw new InvalidOperationException("Cannot find VisionDrive.Parking.Data.sln above " + AppContext.BaseDirectory);
        }
    }
}

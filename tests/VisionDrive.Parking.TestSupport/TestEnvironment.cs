using System;
using VisionDrive.Parking.TestSupport.Servers;

namespace VisionDrive.Parking.TestSupport;

/// <summary>
/// Where the test servers are: environment variables, set by the caller for servers of its own, or else by <see cref="LocalServers"/>,
/// which starts the server the variable stands for the first time a test asks for it.
/// </summary>
public static class TestEnvironment
{
    public const string PostgresVariable = "VDP_TEST_POSTGRES";
    public const string DynamoDbVariable = "VDP_TEST_DYNAMODB_URL";
    public const string MqttVariable = "VDP_TEST_MQTT";

    public const string HowToStart =
        "The test process starts PostgreSQL, DynamoDB Local and mosquitto itself when " + PostgresVariable + ", " + DynamoDbVariable +
        " and " + MqttVariable + " are not set; `bash scripts/test.sh` runs every test, and `bash scripts/services.sh` installs what they need.";

    /// <summary>The variable's value; a server variable that is not set starts its server first (<see cref="LocalServers.EnsureFor"/>).</summary>
    public static string? Get(string name)
    {
        LocalServers.EnsureFor(name);
        return Peek(name);
    }

    /// <summary>The variable's value as it is, starting nothing.</summary>
    public static string? Peek(string name)
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

using System;
using System.Linq;
using System.Reflection;
using Microsoft.Extensions.Logging;
using VisionDrive.Parking.Data.DynamoDb;
using VisionDrive.Parking.Data.Postgres;
using VisionDrive.Parking.Migration;

namespace VisionDrive.Parking.IntegrationTests;

/// <summary>Every <c>[LoggerMessage]</c> event id of the packages is unique across them, and inside its package's range (docs/architecture.md).</summary>
public sealed class LogEventIdTests
{
    private static readonly (Assembly Assembly, int From, int To)[] Ranges =
    [
        (typeof(DynamoDbStoreOptions).Assembly, 1000, 1999),
        (typeof(MigrationEngine).Assembly, 3000, 3999),
        (typeof(PostgresSourceOptions).Assembly, 5000, 5999),
        (typeof(VisionDrive.Parking.Cutover.Replication.ChangedKey).Assembly, 6000, 6999),
    ];

    [Fact]
    public void Each_log_event_id_means_one_thing_across_the_packages_and_lies_in_its_package_range()
    {
        var ids = Ranges
            .SelectMany(r => r.Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                .Select(m => (Method: m.DeclaringType!.FullName + "." + m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>(), r.From, r.To))
                .Where(x => x.Attribute is not null))
            .ToList();

        ids.Should().HaveCountGreaterThan(20, "the packages log through [LoggerMessage] methods");
        ids.Should().AllSatisfy(x => x.Attribute!.EventId.Should().BeInRange(x.From, x.To, x.Method));
        ids.GroupBy(x => x.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Method))}")
            .Should().BeEmpty("an event id names one message");
    }
}

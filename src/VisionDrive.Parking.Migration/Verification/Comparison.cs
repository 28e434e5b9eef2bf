using System;
using System.Collections.Generic;
using Amazon.DynamoDBv2.Model;

namespace VisionDrive.Parking.Migration.Verification;

/// <summary>Source and target side by side for one entity type.</summary>
internal sealed class Comparison
{
    public EntityDigest Source { get; } = new();

    public EntityDigest Target { get; } = new();

    public long SourceRows { get; set; }

    public long Rejected { get; set; }

    /// <summary>Keys (PK|SK) in the source but not in the target, with the source item.</summary>
    public Dictionary<string, Dictionary<string, AttributeValue>> Missing { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys in the target but not in the source, with the target key attributes.</summary>
    public Dictionary<string, Dictionary<string, AttributeValue>> Extra { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys on both sides whose content differs, with the source item.</summary>
    public Dictionary<string, Dictionary<string, AttributeValue>> Different { get; } = new(StringComparer.Ordinal);

    public bool Matches => Source.SameAs(Target);
}

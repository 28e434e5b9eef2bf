using System.Text.Json.Serialization;

namespace VisionDrive.Parking.Cutover;

/// <summary>
/// Where the cutover stands (the API sample's <c>GET /cutover</c>, <c>vdp cutover status</c>). JSON names: <c>phase</c>, <c>primary</c>,
/// <c>pendingSecondaryWrites</c>, <c>shadowReads</c>, <c>shadowMismatches</c>.
/// </summary>
/// <param name="Phase">The phase: <c>Postgres</c>, <c>DualWrite</c> or <c>DynamoDb</c> (<see cref="ParkingStoreKind"/>).</param>
/// <param name="Primary">The primary of a dual write (<c>Postgres</c> or <c>DynamoDb</c>); in a single-store phase, that store.</param>
/// <param name="PendingSecondaryWrites">Secondary writes recorded durably and not yet applied (outbox rows, stream records behind); 0 in a single-store phase.</param>
/// <param name="ShadowReads">Shadow reads made by this process since it started.</param>
/// <param name="ShadowMismatches">Shadow reads of this process whose two answers differed in canonical form.</param>
public sealed record CutoverStatus(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("primary")] string? Primary,
    [property: JsonPropertyName("pendingSecondaryWrites")] long PendingSecondaryWrites,
    [property: JsonPropertyName("shadowReads")] long ShadowReads,
    [property: JsonPropertyName("shadowMismatches")] long ShadowMismatches);

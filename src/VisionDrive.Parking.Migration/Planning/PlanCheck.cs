namespace VisionDrive.Parking.Migration.Planning;

/// <summary>One condition of Import from S3 and whether the load meets it.</summary>
/// <param name="Name">What is checked, e.g. <c>new-table</c>.</param>
/// <param name="Passed">Whether the load meets it.</param>
/// <param name="Detail">The figures, in words.</param>
public sealed record PlanCheck(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("detail")] string Detail);

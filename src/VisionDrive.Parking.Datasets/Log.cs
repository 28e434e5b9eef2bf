using Microsoft.Extensions.Logging;

namespace VisionDrive.Parking.Datasets;

/// <summary>Source-generated log messages of the datasets.</summary>
internal static partial class Log
{
    /// <summary>Kept from when the datasets were part of the PostgreSQL store package (its other ids are 5001 to 5004).</summary>
    public const int SeededId = 5005;

    [LoggerMessage(EventId = SeededId, Level = LogLevel.Information,
        Message = "Seeded dataset {Dataset} (seed {Seed}): {Rows} rows in {ElapsedMs} ms")]
    public static partial void Seeded(ILogger logger, string dataset, int seed, long rows, long elapsedMs);
}

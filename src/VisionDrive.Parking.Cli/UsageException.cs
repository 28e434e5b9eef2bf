namespace VisionDrive.Parking.Cli;

/// <summary>Bad usage: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

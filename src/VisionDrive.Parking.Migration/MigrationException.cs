namespace VisionDrive.Parking.Migration;

/// <summary>A run cannot start or go on: a locked, corrupt or unwritable state directory, expired TTLs, an option mismatch. The message says what to do.</summary>
public sealed class MigrationException : ParkingDataException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public MigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public MigrationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

namespace VisionDrive.Parking.Data;

/// <summary>The base of the exceptions this library throws for data it cannot handle; the message says what to do.</summary>
public class ParkingDataException : Exception
{
    /// <summary>Creates an exception.</summary>
    public ParkingDataException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public ParkingDataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ParkingDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether retrying the same operation may succeed (a throttle, a timeout); <see langword="false"/> for bad data.</summary>
    public virtual bool IsTransient => false;
}

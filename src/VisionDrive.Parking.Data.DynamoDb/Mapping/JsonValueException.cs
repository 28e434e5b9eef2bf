namespace VisionDrive.Parking.Data.DynamoDb.Mapping;

/// <summary>A JSON value DynamoDB cannot hold (or an attribute value that is not JSON); <see cref="Path"/> says where, relative to the document root.</summary>
internal sealed class JsonValueException : ParkingDataException
{
    public JsonValueException(string path, string reason, Exception? innerException = null)
        : base(path.Length == 0 ? reason : $"At '{path}': {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The path below the root, e.g. <c>payload.readings[2]</c>; empty for the root itself.</summary>
    public string Path { get; }

    /// <summary>What is wrong and what to do.</summary>
    public string Reason { get; }

    /// <summary>A copy with <paramref name="segment"/> in front of the path (used while unwinding, so the success path builds no paths).</summary>
    /// <param name="segment">A member name, or an array index written as <c>[i]</c>.</param>
    /// <returns>The exception with the longer path.</returns>
    public JsonValueException Prepend(string segment) =>
        new(Path.Length == 0 || Path[0] == '[' ? segment + Path : segment + "." + Path, Reason, InnerException);
}

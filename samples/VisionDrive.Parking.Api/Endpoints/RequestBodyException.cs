using System;

namespace VisionDrive.Parking.Api.Endpoints;

/// <summary>A request body that cannot be used: not a JSON object, an unknown field, or a field of the wrong kind; a 400 that names the field.</summary>
internal sealed class RequestBodyException(string field, string message) : Exception(message)
{
    /// <summary>The field (or <c>body</c>) at fault.</summary>
    public string Field { get; } = field;
}

namespace VisionDrive.Parking.Migration.Import;

/// <summary>What an upload of an export did.</summary>
/// <param name="Uploaded">Objects uploaded by this run.</param>
/// <param name="Skipped">Objects already in the bucket with the manifest's SHA-256 and size, left as they were.</param>
/// <param name="Bytes">Bytes uploaded by this run.</param>
public sealed record UploadResult(int Uploaded, int Skipped, long Bytes);

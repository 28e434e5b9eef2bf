namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>One source row after the transform stage: its item, or the failure that keeps it out of the table; and its data-quality warnings.</summary>
/// <param name="Key">The row's source key (the checkpoint's resume key).</param>
/// <param name="Item">The item, or <see langword="null"/> for a rejected row.</param>
/// <param name="Failure">Why the row is rejected, or <see langword="null"/>.</param>
/// <param name="Warnings">The row's data-quality warnings (the row migrates anyway); empty when none or not inspected.</param>
internal readonly record struct TransformedRow(string Key, Dictionary<string, AttributeValue>? Item, RowFailure? Failure, IReadOnlyList<DataQualityWarning> Warnings);

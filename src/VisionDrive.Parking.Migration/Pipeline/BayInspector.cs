namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>Bays: a code used by another bay of the same zone. On a resume it reads the bays up to the checkpoint again to know their codes.</summary>
internal sealed class BayInspector(SourceStage<Bay> source, SourceReadOptions read) : IDataQualityInspector<Bay>
{
    private readonly FirstOwners _codes = new();

    public async ValueTask PrepareAsync(string? resumeAfterKey, CancellationToken cancellationToken)
    {
        _codes.Clear();
        if (resumeAfterKey is null)
        {
            return;
        }

        await foreach (var row in source.ReadAsync(read with { AfterKey = null, UpToKey = resumeAfterKey }, cancellationToken).ConfigureAwait(false))
        {
            if (row.Entity is { } b)
            {
                _codes.Claim(CodeInZone(b), b.Id);
            }
        }
    }

    public void Inspect(Bay entity, List<DataQualityWarning> warnings)
    {
        if (!_codes.Claim(CodeInZone(entity), entity.Id))
        {
            warnings.Add(new DataQualityWarning(EntityType.Bay.Name(), entity.Id, "code",
                $"Bay code '{entity.Code}' is used by another bay of zone '{entity.ZoneId}'; both are migrated (the sort key includes the bay id)."));
        }
    }

    private static string CodeInZone(Bay b) => b.ZoneId + "\u0001" + b.Code;
}

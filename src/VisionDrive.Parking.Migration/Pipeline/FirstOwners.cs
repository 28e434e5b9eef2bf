namespace VisionDrive.Parking.Migration.Pipeline;

/// <summary>
/// The first row (in source order) to claim each value, e.g. a DevEUI: a row that is not the first owner shares its value with another.
/// A row read again (after a resume) is its own owner, not "another" row.
/// </summary>
internal sealed class FirstOwners
{
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public void Clear() => _owners.Clear();

    /// <summary>Records <paramref name="id"/> as the owner of <paramref name="value"/> when it has none; returns whether <paramref name="id"/> is the owner.</summary>
    public bool Claim(string value, string id)
    {
        if (!_owners.TryGetValue(value, out var owner))
        {
            _owners[value] = owner = id;
        }

        return string.Equals(owner, id, StringComparison.Ordinal);
    }
}

namespace VisionDrive.Parking.Cli;

/// <summary>The secrets this process knows (the source password, the AWS secret key): every line it prints or writes passes through <see cref="Redact"/>.</summary>
internal static class Secrets
{
    private static readonly object Gate = new();
    private static string[] _known = [];

    public static void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 3)
        {
            return;
        }

        lock (Gate)
        {
            _known = _known.Append(secret).Append(Uri.EscapeDataString(secret)).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
        }
    }

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        foreach (var s in _known)
        {
            text = text.Replace(s, "***", StringComparison.Ordinal);
        }

        return text;
    }

    public static IEnumerable<string> Known => _known;
}

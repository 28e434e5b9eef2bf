using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;

namespace VisionDrive.Parking.Data.Postgres;

/// <summary>
/// Builds the <see cref="NpgsqlDataSource"/> the store and the readers use: URL or Npgsql connection strings, TLS verified by default,
/// passwords never logged or echoed.
/// </summary>
public static partial class ParkingDataSource
{
    private static readonly string[] PasswordKeys = ["password", "pwd", "psw"];

    private static readonly Dictionary<string, string> UrlParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["search_path"] = "Search Path",
    };

    private static readonly Dictionary<string, string> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    /// <summary>
    /// Builds a data source. The SSL mode is <c>VerifyFull</c> unless the connection string names another one; a mode that does not verify
    /// the server (<c>Disable</c>, <c>Allow</c>, <c>Prefer</c>, <c>Require</c>) is refused unless <see cref="PostgresSourceOptions.AllowInsecureTls"/>
    /// is set, and then a warning is logged. A Unix-domain socket (every <c>Host</c> a directory starting with <c>/</c>, e.g.
    /// <c>Host=/var/run/postgresql</c>) is accepted as it is, with no warning: TLS does not apply to a local socket. Nothing is connected yet.
    /// </summary>
    /// <param name="options">The connection options.</param>
    /// <param name="loggerFactory">Receives this library's and Npgsql's logs (Npgsql parameter logging stays off); <see langword="null"/> for none.
    /// Npgsql's per-statement log lines (category <c>Npgsql.Command</c>, Information in Npgsql) come at Debug: enable that category at Debug to see them.</param>
    /// <returns>A data source; dispose it when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The connection string is empty or malformed, the CA file does not exist, or TLS would not be verified
    /// without <see cref="PostgresSourceOptions.AllowInsecureTls"/>. The message never contains the password.</exception>
    public static NpgsqlDataSource Create(PostgresSourceOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException(
                "PostgresSourceOptions.ConnectionString is empty: give an Npgsql connection string (Host=…;Database=…;Username=…) or a URL (postgres://user@host:port/db).");
        }

        var npgsqlForm = ParseConnectionString(options.ConnectionString);
        NpgsqlConnectionStringBuilder csb;
        try
        {
            csb = new NpgsqlConnectionStringBuilder(npgsqlForm);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException or KeyNotFoundException)
        {
            throw new ArgumentException(
                "The connection string is not valid: " + Scrub(ex.Message, npgsqlForm) + " (the connection string is not repeated here because it may hold a password).",
                ex);
        }

        // TLS does not apply to a Unix-domain socket (libpq and Npgsql ignore the SSL mode there): nothing to verify, nothing to warn about.
        var localSocket = IsUnixSocket(csb.Host);
        var explicitMode = HasKey(npgsqlForm, "ssl mode", "sslmode");
        if (!explicitMode && !localSocket)
        {
            csb.SslMode = SslMode.VerifyFull;
        }

        var trustsAnyCertificate = HasKey(npgsqlForm, "trust server certificate", "trustservercertificate");
        var verified = localSocket || (csb.SslMode is SslMode.VerifyFull or SslMode.VerifyCA && !trustsAnyCertificate);
        if (!verified && !options.AllowInsecureTls)
        {
            throw new ArgumentException(
                $"The connection string asks for SSL Mode={csb.SslMode}{(trustsAnyCertificate ? " with Trust Server Certificate" : "")}, which does not verify the server's certificate: " +
                "a man in the middle could read the data and the password. Use SSL Mode=VerifyFull (the default when no SSL Mode is given) and point " +
                "PostgresSourceOptions.RootCertificatePath at the server's CA file, or set PostgresSourceOptions.AllowInsecureTls = true to accept an unverified connection knowingly.");
        }

        if (!string.IsNullOrEmpty(options.RootCertificatePath))
        {
            if (!File.Exists(options.RootCertificatePath))
            {
                throw new ArgumentException(
                    $"PostgresSourceOptions.RootCertificatePath '{options.RootCertificatePath}' does not exist: give the PEM file of the CA that signed the server certificate.");
            }

            csb.RootCertificate = options.RootCertificatePath;
        }

        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(typeof(ParkingDataSource).FullName!);
        if (options.AllowInsecureTls && !localSocket)
        {
            Log.InsecureTls(logger, csb.SslMode.ToString(), csb.Host ?? "(none)");
        }

        Log.DataSourceCreated(logger, csb.Host ?? "(none)", csb.Port, csb.Database ?? "(default)", csb.Username ?? "(default)", csb.SslMode.ToString());
        var builder = new NpgsqlDataSourceBuilder(csb.ConnectionString);
        if (loggerFactory is not null)
        {
            // Npgsql logs every executed statement at Information (category Npgsql.Command): one line per query drowns an application's logs.
            // Those lines come at Debug instead, so they are off unless the host turns that category on.
            builder.UseLoggerFactory(new CommandLogDemotingLoggerFactory(loggerFactory));
        }

        return builder.Build();
    }

    /// <summary>
    /// Turns a URL (<c>postgres://user:pass@host:port/db?sslmode=verify-full&amp;sslrootcert=/path/ca.pem</c>, user, password and database
    /// percent-decoded) into an Npgsql connection string; an Npgsql connection string is returned as it is.
    /// URL parameters understood: <c>sslmode</c>, <c>sslrootcert</c>, <c>sslcert</c>, <c>sslkey</c>, <c>application_name</c>, <c>connect_timeout</c>,
    /// <c>target_session_attrs</c>, <c>options</c>, <c>search_path</c>.
    /// </summary>
    /// <param name="urlOrConnectionString">A URL or an Npgsql connection string.</param>
    /// <returns>An Npgsql connection string.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="urlOrConnectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The URL is malformed or has an unsupported parameter; the message never contains the password.</exception>
    public static string ParseConnectionString(string urlOrConnectionString)
    {
        ArgumentNullException.ThrowIfNull(urlOrConnectionString);
        var text = urlOrConnectionString.Trim();
        return TrySplitScheme(text, out var rest) ? ParseUrl(rest) : text;
    }

    /// <summary>Replaces the password of a connection string (Npgsql or URL form) with <c>***</c>, for logs and reports.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The connection string without its password (in Npgsql form when it could be parsed).</returns>
    public static string Redact(string connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return connectionString ?? "";
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = ParseConnectionString(connectionString) };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (PasswordKeys.Any(k => key.Contains(k, StringComparison.OrdinalIgnoreCase)))
                {
                    builder[key] = "***";
                }
            }

            // Defence in depth: whatever the parser made of an odd string, no password=… pair survives.
            return UrlPasswordRegex().Replace(PasswordPairRegex().Replace(builder.ConnectionString, "$1=***"), "$1:***@");
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            var s = PasswordPairRegex().Replace(connectionString, "$1=***");
            s = UrlPasswordRegex().Replace(s, "$1:***@");
            return s;
        }
    }

    /// <summary>Removes the password of <paramref name="connectionString"/> from <paramref name="message"/> wherever it occurs.</summary>
    internal static string Scrub(string message, string connectionString)
    {
        var password = TryGetPassword(connectionString);
        return string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);
    }

    internal static string? TryGetPassword(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = ParseConnectionString(connectionString) };
            foreach (var key in PasswordKeys)
            {
                if (builder.TryGetValue(key, out var value) && value is string s && s.Length > 0)
                {
                    return s;
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            var m = PasswordPairRegex().Match(connectionString);
            if (m.Success)
            {
                return m.Groups[2].Value.Trim('"', '\'');
            }
        }

        return null;
    }

    /// <summary>Whether every host is a Unix-domain socket directory (a path starting with '/'), as libpq and Npgsql read <c>Host</c>.</summary>
    internal static bool IsUnixSocket(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        var hosts = host.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return hosts.Length > 0 && hosts.All(h => h.StartsWith('/'));
    }

    private static bool HasKey(string connectionString, params string[] keys)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(builder.ContainsKey);
    }

    private static bool TrySplitScheme(string text, out string rest)
    {
        foreach (var scheme in (string[])["postgresql://", "postgres://"])
        {
            if (text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                rest = text[scheme.Length..];
                return true;
            }
        }

        rest = "";
        return false;
    }

    private static string ParseUrl(string rest)
    {
        var query = "";
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', rest.LastIndexOf('@') + 1);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[(slash + 1)..] : "";
        var builder = new NpgsqlConnectionStringBuilder();
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Decode(colon >= 0 ? userInfo[..colon] : userInfo, "user name");
            if (user.Length > 0)
            {
                builder.Username = user;
            }

            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..], "password");
            }
        }

        var hosts = authority.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (hosts.Length == 0)
        {
            throw new ArgumentException("The connection URL has no host: write postgres://user@host:port/database.");
        }

        var parsed = hosts.Select(ParseHostPort).ToList();
        if (parsed.Count == 1)
        {
            builder.Host = parsed[0].Host;
            if (parsed[0].Port is { } port)
            {
                builder.Port = port;
            }
        }
        else
        {
            builder.Host = string.Join(',', parsed.Select(h => h.Port is { } p ? h.Host + ":" + p.ToString(CultureInfo.InvariantCulture) : h.Host));
        }

        var database = Decode(path.TrimEnd('/'), "database");
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq >= 0 ? pair[..eq] : pair, "parameter name");
            var value = eq >= 0 ? Decode(pair[(eq + 1)..], "parameter value") : "";
            if (!UrlParameters.TryGetValue(key, out var npgsqlKey))
            {
                throw new ArgumentException(
                    $"The connection URL parameter '{key}' is not supported; supported: {string.Join(", ", UrlParameters.Keys)}. Use an Npgsql connection string for other settings.");
            }

            if (npgsqlKey == "SSL Mode")
            {
                if (!SslModes.TryGetValue(value, out var mode))
                {
                    throw new ArgumentException(
                        $"The sslmode '{value}' is not known; use one of {string.Join(", ", SslModes.Keys)}.");
                }

                value = mode;
            }

            try
            {
                builder[npgsqlKey] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                throw new ArgumentException($"The connection URL parameter '{key}' has an invalid value.");
            }
        }

        return builder.ConnectionString;
    }

    private static (string Host, int? Port) ParseHostPort(string hostPort)
    {
        string host;
        string? portText = null;
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ArgumentException("The connection URL has an IPv6 host without its closing ']'.");
            }

            host = hostPort[1..close];
            if (close + 1 < hostPort.Length && hostPort[close + 1] == ':')
            {
                portText = hostPort[(close + 2)..];
            }
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon >= 0 ? hostPort[..colon] : hostPort;
            portText = colon >= 0 ? hostPort[(colon + 1)..] : null;
        }

        host = Decode(host, "host");
        if (host.Length == 0)
        {
            throw new ArgumentException("The connection URL has an empty host: write postgres://user@host:port/database.");
        }

        if (string.IsNullOrEmpty(portText))
        {
            return (host, null);
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException("The port in the connection URL is not a number between 1 and 65535.");
        }

        return (host, port);
    }

    private static string Decode(string value, string what)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            throw new ArgumentException($"The {what} in the connection URL is not correctly percent-encoded.");
        }
    }

    [GeneratedRegex("(?i)\\b(password|pwd|psw)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^;]*)")]
    private static partial Regex PasswordPairRegex();

    [GeneratedRegex("(://[^:/@]*):[^@/]*@")]
    private static partial Regex UrlPasswordRegex();
}

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>
/// The values a source query filters on (resume key, upper key, event time range, segment, page size), passed as parameters, never spliced
/// into the SQL text. Each value is sent as text and cast in the SQL (<c>@p0::timestamptz</c>), as the key it comes from is text. A
/// <c>COPY</c> takes no parameters: for it (<see cref="ForCopy"/>) the values are set as settings of the session (<c>set_config</c>, itself
/// parameterised) and the SQL reads them with <c>current_setting</c>.
/// </summary>
internal sealed class SqlArguments
{
    private readonly List<string> _values = [];
    private readonly bool _inSession;

    private SqlArguments(bool inSession) => _inSession = inSession;

    public static SqlArguments ForCommand() => new(inSession: false);

    public static SqlArguments ForCopy() => new(inSession: true);

    /// <summary>A text value; returns the SQL that stands for it.</summary>
    public string Text(string value) => Add(value, "text");

    /// <summary>A UTC time (<see cref="DateTime.MaxValue"/>/<see cref="DateTime.MinValue"/> are ±infinity); returns the SQL that stands for it.</summary>
    public string Time(DateTime utc) => Add(
        utc == DateTime.MaxValue ? SourceKey.Infinity
        : utc == DateTime.MinValue ? SourceKey.NegativeInfinity
        : KeyTime.ToKey(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))),
        "timestamptz");

    /// <summary>A time as the source printed it (a value outside .NET's range); returns the SQL that stands for it.</summary>
    public string TimeText(string sourceText) => Add(sourceText, "timestamptz");

    /// <summary>An integer; returns the SQL that stands for it.</summary>
    public string Integer(long value) => Add(value.ToString(CultureInfo.InvariantCulture), "bigint");

    /// <summary>Adds the parameters to a command built from SQL of <see cref="ForCommand"/>.</summary>
    public void Bind(NpgsqlCommand command)
    {
        for (var i = 0; i < _values.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter(Name(i), NpgsqlDbType.Text) { Value = _values[i] });
        }
    }

    /// <summary>Sets the values as settings of the connection's session, for SQL of <see cref="ForCopy"/>.</summary>
    public async Task SetInSessionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_values.Count == 0)
        {
            return;
        }

        var sql = new StringBuilder("SELECT ");
        for (var i = 0; i < _values.Count; i++)
        {
            sql.Append(i > 0 ? ", " : "").Append("set_config('vdp.").Append(Name(i)).Append("', @").Append(Name(i)).Append(", false)");
        }

        using var command = new NpgsqlCommand(sql.ToString(), connection);
        Bind(command);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private string Add(string value, string sqlType)
    {
        var name = Name(_values.Count);
        _values.Add(value);
        return _inSession ? $"current_setting('vdp.{name}')::{sqlType}" : $"@{name}::{sqlType}";
    }

    private static string Name(int index) => "p" + index.ToString(CultureInfo.InvariantCulture);
}

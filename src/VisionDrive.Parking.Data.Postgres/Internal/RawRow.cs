using System.Text.Encodings.Web;
using System.Text.Json;

namespace VisionDrive.Parking.Data.Postgres.Internal;

/// <summary>
/// One row as read from the source, every value nullable, with the text of any timestamp .NET cannot hold. Mappers take values
/// through the accessors, which record the first value that cannot become part of an entity.
/// </summary>
internal sealed class RawRow
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public RawRow(SourceColumn[] columns)
    {
        Columns = columns;
        Values = new object?[columns.Length];
        BadTimes = new string?[columns.Length];
    }

    public SourceColumn[] Columns { get; }

    public object?[] Values { get; }

    public string?[] BadTimes { get; }

    public string? FailedColumn { get; private set; }

    public string? FailureReason { get; private set; }

    public void Reset()
    {
        Array.Clear(Values);
        Array.Clear(BadTimes);
        FailedColumn = null;
        FailureReason = null;
    }

    public string Text(int i)
    {
        if (Values[i] is string s)
        {
            return s;
        }

        Fail(i, "is NULL, but the entity needs a value (the column may lack its NOT NULL constraint in this database); fix the row at the source.");
        return "";
    }

    public string? OptionalText(int i) => Values[i] as string;

    public double? OptionalDouble(int i) => Values[i] as double?;

    public JsonText? OptionalJson(int i) => Values[i] is string s ? TrustedJson.Wrap(s) : null;

    public DateTimeOffset Time(int i)
    {
        if (BadTimes[i] is { } bad)
        {
            Fail(i, BadTimeReason(bad));
            return default;
        }

        if (Values[i] is DateTime t)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc));
        }

        Fail(i, "is NULL, but the entity needs a value (the column may lack its NOT NULL constraint in this database); fix the row at the source.");
        return default;
    }

    public DateTimeOffset? OptionalTime(int i)
    {
        if (BadTimes[i] is { } bad)
        {
            Fail(i, BadTimeReason(bad));
            return null;
        }

        return Values[i] is DateTime t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    /// <summary>The time as a key component: the fixed-width key time, <c>infinity</c>/<c>-infinity</c>, the source text when out of range, or <c>NULL</c>.</summary>
    public string TimeKey(int i) => BadTimes[i] is { } bad
        ? bad
        : Values[i] is DateTime t ? Keys.KeyTime.ToKey(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : "NULL";

    /// <summary>The row's own columns as a JSON object (derived columns left out); JSON columns embedded as JSON, bad times as their source text.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            for (var i = 0; i < Columns.Length; i++)
            {
                var column = Columns[i];
                if (column.Derived)
                {
                    continue;
                }

                writer.WritePropertyName(column.Name);
                switch (Values[i])
                {
                    case null when BadTimes[i] is { } bad:
                        writer.WriteStringValue(bad);
                        break;
                    case null:
                        writer.WriteNullValue();
                        break;
                    case string s when column.Kind == ColumnKind.Json:
                        writer.WriteRawValue(s, skipInputValidation: true);
                        break;
                    case string s:
                        writer.WriteStringValue(s);
                        break;
                    case double d when double.IsFinite(d):
                        writer.WriteNumberValue(d);
                        break;
                    case double d:
                        writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                        break;
                    case DateTime t:
                        writer.WriteStringValue(Keys.KeyTime.ToKey(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))));
                        break;
                    default:
                        writer.WriteStringValue(Values[i]!.ToString());
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string BadTimeReason(string bad) =>
        $"holds '{bad}', which is not a finite time between 0001-01-01 and 9999-12-31 UTC; fix the row at the source.";

    private void Fail(int i, string reason)
    {
        if (FailedColumn is null)
        {
            FailedColumn = Columns[i].Name;
            FailureReason = reason;
        }
    }
}

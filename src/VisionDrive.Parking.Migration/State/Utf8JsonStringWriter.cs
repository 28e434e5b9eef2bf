using System.Text.Encodings.Web;

namespace VisionDrive.Parking.Migration.State;

/// <summary>Writes one reject line: <c>{"table", "primaryKey", "field", "reason", "row"}</c> with the row embedded as JSON.</summary>
internal sealed class Utf8JsonStringWriter : IDisposable
{
    private readonly TextWriter _target;
    private readonly MemoryStream _buffer = new();
    private readonly Utf8JsonWriter _writer;

    public Utf8JsonStringWriter(TextWriter target)
    {
        _target = target;
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void WriteReject(RowFailure failure)
    {
        _writer.WriteStartObject();
        _writer.WriteString("table", failure.Table);
        _writer.WriteString("primaryKey", failure.PrimaryKey);
        _writer.WriteString("field", failure.Field);
        _writer.WriteString("reason", failure.Reason);
        _writer.WritePropertyName("row");
        try
        {
            using var doc = JsonDocument.Parse(failure.RowJson, new JsonDocumentOptions { MaxDepth = 1024 });
            doc.RootElement.WriteTo(_writer);
        }
        catch (JsonException)
        {
            _writer.WriteStringValue(failure.RowJson);
        }

        _writer.WriteEndObject();
    }

    public void Dispose()
    {
        _writer.Flush();
        _target.Write(Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length));
        _writer.Dispose();
        _buffer.Dispose();
    }
}

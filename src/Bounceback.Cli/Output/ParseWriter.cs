using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Json;

namespace Bounceback.Cli.Output;

internal enum ParseFormat
{
    Table,
    Json,
    JsonLines,
    Csv,
}

/// <summary>Counts of one parse run, for the summary line.</summary>
internal sealed class ParseCounts
{
    public int Messages { get; set; }
    public int Bounces { get; set; }
    public int Recipients { get; set; }
    public int NotBounces { get; set; }
    public int Unreadable { get; set; }
}

/// <summary>Writes parse results as a readable table, a JSON array, or JSON lines (streamed).</summary>
/// <remarks>With <paramref name="utf8"/> (the stream under <paramref name="output"/>, when the command opened it
/// itself), JSON lines are written as UTF-8 straight into that stream in blocks of whole lines, not through a string
/// and the text writer's encoder; the bytes are the same.</remarks>
internal sealed class ParseWriter(TextWriter output, ParseFormat format, Language language, bool color, Stream? utf8 = null)
{
    /// <summary>JSON lines are handed to the stream once this many bytes are waiting.</summary>
    private const int LineBlockBytes = 64 * 1024;

    private readonly List<BounceResult> _buffered = [];
    private readonly ArrayBufferWriter<byte>? _lines = utf8 is null ? null : new ArrayBufferWriter<byte>(LineBlockBytes * 2);
    private readonly byte[] _newLine = Encoding.UTF8.GetBytes(output.NewLine);
    private Utf8JsonWriter? _json;
    private readonly JsonLineWriter _jsonLine = new();
    private bool _textFlushed;
    private readonly CsvWriter _csv = new(output);
    private readonly ExplanationCatalog _catalog = ExplanationCatalog.Default;
    private bool _headerWritten;

    public void Write(BounceResult result)
    {
        switch (format)
        {
            case ParseFormat.JsonLines when _lines is not null:
                WriteUtf8Line(result, _lines);
                break;
            case ParseFormat.JsonLines:
                output.WriteLine(JsonSerializer.Serialize(result, BouncebackJsonContext.Default.BounceResult));
                break;
            case ParseFormat.Json:
                _buffered.Add(result);
                break;
            case ParseFormat.Csv:
                _csv.Write(result);
                break;
            default:
                WriteRow(result);
                break;
        }
    }

    private void WriteUtf8Line(BounceResult result, ArrayBufferWriter<byte> lines)
    {
        if (_json is null) _json = new Utf8JsonWriter(lines);
        else _json.Reset(lines);
        _jsonLine.Write(_json, result);
        _json.Flush();
        lines.Write(_newLine);
        if (lines.WrittenCount >= LineBlockBytes) Flush();
    }

    /// <summary>Hands the JSON lines still waiting to the stream (whole lines only); called at the end and on early exits.</summary>
    public void Flush()
    {
        if (_lines is null || _lines.WrittenCount == 0 || utf8 is null) return;
        if (!_textFlushed)
        {
            // Whatever went through the text writer before comes first.
            output.Flush();
            _textFlushed = true;
        }
        utf8.Write(_lines.WrittenSpan);
        _lines.ResetWrittenCount();
    }

    public void Finish(ParseCounts counts)
    {
        Flush();
        if (format == ParseFormat.Json)
        {
            output.WriteLine(JsonSerializer.Serialize<IReadOnlyList<BounceResult>>(_buffered, BouncebackJsonContext.Default.IReadOnlyListBounceResult));
            return;
        }
        if (format == ParseFormat.Table)
        {
            output.WriteLine();
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, _catalog.Text("parse.summary", language),
                counts.Messages, counts.Bounces, counts.Recipients, counts.NotBounces, counts.Unreadable));
        }
    }

    private void WriteRow(BounceResult r)
    {
        if (!_headerWritten)
        {
            output.WriteLine($"{T("parse.column.recipient"),-40} {T("parse.column.reason"),-16} {T("parse.column.status"),-8} {T("parse.column.hard"),-5} {T("parse.column.source")}");
            _headerWritten = true;
        }
        var hard = r.HardBounce ? T("parse.yes") : T("parse.no");
        var reason = r.Reason.Token();
        if (color && r.HardBounce) reason = "\u001b[31m" + reason.PadRight(16) + "\u001b[0m";
        var source = r.MessageIndex is { } i ? $"{r.Source}#{i.ToString(CultureInfo.InvariantCulture)}" : r.Source;
        output.WriteLine($"{Clip(r.Recipient, 40),-40} {reason,-16} {r.Status ?? "-",-8} {hard,-5} {source}");
        if (r.DiagnosticCode is { Length: > 0 } d)
        {
            output.WriteLine($"    {Clip(d, 110)}");
        }
    }

    private string T(string key) => _catalog.Text(key, language);

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

using System.Globalization;
using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;

namespace Bounceback.Cli.Output;

/// <summary>
/// Parse results as RFC 4180 CSV, one row per recipient, CRLF line ends. Every field that needs it is quoted with
/// doubled quotes; a cell starting with = + - @ (a spreadsheet formula) gets a leading apostrophe so that hostile
/// bounce text cannot run as a formula when the file is opened in a spreadsheet.
/// </summary>
internal sealed class CsvWriter(TextWriter output)
{
    private static readonly string[] Header =
    [
        "source", "messageIndex", "recipient", "sender", "status", "replyCode", "reason", "hardBounce", "action",
        "diagnosticCode", "diagnosticType", "remoteMta", "reportingMta", "command", "decoder", "timestamp",
        "originalMessageId", "originalSubject", "feedbackType",
    ];

    private bool _headerWritten;

    /// <summary>ISO 8601 as the JSON records write a time: seconds, fractions only when there are any, and the offset.</summary>
    private const string JsonTimestamp = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz";

    public void Write(BounceResult r)
    {
        if (!_headerWritten)
        {
            output.Write(string.Join(',', Header));
            output.Write("\r\n");
            _headerWritten = true;
        }
        string?[] fields =
        [
            r.Source, r.MessageIndex?.ToString(CultureInfo.InvariantCulture), r.Recipient, r.Sender, r.Status,
            r.ReplyCode?.ToString(CultureInfo.InvariantCulture), r.Reason.Token(), r.HardBounce ? "true" : "false", r.Action,
            r.DiagnosticCode, r.DiagnosticType, r.RemoteMta, r.ReportingMta, r.Command, r.Decoder,
            r.Timestamp?.ToString(JsonTimestamp, CultureInfo.InvariantCulture), r.OriginalMessageId, r.OriginalSubject, r.FeedbackType,
        ];
        var line = new StringBuilder(256);
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(Field(fields[i]));
        }
        line.Append("\r\n");
        output.Write(line.ToString());
    }

    /// <summary>One CSV field: quoted when it holds a comma, quote, CR or LF, or starts/ends with a space.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        return needsQuotes ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using Bounceback.Core.Json;
using DiagnosisRecord = Bounceback.Core.Diagnosis.Diagnosis;

namespace Bounceback.Cli.Output;

/// <summary>
/// Writes one <see cref="BounceResult"/> as the same JSON as <see cref="BouncebackJsonContext"/> gives, byte for byte,
/// without the serializer's per-property metadata walk: a bulk parse writes one line per recipient, and the serializer
/// was most of the cost of the output. Explanations repeat (a bulk run has a few hundred distinct ones), so each
/// distinct one is written once and its bytes copied after that.
/// </summary>
/// <remarks>Not thread-safe: one per output. The field order and the rules (every field but messageIndex written,
/// null included) are the contract's; a test compares this writer with the serializer over every fixture and checks
/// that it writes every field the contract has.</remarks>
internal sealed class JsonLineWriter
{
    /// <summary>Explanations remembered; past this many the cache starts again (memory stays bounded).</summary>
    private const int MaxCachedExplanations = 4096;

    /// <summary>The contract's field names in the contract's order, as <see cref="Write"/> writes them.</summary>
    internal static readonly string[] ResultFields =
    [
        "source", "messageIndex", "recipient", "sender", "status", "replyCode", "reason", "hardBounce", "action",
        "diagnosticCode", "diagnosticType", "remoteMta", "reportingMta", "command", "decoder", "timestamp",
        "originalMessageId", "originalSubject", "feedbackType", "explanation",
    ];

    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText MessageIndex = JsonEncodedText.Encode("messageIndex");
    private static readonly JsonEncodedText Recipient = JsonEncodedText.Encode("recipient");
    private static readonly JsonEncodedText Sender = JsonEncodedText.Encode("sender");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ReplyCode = JsonEncodedText.Encode("replyCode");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText HardBounce = JsonEncodedText.Encode("hardBounce");
    private static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    private static readonly JsonEncodedText DiagnosticCode = JsonEncodedText.Encode("diagnosticCode");
    private static readonly JsonEncodedText DiagnosticType = JsonEncodedText.Encode("diagnosticType");
    private static readonly JsonEncodedText RemoteMta = JsonEncodedText.Encode("remoteMta");
    private static readonly JsonEncodedText ReportingMta = JsonEncodedText.Encode("reportingMta");
    private static readonly JsonEncodedText Command = JsonEncodedText.Encode("command");
    private static readonly JsonEncodedText Decoder = JsonEncodedText.Encode("decoder");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText OriginalMessageId = JsonEncodedText.Encode("originalMessageId");
    private static readonly JsonEncodedText OriginalSubject = JsonEncodedText.Encode("originalSubject");
    private static readonly JsonEncodedText FeedbackType = JsonEncodedText.Encode("feedbackType");
    private static readonly JsonEncodedText Explanation = JsonEncodedText.Encode("explanation");

    /// <summary>The explanation's field names in the contract's order, then those of its steps.</summary>
    internal static readonly string[] ExplanationFields = ["code", "summary", "faultSide", "sideText", "severity", "reason", "retryMayHelp", "steps"];
    internal static readonly string[] StepsFields = ["sender", "admin"];

    private static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText FaultSide = JsonEncodedText.Encode("faultSide");
    private static readonly JsonEncodedText SideText = JsonEncodedText.Encode("sideText");
    private static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText RetryMayHelp = JsonEncodedText.Encode("retryMayHelp");
    private static readonly JsonEncodedText Steps = JsonEncodedText.Encode("steps");
    private static readonly JsonEncodedText SenderSteps = JsonEncodedText.Encode("sender");
    private static readonly JsonEncodedText AdminSteps = JsonEncodedText.Encode("admin");

    /// <summary>Each reason's token (the converter's), encoded once: the token itself costs two strings per call.</summary>
    private static readonly Dictionary<BounceReason, JsonEncodedText> ReasonTokens =
        Enum.GetValues<BounceReason>().ToDictionary(r => r, r => JsonEncodedText.Encode(r.Token()));

    // By value: a result whose reason differs from its code's gets a copy of the cached explanation (`with`), and the
    // explain path builds new ones, so equal explanations are often different instances (4,400 instances for 177
    // distinct explanations over the 12k set). Record equality compares the step lists by reference, so equal
    // explanations are written alike.
    private readonly Dictionary<DiagnosisRecord, byte[]> _explanations = new(ExplanationComparer.Instance);

    /// <summary>Writes the result as one JSON object (no line end) into <paramref name="json"/>.</summary>
    public void Write(Utf8JsonWriter json, BounceResult r)
    {
        json.WriteStartObject();
        json.WriteString(Source, r.Source);
        if (r.MessageIndex is { } index) json.WriteNumber(MessageIndex, index);
        json.WriteString(Recipient, r.Recipient);
        WriteStringOrNull(json, Sender, r.Sender);
        WriteStringOrNull(json, Status, r.Status);
        if (r.ReplyCode is { } reply) json.WriteNumber(ReplyCode, reply);
        else json.WriteNull(ReplyCode);
        json.WriteString(Reason, ReasonToken(r.Reason));
        json.WriteBoolean(HardBounce, r.HardBounce);
        WriteStringOrNull(json, Action, r.Action);
        WriteStringOrNull(json, DiagnosticCode, r.DiagnosticCode);
        WriteStringOrNull(json, DiagnosticType, r.DiagnosticType);
        WriteStringOrNull(json, RemoteMta, r.RemoteMta);
        WriteStringOrNull(json, ReportingMta, r.ReportingMta);
        WriteStringOrNull(json, Command, r.Command);
        json.WriteString(Decoder, r.Decoder);
        if (r.Timestamp is { } at) json.WriteString(Timestamp, at);
        else json.WriteNull(Timestamp);
        WriteStringOrNull(json, OriginalMessageId, r.OriginalMessageId);
        WriteStringOrNull(json, OriginalSubject, r.OriginalSubject);
        WriteStringOrNull(json, FeedbackType, r.FeedbackType);
        json.WritePropertyName(Explanation);
        if (r.Explanation is { } explanation) json.WriteRawValue(ExplanationBytes(explanation), skipInputValidation: true);
        else json.WriteNullValue();
        json.WriteEndObject();
    }

    private static JsonEncodedText ReasonToken(BounceReason reason) =>
        ReasonTokens.TryGetValue(reason, out var token) ? token : JsonEncodedText.Encode(reason.Token());

    private static void WriteStringOrNull(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    /// <summary>The explanation as the serializer writes it, made once per distinct explanation.</summary>
    private byte[] ExplanationBytes(DiagnosisRecord explanation)
    {
        if (_explanations.TryGetValue(explanation, out var bytes)) return bytes;
        if (_explanations.Count >= MaxCachedExplanations) _explanations.Clear();
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer)) WriteExplanation(json, explanation);
        bytes = buffer.WrittenSpan.ToArray();
        _explanations[explanation] = bytes;
        return bytes;
    }

    /// <summary>
    /// The explanation as <see cref="BouncebackJsonContext"/> writes it (a field that is null is left out), by hand too:
    /// the serializer's metadata for it, built at its first use, cost more than all the explanations of a bulk run.
    /// </summary>
    private static void WriteExplanation(Utf8JsonWriter json, DiagnosisRecord d)
    {
        json.WriteStartObject();
        if (d.Code is not null) json.WriteString(Code, d.Code);
        if (d.Summary is not null) json.WriteString(Summary, d.Summary);
        json.WriteString(FaultSide, d.FaultSide.Token());
        json.WriteString(SideText, d.SideText);
        json.WriteString(Severity, d.Severity.Token());
        json.WriteString(Reason, ReasonToken(d.Reason));
        json.WriteBoolean(RetryMayHelp, d.RetryMayHelp);
        if (d.Steps is { } steps)
        {
            json.WriteStartObject(Steps);
            WriteList(json, SenderSteps, steps.Sender);
            WriteList(json, AdminSteps, steps.Admin);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, JsonEncodedText name, IReadOnlyList<string>? items)
    {
        if (items is null) return;
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            if (item is null) json.WriteNullValue();
            else json.WriteStringValue(item);
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// Record equality, with a hash that skips the summary's text: the record's own hash runs the randomized string hash
    /// over every summary (some 200 characters), which was the largest single cost of writing a line.
    /// </summary>
    private sealed class ExplanationComparer : IEqualityComparer<DiagnosisRecord>
    {
        public static readonly ExplanationComparer Instance = new();

        public bool Equals(DiagnosisRecord? x, DiagnosisRecord? y) => EqualityComparer<DiagnosisRecord>.Default.Equals(x, y);

        // Equal records have equal codes, reasons, summary lengths and the same step lists (compared by reference).
        public int GetHashCode(DiagnosisRecord obj) => HashCode.Combine(obj.Code, obj.Reason, obj.Summary.Length,
            RuntimeHelpers.GetHashCode(obj.Steps.Sender), RuntimeHelpers.GetHashCode(obj.Steps.Admin));
    }
}

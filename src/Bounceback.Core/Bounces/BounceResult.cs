using System.Text.Json.Serialization;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Bounces;

/// <summary>The outcome for one recipient of a bounce, delivery report, feedback report or auto-reply.</summary>
/// <remarks>This is the record of the parse JSON contract (camelCase field names). Every field is always written, as
/// null when the message does not tell, so each record has the same keys; only <see cref="MessageIndex"/> is left out
/// for a message that is a file of its own.</remarks>
public sealed record BounceResult
{
    /// <summary>Where the message came from: a file path, an mbox path, an IMAP URL, or "-" for standard input.</summary>
    public required string Source { get; init; }
    /// <summary>For an mbox or IMAP folder: the message's zero-based index in it; null for single files.</summary>
    public int? MessageIndex { get; init; }
    public required string Recipient { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Sender { get; init; }
    /// <summary>Enhanced status, e.g. "5.1.1"; when the message gives none, the status that fits the reason.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? ReplyCode { get; init; }
    public required BounceReason Reason { get; init; }
    public required bool HardBounce { get; init; }
    /// <summary>failed, delayed, delivered, relayed, expanded (RFC 3464), or null.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Action { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? DiagnosticCode { get; init; }
    /// <summary>The diagnostic type, usually "smtp".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? DiagnosticType { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? RemoteMta { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ReportingMta { get; init; }
    /// <summary>The SMTP command that failed (MAIL, RCPT, DATA, ...), when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Command { get; init; }
    /// <summary>The decoder that read the message (rfc3464, postfix, exim, ...).</summary>
    public required string Decoder { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTimeOffset? Timestamp { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? OriginalMessageId { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? OriginalSubject { get; init; }
    /// <summary>For feedback reports (ARF): abuse, fraud, opt-out, ...</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FeedbackType { get; init; }
    /// <summary>The catalog's explanation of this result in the chosen language.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public Diagnosis.Diagnosis? Explanation { get; init; }
}

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>What kind of report a message is, as far as its structure tells.</summary>
public enum ReportKind
{
    /// <summary>A failure or delay notice (a bounce).</summary>
    Failure,
    /// <summary>A report that the message was delivered, relayed or expanded.</summary>
    DeliveryReport,
    /// <summary>An abuse or feedback report (RFC 5965 ARF).</summary>
    Feedback,
    /// <summary>An automatic reply such as an out-of-office notice (RFC 3834).</summary>
    AutoReply,
}

/// <summary>The raw facts a decoder found about one recipient; no interpretation.</summary>
public sealed record RecipientFacts
{
    /// <summary>The recipient address as given (without angle brackets).</summary>
    public required string Recipient { get; init; }
    /// <summary>The enhanced status as written, e.g. "5.1.1".</summary>
    public string? Status { get; init; }
    public int? ReplyCode { get; init; }
    /// <summary>The RFC 3464 action (failed, delayed, delivered, relayed, expanded).</summary>
    public string? Action { get; init; }
    /// <summary>The remote server's or the reporting server's own words about the failure.</summary>
    public string? DiagnosticCode { get; init; }
    public string? DiagnosticType { get; init; }
    public string? RemoteMta { get; init; }
    /// <summary>The SMTP command that failed (MAIL, RCPT, DATA, ...), when the message says.</summary>
    public string? Command { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    /// <summary>For feedback reports: the Feedback-Type (abuse, fraud, ...).</summary>
    public string? FeedbackType { get; init; }
}

/// <summary>The result of decoding one message: per-message facts and one <see cref="RecipientFacts"/> per recipient.</summary>
public sealed record DecodedBounce
{
    public required ReportKind Kind { get; init; }
    public required IReadOnlyList<RecipientFacts> Recipients { get; init; }
    public string? ReportingMta { get; init; }
    /// <summary>The sender of the original message, when known.</summary>
    public string? Sender { get; init; }
    public string? OriginalMessageId { get; init; }
    public string? OriginalSubject { get; init; }
    /// <summary>Wording of the whole notice that may help classify when a recipient has no diagnostic of its own.</summary>
    public string? NoticeText { get; init; }
}

using System.Text.RegularExpressions;
using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Bounces.Reasons;

/// <summary>A recipient's classified outcome: the reason, the status to report and whether it is temporary.</summary>
/// <param name="Reason">The bounce reason.</param>
/// <param name="Status">The status given by the message, or the one that fits the reason.</param>
/// <param name="ReplyCode">The SMTP reply code given or found in the wording.</param>
/// <param name="Temporary">True when the failure is temporary (class 4 or a delay).</param>
/// <param name="Command">The SMTP command the failure answered, when known.</param>
public sealed record Classification(BounceReason Reason, string? Status, int? ReplyCode, bool Temporary, string? Command = null)
{
    /// <summary>True when the status was not given by the message but chosen to fit the reason.</summary>
    public bool StatusFitted { get; init; }

    /// <summary>Whether the address should not be retried.</summary>
    public bool HardBounce => Reason.IsHard(Temporary);
}

/// <summary>
/// Decides each recipient's reason in one place, from the enhanced status, the reply code and the diagnostic
/// wording together; provider wording (<see cref="Providers.ProviderRules"/>) refines it.
/// </summary>
public static partial class ReasonClassifier
{
    /// <summary>Classifies one recipient of a decoded message.</summary>
    /// <param name="kind">What kind of report the message is.</param>
    /// <param name="facts">The decoder's facts about this recipient.</param>
    /// <param name="noticeText">The notice's own wording, used when the recipient has no diagnostic.</param>
    /// <param name="sender">The original message's sender, when known: a refusal that echoes this address refused the sender.</param>
    /// <param name="allRecipients">Every recipient of the notice, when known: a command the notice names about another
    /// recipient is not taken for this one.</param>
    public static Classification Classify(ReportKind kind, RecipientFacts facts, string? noticeText, string? sender = null, IReadOnlyList<string>? allRecipients = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        switch (kind)
        {
            case ReportKind.Feedback: return new(BounceReason.Feedback, null, null, false);
            case ReportKind.AutoReply: return new(BounceReason.Vacation, null, null, false);
        }
        var labelled = Squeeze(facts.DiagnosticCode);
        var remote = RemoteReply(labelled);
        var diagnostic = OwnTaggedItem(remote, facts.Recipient);
        // (A recipient's own tag is all of its answer: the other tags' codes are not its.)
        if (!ReferenceEquals(diagnostic, remote)) labelled = diagnostic;
        // A notice that names the other recipients of the report but not this one says nothing about this one: their
        // errors are not its error.
        if (diagnostic.Length == 0 && NamesOnlyOthers(noticeText, facts.Recipient, allRecipients)) noticeText = null;
        // The notice's wording is squeezed only when it is read: most recipients are decided by their own diagnostic.
        string? squeezedNotice = null;
        string Notice() => squeezedNotice ??= Squeeze(noticeText);
        // Each wording without its links' paths, made once: several rules read it.
        string? diagnosticWords = null, noticeWords = null;
        string DiagnosticWords() => diagnosticWords ??= Words(PassedOnReply(diagnostic));
        string NoticeWords() => noticeWords ??= Words(Notice());
        EnhancedStatus? status = EnhancedStatus.TryParse(facts.Status, out var given) ? given : null;
        // The remote server's own words are more precise than the reporting server's summary of them.
        // (The labelled text is searched only when it differs: most diagnostics have no relay's label.)
        if ((FindStatus(diagnostic) ?? (ReferenceEquals(diagnostic, labelled) ? null : FindStatus(labelled))) is { } textStatus && (status is null || textStatus.Class == status.Value.Class || status.Value.Class != 2)) status = textStatus;
        // An X-Unix diagnostic is a delivery program's exit status ("255"), not an SMTP reply.
        var reply = facts.ReplyCode ?? (IsUnixDiagnostic(facts) ? null : FindReply(diagnostic));
        // A delivery program's failure is also written as the reporting server's own reply in the notice ("554 5.3.0 ...").
        // (Only from this recipient's own part of a notice that also reports others: their replies are not this program's.)
        if (reply is null && IsUnixDiagnostic(facts)) reply = TranscriptReply(Squeeze(OwnPart(noticeText, facts.Recipient, allRecipients)));
        var temporary = status?.Class == 4 || (status is null && reply / 100 == 4) || facts.Action == "delayed";

        if (kind == ReportKind.DeliveryReport || facts.Action is "delivered" or "relayed" or "expanded" || status?.Class == 2)
        {
            return new(BounceReason.Delivered, status is { } delivered ? Written(delivered, facts.Status) : "2.0.0", reply, false);
        }

        // A refusal that names no address ("550 : User unknown") answered the message content, not a recipient.
        // Without a diagnostic the notice's wording is read again below, so it is made a string here already.
        // (The step may be named in the label before the remote reply: chasquid's "DATA closing 550 ...".)
        var command = facts.Command ?? SmtpCommand.Find(diagnostic) ?? (ReferenceEquals(diagnostic, labelled) ? null : SmtpCommand.Find(labelled))
            ?? CommandInNotice(noticeText, facts.Recipient, allRecipients, diagnostic)
            ?? (ReplyWithoutAddress().IsMatch(Head(diagnostic)) ? "DATA" : null);
        var byProvider = Providers.ProviderRules.Refine(diagnostic, status, facts.RemoteMta, facts.Recipient);
        var byNotice = byProvider is null && diagnostic.Length == 0 && Notice().Length > 0 ? ByWording(Notice(), NoticeWords(), status) : null;
        if (byNotice is not null && status is null)
        {
            // The notice is the only wording: the codes in it are the ones its reason was read from.
            status = FindStatus(Notice()) is { Class: 4 or 5 } found ? found : null;
            reply ??= FindReply(Notice());
            temporary = status?.Class == 4 || (status is null && reply / 100 == 4) || facts.Action == "delayed";
        }
        var reason = byProvider ?? byNotice ?? Decide(diagnostic, DiagnosticWords(), status, reply, facts, command, providerRefined: true);
        // A local delivery program (procmail, a pipe) that failed reports its exit status as an X-Unix diagnostic.
        // (What the program's output says of its own connections, "cannot connect to database: Connection refused", is
        // the program's trouble, not the network's between mail servers.)
        // (Nor is its trouble with its own files and keys, "ssl_key: Can't open file ...: Permission denied", a matter of
        // mail security.)
        if (IsUnixDiagnostic(facts) && reason is BounceReason.Undefined or BounceReason.SystemError or BounceReason.SyntaxError or BounceReason.OnHold or BounceReason.NetworkError or BounceReason.SecurityError)
        {
            // Unless the program's own output in the transcript says the mailbox is over its quota ("procmail: Quota
            // exceeded while writing ...").
            // (A notice that also reports other recipients may hold their quota's words: only its own part counts.)
            var own = OwnPart(noticeText, facts.Recipient, allRecipients);
            var output = ReferenceEquals(own, noticeText) ? NoticeWords() : Words(Squeeze(own));
            reason = MailboxFullRule.MatchesText(output) ? BounceReason.MailboxFull : BounceReason.MailerError;
            // Its exit status says more than a catch-all x.0.0.
            if (status is { Subject: 0, Detail: 0 }) status = null;
        }
        // (Also when the recipient's own wording holds no code and says nothing of a cause, only that it failed: Naver's
        // "the mail you sent failed for the following reason.", the reason in a paragraph of its own further on.)
        if (reason == BounceReason.Undefined && (diagnostic.Length == 0 || (status is null && reply is null)) && Notice().Length > 0)
        {
            var s2 = FindStatus(Notice());
            status ??= s2;
            reply ??= FindReply(Notice());
            reason = Decide(Notice(), NoticeWords(), status, reply, facts, command);
            temporary = status?.Class == 4 || (status is null && reply / 100 == 4) || facts.Action == "delayed";
        }
        if (reason == BounceReason.Undefined && facts.Action == "delayed") reason = BounceReason.Expired;
        var wording = diagnostic.Length > 0 ? diagnostic : Notice();
        var words = diagnostic.Length > 0 ? DiagnosticWords() : NoticeWords();
        // A queue that gave up often says why the last attempt failed; that cause is the more useful answer.
        var expiredWithCause = false;
        if (reason == BounceReason.Expired)
        {
            reason = ReasonRules.CauseOfExpiry(words) ?? BounceReason.Expired;
            expiredWithCause = reason != BounceReason.Expired;
        }
        // The last attempt's own status and reply ("<452-4.2.2 ... OverQuotaTemp>" after Amazon SES's "554 4.4.7 Message
        // expired") replace the notice's, also when that attempt's words already decided the reason.
        if (status is { Subject: 4, Detail: 7 } && CauseStatus(diagnostic) is { } cause)
        {
            status = cause;
            // The reply code of that attempt goes with its status ("<421 4.4.2 ...>"), not the notice's own.
            if (facts.ReplyCode is null && ReplyBefore(diagnostic, cause) is { } causeReply) reply = causeReply;
        }
        // "example.com does not exist" is about a domain, not a mailbox.
        if (reason == BounceReason.UserUnknown && byProvider is null && status is not { Subject: 1, Detail: 1 } && NamesOnlyADomain(wording))
        {
            reason = BounceReason.HostUnknown;
        }
        // A domain that could not be looked up for now is a network (DNS) problem, not a domain that does not exist.
        if (reason == BounceReason.HostUnknown && temporary) reason = BounceReason.NetworkError;
        if (byProvider is null) reason = ByCommand(reason, command, status, temporary, words);
        if (byProvider is null && RefusesTheSender(reason, diagnostic, sender, facts.Recipient)) reason = BounceReason.Rejected;
        if (reason == BounceReason.Undefined && (status is not null || reply is not null || diagnostic.Length > 0)) reason = BounceReason.OnHold;

        var fitted = status is not { IsPlaceholder: false };
        var statusText = status is { IsPlaceholder: false } s ? Written(s, facts.Status) : DelayFitting(reason, facts, words)
            // (The cause of an expiry was a temporary fault, that its queue retried: a status of class 4 fits it. So is a
            // cause named before the queue's own words that it gave up: qmail's "TLS unable to verify server ...; I'm not
            // going to try again; this message has been in the queue too long.")
            ?? FittingStatus(reason, temporary || expiredWithCause || SaysQueueExpired(words), words) ?? status?.ToString()
            // A failure whose cause nothing tells, not even a reply code, is "other or undefined status" of its class
            // (RFC 3463's x.0.0).
            ?? (reply is null && reason is BounceReason.OnHold or BounceReason.Undefined ? (temporary ? "4.0.0" : "5.0.0") : null);
        return new(reason, statusText, reply, temporary, command) { StatusFitted = fitted };
    }

    /// <summary>
    /// Barracuda's Email Security Service answers the end of the message once for all its recipients and tags each one:
    /// "550 permanent failure for one or more recipients (a@example.com:blocked, b@example.com:550 5.1.1 &lt;b@example.com&gt;:
    /// ... User unknown ...)". A recipient's own tag is its answer; the reply keeps its code and lead.
    /// </summary>
    private static string OwnTaggedItem(string diagnostic, string? recipient)
    {
        const string Lead = "for one or more recipients (";
        if (string.IsNullOrEmpty(recipient)) return diagnostic;
        var open = diagnostic.IndexOf(Lead, StringComparison.OrdinalIgnoreCase);
        if (open < 0) return diagnostic;
        var listStart = open + Lead.Length;
        var own = diagnostic.IndexOf(recipient + ":", listStart, StringComparison.OrdinalIgnoreCase);
        if (own < 0) return diagnostic;
        // The item ends where the next one starts (", " and an address with its colon) or where the list closes.
        var depth = 0;
        var end = diagnostic.Length;
        for (var i = own + recipient.Length + 1; i < diagnostic.Length; i++)
        {
            var c = diagnostic[i];
            if (c == '(') depth++;
            else if (c == ')' && depth-- == 0) { end = i; break; }
            else if (c == ',' && depth == 0 && StartsTaggedItem(diagnostic.AsSpan(i + 1))) { end = i; break; }
        }
        return string.Concat(diagnostic.AsSpan(0, listStart), diagnostic.AsSpan(own, end - own), ")");
    }

    // " b@example.com:..." : an address (no white space inside) followed by a colon.
    private static bool StartsTaggedItem(ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(' ');
        var colon = rest[..Math.Min(rest.Length, 256)].IndexOf(':');
        if (colon <= 0) return false;
        var token = rest[..colon];
        return token.Contains('@') && !token.ContainsAny(" \t<>()");
    }

    /// <summary>Whether the words say the queue gave up on a message that waited too long (its attempts failed for now).</summary>
    private static bool SaysQueueExpired(string words) =>
        words.Contains("in the queue too long", StringComparison.OrdinalIgnoreCase) || words.Contains("retry timeout exceeded", StringComparison.OrdinalIgnoreCase);

    /// <summary>The status as text: the decoder's own string when it is already written so (most are), else a new one.</summary>
    private static string Written(EnhancedStatus status, string? given) =>
        given is not null && status.IsWrittenAs(given) ? given : status.ToString();

    private static readonly ReasonRule MailboxFullRule = ReasonRules.All.First(r => r.Reason == BounceReason.MailboxFull);

    private static bool IsUnixDiagnostic(RecipientFacts facts) => string.Equals(facts.DiagnosticType, "x-unix", StringComparison.OrdinalIgnoreCase);

    /// <summary>The classification with another reason (a provider's own code decided it); a status chosen to fit the old reason is chosen again.</summary>
    public static Classification WithReason(Classification c, BounceReason reason)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.Reason == reason) return c;
        var status = c.StatusFitted ? FittingStatus(reason, c.Temporary) ?? c.Status : c.Status;
        return c with { Reason = reason, Status = status };
    }

    /// <summary>
    /// What the refused SMTP command says about a reason read from wording: an unknown address refused at MAIL FROM is
    /// the sender's; a bare "user unknown" only after the content was sent (without a status that says the mailbox
    /// does not exist) is the recipient's filter, which some providers word that way; a permanent refusal of the
    /// connection or greeting is about the sending host.
    /// </summary>
    private static BounceReason ByCommand(BounceReason reason, string? command, EnhancedStatus? status, bool temporary, string wording)
    {
        switch (command)
        {
            case "MAIL" when reason is BounceReason.UserUnknown or BounceReason.HostUnknown:
                return BounceReason.Rejected;
            case "DATA" when reason == BounceReason.UserUnknown && status is not { Subject: 1, Detail: 1 } && ReasonRules.FilterCover.MatchesText(wording):
                return BounceReason.Filtered;
            // Before MAIL and RCPT no sender or recipient was named, so no refusal there is about either.
            // A "policy" refusal there (GMX's "421 Reject due to policy restrictions" in its greeting) has no message to
            // judge either: the policy is about the connecting host.
            // Nor is a spam verdict there about content, which was never sent (Sina's "554 Please visit
            // http://antispam.sina.com.cn/denyip.php?IP=..." at the connection): the sending host was refused.
            case "EHLO" or "CONNECT" when reason is BounceReason.Rejected or BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.PolicyViolation
                or BounceReason.SpamDetected:
                return BounceReason.Blocked;
            case "EHLO" or "CONNECT" when !temporary && reason is BounceReason.SystemError or BounceReason.OnHold or BounceReason.Undefined:
                return BounceReason.Blocked;
            default:
                return reason;
        }
    }

    /// <summary>
    /// Whether the refusal echoes the original sender's address ("550 5.7.1 &lt;sender&gt;... Access denied") and not the
    /// recipient's: servers echo the address a reply is about, so the sender was refused, whatever the reason's words
    /// (a vague "access denied", "user unknown") would say about a recipient. A block that names the sending host or a
    /// block list stays a block.
    /// </summary>
    private static bool RefusesTheSender(BounceReason reason, string diagnostic, string? sender, string recipient)
    {
        if (string.IsNullOrEmpty(sender) || diagnostic.Length == 0 || sender.Equals(recipient, StringComparison.OrdinalIgnoreCase)) return false;
        if (reason is not (BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.Suspend or BounceReason.Filtered
            or BounceReason.Blocked or BounceReason.SystemError or BounceReason.OnHold or BounceReason.Undefined))
        {
            return false;
        }
        var head = Head(diagnostic);
        if (!string.IsNullOrEmpty(recipient) && head.Contains(recipient, StringComparison.OrdinalIgnoreCase)) return false;
        var echoed = false;
        for (var at = head.IndexOf(sender, StringComparison.OrdinalIgnoreCase); at >= 0 && !echoed; at = head.IndexOf(sender, at + sender.Length, StringComparison.OrdinalIgnoreCase))
        {
            // "<sender>" in the reply, not the command the reporting server quotes before it ("after MAIL FROM:<sender>").
            echoed = at > 0 && head[at - 1] == '<' && at + sender.Length < head.Length && head[at + sender.Length] == '>'
                && !head.AsSpan(0, at - 1).TrimEnd().EndsWith("FROM:", StringComparison.OrdinalIgnoreCase);
        }
        if (!echoed) return false;
        return reason != BounceReason.Blocked || !ReasonRules.SendingHostEvidence.MatchesText(WithoutUrlPaths(head));
    }

    /// <summary>In a "gave up" notice (x.4.7), the status of the last attempt it quotes, if any.</summary>
    private static EnhancedStatus? CauseStatus(string text)
    {
        var span = Head(text);
        for (var m = StatusPattern().Match(span); m.Success; m = m.NextMatch())
        {
            if (EnhancedStatus.TryParse(m.Groups["s"].ValueSpan, out var s) && s.Class is 4 or 5 && !(s.Subject == 4 && s.Detail == 7) && !s.IsPlaceholder)
            {
                return s;
            }
        }
        return null;
    }

    /// <summary>The first failure reply written with a status of the same class ("554 5.3.0") in a notice, if any.</summary>
    private static int? TranscriptReply(string text)
    {
        var head = Head(text);
        for (var m = QuotedStatusPattern().Match(head); m.Success; m = m.NextMatch())
        {
            if (ReplyCode.TryParse(head.AsSpan(m.Index, 3), out var code) && code.Value / 100 is 4 or 5
                && EnhancedStatus.TryParse(m.Groups["s"].ValueSpan, out var st) && st.Class == code.Value / 100)
            {
                return code.Value;
            }
        }
        return null;
    }

    /// <summary>The reply code written right before a quoted status ("421 4.4.2"), if any.</summary>
    private static int? ReplyBefore(string text, EnhancedStatus status)
    {
        var want = status.ToString();
        for (var m = QuotedStatusPattern().Match(Head(text)); m.Success; m = m.NextMatch())
        {
            if (m.Groups["s"].Value == want && ReplyCode.TryParse(text.AsSpan(m.Index, 3), out var code)) return code.Value;
        }
        return null;
    }

    private static bool NamesOnlyADomain(string text)
    {
        // The literal words first: the pattern itself can start at almost any letter.
        var head = Head(text);
        if (!head.Contains(" does not exist", StringComparison.OrdinalIgnoreCase) || !MissingDomain().IsMatch(head)) return false;
        foreach (var word in MailboxWords)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    private static readonly string[] MailboxWords = ["user", "mailbox", "account", "recipient", "@"];

    private static string Head(string text) => text.Length > HeadLength(text) ? text[..HeadLength(text)] : text;

    private static ReadOnlySpan<char> Head(ReadOnlySpan<char> text) => text[..Math.Min(text.Length, 8192)];

    private static int HeadLength(string text) => Math.Min(text.Length, 8192);

    /// <summary>The reason the wording alone gives (decisive status codes still first), or null.</summary>
    /// <param name="text">The wording, read by the provider rules.</param>
    /// <param name="words">The wording without its links' paths (<see cref="WithoutUrlPaths"/>), read by the reason rules.</param>
    /// <param name="status">The status, when known.</param>
    private static BounceReason? ByWording(string text, string words, EnhancedStatus? status)
    {
        if (Providers.ProviderRules.Refine(text, status, null) is { } byProvider) return byProvider;
        if (status is { } decisive && DecisiveRule(decisive, words) is { } rule) return rule.Reason;
        if (ReasonRules.Wording.FirstMatch(words, status) is { } byWording) return byWording.Reason;
        return null;
    }

    // providerRefined: the provider rules have already been asked about this text and status (and had no answer).
    // words: the text without its links' paths (WithoutUrlPaths).
    private static BounceReason Decide(string text, string words, EnhancedStatus? status, int? reply, RecipientFacts facts, string? command, bool providerRefined = false)
    {
        if (!providerRefined && Providers.ProviderRules.Refine(text, status, facts.RemoteMta, facts.Recipient) is { } byProvider) return byProvider;
        if (status is { } decisive && DecisiveRule(decisive, words) is { } decisiveRule) return decisiveRule.Reason;
        if (ReasonRules.Wording.FirstMatch(words, status) is { } byWording) return byWording.Reason;
        if (status is { } st)
        {
            var written = ReasonRule.ClassIndependent(st, stackalloc char[EnhancedStatus.MaxLength]);
            // By index: a foreach over the list's interface would allocate an enumerator.
            var rules = ReasonRules.All;
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i].MatchesStatus(written)) return rules[i].Reason;
            }
        }
        return reply switch
        {
            421 or 450 or 451 => BounceReason.SystemError,
            452 => BounceReason.MailboxFull,
            // A recipient accepted at RCPT TO and refused after the content with no word of why is not known to be missing.
            // Nor is one refused with a security or policy status (x.7.x) that no rule knows.
            550 or 551 or 553 when command != "DATA" && status is not { Subject: 7 } => BounceReason.UserUnknown,
            552 => BounceReason.MailboxFull,
            554 => BounceReason.Rejected,
            _ => BounceReason.Undefined,
        };
    }

    /// <summary>The first rule for which the status is decisive, or null (also when the wording is one the rule yields to).</summary>
    private static ReasonRule? DecisiveRule(EnhancedStatus status, string words)
    {
        // Written once ("x.7.1") for all the rules; by index: a foreach over the list's interface would allocate an enumerator.
        var written = ReasonRule.ClassIndependent(status, stackalloc char[EnhancedStatus.MaxLength]);
        var rules = ReasonRules.All;
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].IsDecisive(written)) return rules[i].YieldsTo(words) ? null : rules[i];
        }
        return null;
    }

    /// <summary>Whether the notice names some other recipient of the report and not this one.</summary>
    private static bool NamesOnlyOthers(string? noticeText, string? recipient, IReadOnlyList<string>? allRecipients)
    {
        if (string.IsNullOrEmpty(noticeText) || string.IsNullOrEmpty(recipient) || allRecipients is not { Count: > 1 }) return false;
        return !noticeText.Contains(recipient, StringComparison.OrdinalIgnoreCase) && NamesAnother(noticeText, recipient, allRecipients);
    }

    /// <summary>
    /// The part of the notice about <paramref name="recipient"/> when it reports other recipients too: from its first
    /// mention to the next mention of another after it. The whole notice when it does not name this recipient or no other.
    /// </summary>
    private static string? OwnPart(string? noticeText, string? recipient, IReadOnlyList<string>? allRecipients)
    {
        if (!NamesAnother(noticeText, recipient, allRecipients)) return noticeText;
        var start = noticeText!.IndexOf(recipient!, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return noticeText;
        var end = noticeText.Length;
        foreach (var other in allRecipients!.Take(1000))
        {
            if (string.IsNullOrEmpty(other) || other.Equals(recipient, StringComparison.OrdinalIgnoreCase)) continue;
            var at = noticeText.IndexOf(other, start + recipient!.Length, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && at < end) end = at;
        }
        return noticeText[start..end];
    }

    /// <summary>Whether the notice names another recipient of the report than <paramref name="recipient"/>.</summary>
    private static bool NamesAnother(string? noticeText, string? recipient, IReadOnlyList<string>? allRecipients)
    {
        if (string.IsNullOrEmpty(noticeText) || string.IsNullOrEmpty(recipient) || allRecipients is not { Count: > 1 }) return false;
        foreach (var other in allRecipients)
        {
            if (!string.IsNullOrEmpty(other) && !other.Equals(recipient, StringComparison.OrdinalIgnoreCase) && noticeText.Contains(other, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The text with every run of white space (left by unfolding) as one space and a multi-line reply's repeated
    /// prefixes dropped, bounded in length. Both are done in one pooled buffer, so the only string made is the result
    /// (none when the text is already so).
    /// </summary>
    internal static string Squeeze(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(SqueezedLength(text));
        try
        {
            var squeezed = buffer.AsSpan(0, SqueezeInto(text, buffer));
            return squeezed.IsEmpty ? "" : squeezed.SequenceEqual(text) ? text : new string(squeezed);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The command a notice names for a recipient (<see cref="SmtpCommand.Find(ReadOnlySpan{char}, string?, IReadOnlyList{string}?, string?)"/>
    /// of the notice with its white space squeezed), read from a pooled buffer. The repeated reply prefixes are kept: in a
    /// transcript each line is a reply of its own ("550 5.1.1 kees@... User unknown" before another session's "&lt;&lt;&lt;
    /// 550 5.1.1 ..."), and the codes tell a local failure line and a remote reply apart.
    /// </summary>
    private static string? CommandInNotice(string? noticeText, string? recipient, IReadOnlyList<string>? allRecipients, string? ownReply)
    {
        if (string.IsNullOrEmpty(noticeText)) return null;
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(SqueezedLength(noticeText));
        try
        {
            return SmtpCommand.Find(buffer.AsSpan(0, SqueezeInto(noticeText, buffer, dropRepeatedPrefixes: false)), recipient, allRecipients, ownReply);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>At most this much of a text is squeezed (and the squeezed text is never longer).</summary>
    private static int SqueezedLength(string text) => Math.Min(text.Length, 16384);

    /// <summary>Writes the squeezed text (<see cref="Squeeze"/>) into a buffer of at least <see cref="SqueezedLength"/>
    /// characters and returns its length.</summary>
    /// <remarks>Optimized from its first call, with <see cref="Squeezer.AppendAscii"/>: it reads every notice, and in a
    /// JIT build the tiered compiler kept both at tier 0 (unoptimised, the squeezer's helpers not inlined) for much of a
    /// bulk run.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int SqueezeInto(string text, char[] buffer, bool dropRepeatedPrefixes = true)
    {
        var source = text.AsSpan(0, SqueezedLength(text));
        var squeezer = new Squeezer(buffer);
        while (!source.IsEmpty)
        {
            // A line of printable ASCII (words and spaces) is copied by runs; any other character is looked at alone.
            // (IndexOfAnyExceptInRange would box its bounds until the JIT optimises it; SearchValues does not.)
            var stop = source.IndexOfAnyExcept(PrintableAscii);
            squeezer.AppendAscii(stop < 0 ? source : source[..stop]);
            if (stop < 0) break;
            squeezer.AppendOther(source[stop]);
            source = source[(stop + 1)..];
        }
        return squeezer.Length == 0 || !dropRepeatedPrefixes ? squeezer.Length : DropRepeatedReplyPrefix(buffer.AsSpan(0, squeezer.Length));
    }

    /// <summary>Printable ASCII, ' ' to '~': the characters <see cref="Squeezer.AppendAscii"/> takes in runs.</summary>
    private static readonly System.Buffers.SearchValues<char> PrintableAscii = System.Buffers.SearchValues.Create(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Writes text into a buffer with each run of white space as one space, none at the start or the end.</summary>
    private ref struct Squeezer(char[] buffer)
    {
        private readonly Span<char> _buffer = buffer;
        private bool _space;

        public int Length { get; private set; }

        /// <summary>Printable ASCII: words copied whole, spaces collapsed.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void AppendAscii(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                if (text[0] == ' ')
                {
                    _space = Length > 0;
                    text = text.TrimStart(' ');
                    continue;
                }
                // Up to the next run of two or more spaces, single spaces stay as they are.
                var run = text.IndexOf("  ", StringComparison.Ordinal);
                var words = run < 0 ? text : text[..run];
                text = run < 0 ? [] : text[run..];
                var trailing = words[^1] == ' ';
                if (trailing) words = words[..^1];
                Flush();
                words.CopyTo(_buffer[Length..]);
                Length += words.Length;
                if (trailing) _space = true;
            }
        }

        /// <summary>A control or non-ASCII character: white space (<see cref="char.IsWhiteSpace(char)"/>) or kept.</summary>
        public void AppendOther(char c)
        {
            if (char.IsWhiteSpace(c))
            {
                _space = Length > 0;
                return;
            }
            Flush();
            _buffer[Length++] = c;
        }

        private void Flush()
        {
            if (!_space) return;
            _buffer[Length++] = ' ';
            _space = false;
        }
    }

    /// <summary>
    /// A multi-line reply joined into one line repeats its code on every line ("550-5.7.1 Messages with multiple
    /// 550-5.7.1 addresses ..."); the repeats are removed, in place, so the wording reads as one sentence again.
    /// Returns the text's new length.
    /// </summary>
    private static int DropRepeatedReplyPrefix(Span<char> text)
    {
        var first = QuotedStatusPattern().EnumerateMatches(text[..Math.Min(text.Length, 8192)]);
        if (!first.MoveNext()) return text.Length;
        var m = first.Current;
        var st = QuotedStatus(text, m);
        var after = m.Index + m.Length;
        // " 550-5.7.1 " (the status is at most 9 characters): first the continuation lines' prefix, then any repeat
        // with a space in the text that is left.
        Span<char> repeat = stackalloc char[16];
        repeat[0] = ' ';
        text.Slice(m.Index, 3).CopyTo(repeat[1..]);
        st.CopyTo(repeat[5..]);
        repeat[5 + st.Length] = ' ';
        repeat = repeat[..(st.Length + 6)];
        var length = text.Length;
        foreach (var separator in "- ")
        {
            repeat[4] = separator;
            length = after + ReplaceWithSpace(text[after..length], repeat);
        }
        return length;
    }

    /// <summary>Replaces, in place and left to right, every occurrence of a phrase with one space; returns the new length.</summary>
    internal static int ReplaceWithSpace(Span<char> text, ReadOnlySpan<char> phrase)
    {
        var at = text.IndexOf(phrase, StringComparison.Ordinal);
        if (at < 0) return text.Length;
        // What is written never passes what is still to be read: the phrase is longer than the space it leaves.
        var write = at;
        var read = at;
        while (true)
        {
            text[write++] = ' ';
            read += phrase.Length;
            var next = text[read..].IndexOf(phrase, StringComparison.Ordinal);
            var kept = next < 0 ? text[read..] : text.Slice(read, next);
            kept.CopyTo(text[write..]);
            write += kept.Length;
            read += kept.Length;
            if (next < 0) return write;
        }
    }

    /// <summary>The status of a <see cref="QuotedStatusPattern"/> match ("5.7.1" of "550-'5.7.1" or of "('550',
    /// ['5.7.1"): the match's end, from its first digit after the reply code.</summary>
    private static ReadOnlySpan<char> QuotedStatus(ReadOnlySpan<char> text, ValueMatch m, out int index)
    {
        index = m.Index + 3;
        while (!char.IsAsciiDigit(text[index])) index++;
        return text[index..(m.Index + m.Length)];
    }

    private static ReadOnlySpan<char> QuotedStatus(ReadOnlySpan<char> text, ValueMatch m) => QuotedStatus(text, m, out _);

    /// <summary>
    /// A relay that prefixes the remote server's quoted reply with its own description of a status
    /// ("5.1.0 - Unknown address error 550-'5.7.1 ... Access denied'", also a reply coded out of the standard
    /// range such as "571-'5.7.1 ...'") is read from the quoted reply: the
    /// description is a generic label of the relay's status, not the reason the remote server gave.
    /// </summary>
    private static string RemoteReply(string text)
    {
        var m = LabelledRemoteReply().Match(Head(text));
        if (m.Success) return text[m.Groups["r"].Index..];
        // Exchange's own wrapper of the remote's reply: '451 4.4.0 Primary target IP address responded with: "452 4.3.1
        // Insufficient system resources ..." Attempted failover ...'.
        // Exchange 2013+ also proxies through its front end and quotes what the remote server said there: '550 5.7.0 Proxy
        // session setup failed on Frontend with '554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain''.
        // When the remote's reply ends the attempt, Exchange Online writes '451 4.4.0 Error encountered while communicating
        // with primary target IP address: "452 4.2.2 ... Recipient address rejected ..."'.
        if (!text.Contains("responded with", StringComparison.OrdinalIgnoreCase) && !text.Contains("session setup failed on", StringComparison.OrdinalIgnoreCase)
            && !text.Contains("communicating with primary target", StringComparison.OrdinalIgnoreCase)) return text;
        m = WrappedRemoteReply().Match(Head(text));
        return m.Success ? text[m.Groups["r"].Index..] : text;
    }

    /// <summary>
    /// The reply Exchange Online passes on after its own label ("550 5.7.350 Remote server returned message detected as spam
    /// -> 554 5.7.1 ... blocked using bl.spamcop.net"), whose words are the reason; the label's status and reply stay the
    /// result's. The whole text when it is no such label.
    /// </summary>
    internal static string PassedOnReply(string text)
    {
        var at = text.IndexOf("Remote server returned", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return text;
        var arrow = text.IndexOf(" -> ", at, StringComparison.Ordinal);
        return arrow > 0 && arrow - at < 200 && arrow + 7 <= text.Length && text[arrow + 4] is '4' or '5' && char.IsAsciiDigit(text[arrow + 5]) && char.IsAsciiDigit(text[arrow + 6])
            ? text[(arrow + 4)..] : text;
    }

    /// <summary>
    /// The text with the path, query and fragment of every web address removed, keeping its host: a link such as
    /// ".../help_spam" or "...#policyviolation" is no wording of the refusal, while a host name (a block list's,
    /// "www.spamhaus.org") still says who refused. Provider rules read the whole text (Google's "?p=" pages).
    /// </summary>
    /// <summary>
    /// The wording the reason rules read: the text without its links' paths (<see cref="WithoutUrlPaths"/>) and with the
    /// local part of every e-mail address written as "x". A mailbox name is no wording of the refusal, and may hold any
    /// word ("info-spf@", "blockchain@", "virusscan@"); the domain after it still names whose it is.
    /// </summary>
    internal static string Words(string text)
    {
        // The recipients of one notice are classified one after another with the same notice: its words are made once.
        if (ReferenceEquals(text, _lastWordsOf)) return _lastWords!;
        var words = WithoutLocalParts(WithoutUrlPaths(text));
        if (text.Length > 256) (_lastWordsOf, _lastWords) = (text, words);
        return words;
    }

    [ThreadStatic] private static string? _lastWordsOf;
    [ThreadStatic] private static string? _lastWords;

    internal static string WithoutLocalParts(string text)
    {
        const int MaxLocalPart = 64;
        var at = text.IndexOf('@');
        if (at < 0) return text;
        System.Text.StringBuilder? words = null;
        var copied = 0;
        for (; at >= 0; at = at + 1 < text.Length ? text.IndexOf('@', at + 1) : -1)
        {
            var start = at;
            while (start > 0 && at - start < MaxLocalPart && IsLocalPartChar(text[start - 1])) start--;
            // An address: a local part before the '@' and a domain with a dot after it.
            if (start == at || at + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[at + 1])) continue;
            var dot = at + 1;
            while (dot < text.Length && (char.IsAsciiLetterOrDigit(text[dot]) || text[dot] == '-')) dot++;
            if (dot >= text.Length - 1 || text[dot] != '.' || !char.IsAsciiLetterOrDigit(text[dot + 1])) continue;
            // Only a mailbox name that holds some rule's phrase could be read as wording: most do not, and then the
            // text stays as it is (no copy of it is made).
            if (start < copied || !ReasonRules.Wording.ContainsAnyPhrase(text.AsSpan(start, at - start))) continue;
            words ??= new System.Text.StringBuilder(text.Length);
            words.Append(text, copied, start - copied).Append('x');
            copied = at;
        }
        if (words is null) return text;
        return words.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsLocalPartChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '=';

    internal static string WithoutUrlPaths(string text)
    {
        if (!text.Contains("://", StringComparison.Ordinal)) return text;
        return UrlPath().Replace(text, "${h}");
    }

    /// <summary>The status that fits a reason when the message gives none, such as 5.1.1 for userunknown.</summary>
    public static string? FittingStatus(BounceReason reason, bool temporary)
    {
        var rule = ReasonRules.For(reason);
        if (rule is null) return null;
        // The class as a literal: an interpolated number boxes it until the JIT optimises the formatting.
        return string.Concat(temporary || reason == BounceReason.Expired ? "4." : "5.", rule.DefaultStatus);
    }

    /// <summary>
    /// For a delay notice read as <c>expired</c> (a timeout while the queue still tries), the network status its words
    /// name ("Connection timed out": x.4.1), not x.4.7: nothing has expired yet. Null when the words name no network fault.
    /// </summary>
    private static string? DelayFitting(BounceReason reason, RecipientFacts facts, string words)
    {
        if (reason != BounceReason.Expired || facts.Action != "delayed" || ReasonRules.For(BounceReason.NetworkError) is not { } network) return null;
        var fits = network.FittingStatus(words);
        return fits == network.DefaultStatus ? null : string.Concat("4.", fits);
    }

    /// <summary>The status that fits a reason and the words of the refusal (<see cref="ReasonRule.FittingByWording"/>:
    /// a failed authentication that names SPF alone is x.7.23), when the message gives none.</summary>
    private static string? FittingStatus(BounceReason reason, bool temporary, string words)
    {
        var rule = ReasonRules.For(reason);
        if (rule is null) return null;
        return string.Concat(temporary || reason == BounceReason.Expired ? "4." : "5.", rule.FittingStatus(words));
    }

    /// <summary>The first enhanced status code in a text, if any.</summary>
    public static EnhancedStatus? FindStatus(string text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        // Matches are enumerated as positions (no Match objects); the head is read as if it were the whole text.
        var span = Head(text.AsSpan());
        // Exim's sender verification quotes the answer of the sender's own server to its callout ("550-Verification
        // failed for <sender> 550-Called: 192.0.2.10 550-Sent: RCPT TO:<sender> 550-Response: 550 5.1.1 ..."): that
        // status is about the sender's address, not this recipient's.
        var callout = span.IndexOf("Called:", StringComparison.Ordinal);
        if (callout > 0 && span[..callout].Contains("verification failed", StringComparison.OrdinalIgnoreCase)) span = span[..callout];
        // A status right after a reply code ("550 5.2.2", "550-'5.2.2") is the remote server's own; prefer it: when the
        // text starts with another status, such as a relay's own, or when the one before it is a catch-all x.0.0 of the
        // same class (Exchange 2003's "<host #5.0.0 smtp;554 5.7.1 ...>" after its own wording).
        var quotedMatches = QuotedStatusPattern().EnumerateMatches(span);
        if (quotedMatches.MoveNext())
        {
            var quoted = QuotedStatus(span, quotedMatches.Current, out var quotedAt);
            if (EnhancedStatus.TryParse(quoted, out var q) && q.Subject <= 7 && span.IndexOf(quoted, StringComparison.Ordinal) > 0
                && StatusPattern().EnumerateMatches(span) is var firsts && firsts.MoveNext() && firsts.Current.Index < quotedAt
                && (firsts.Current.Index == 0 || IsCatchAllOfClass(span.Slice(firsts.Current.Index, firsts.Current.Length), q.Class)))
            {
                return q;
            }
        }
        // The whole match of StatusPattern is its status (the rest are look-arounds).
        // (A subject above 7 is no status of the registry: Yahoo's old "temporarily deferred - 4.16.50" is a tag. A
        // server's own subject 8 or 9 right after its reply code of the same class is its status all the same:
        // ImprovMX answers "550 5.9.4 Message rejected ...".)
        foreach (var m in StatusPattern().EnumerateMatches(span))
        {
            if (EnhancedStatus.TryParse(span.Slice(m.Index, m.Length), out var s)
                && (s.Subject <= 7 || (s.Subject <= 9 && FollowsReplyOfClass(span[..m.Index], s.Class)))) return s;
        }
        return null;
    }

    /// <summary>Whether the text ends with a reply code of the given class and one space or hyphen ("550 ", "550-").</summary>
    private static bool FollowsReplyOfClass(ReadOnlySpan<char> before, int statusClass) =>
        before is [.., var c, var d1, var d2, ' ' or '-'] && c - '0' == statusClass && char.IsAsciiDigit(d1) && char.IsAsciiDigit(d2)
        && (before.Length == 4 || !char.IsAsciiLetterOrDigit(before[^5]));

    /// <summary>Whether a status is the catch-all x.0.0 of the given class, which a later, more precise status outranks.</summary>
    private static bool IsCatchAllOfClass(ReadOnlySpan<char> text, int statusClass) =>
        EnhancedStatus.TryParse(text, out var s) && s is { Subject: 0, Detail: 0 } && s.Class == statusClass;

    /// <summary>The first SMTP reply code at the start of a text or after a colon, if any.</summary>
    public static int? FindReply(string text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var span = Head(text.AsSpan());
        // A greeting banner quoted before the refusal ("220-mx.example 421 4.2.1 ...") is not the reply that failed.
        var matches = ReplyPattern().EnumerateMatches(span);
        ReplyCode code;
        do
        {
            if (!matches.MoveNext()) return null;
        }
        while (!ReplyCode.TryParse(ReplyOf(span, matches.Current), out code) || !IsSentReply(code));
        if (code.Value == 220 && matches.MoveNext() && ReplyCode.TryParse(ReplyOf(span, matches.Current), out var after) && after.Value >= 400)
        {
            return after.Value;
        }
        return code.Value;
    }

    /// <summary>Whether a code is one servers send: every 4yz and 5yz, and of the 2yz only those RFC 5321 defines (211, 214,
    /// 220, 221, 250, 251, 252). A "212" in a program's output ("on line 212") is a number, not a reply.</summary>
    private static bool IsSentReply(ReplyCode code) => code.Class != 2 || code.Value is 211 or 214 or 220 or 221 or 250 or 251 or 252;

    /// <summary>The code of a <see cref="ReplyPattern"/> match: its last three characters, or its first three when it ends
    /// with the colon of "550:".</summary>
    private static ReadOnlySpan<char> ReplyOf(ReadOnlySpan<char> text, ValueMatch m) =>
        text[m.Index + m.Length - 1] == ':' ? text.Slice(m.Index, 3) : text.Slice(m.Index + m.Length - 3, 3);

    [GeneratedRegex(@"(?<![\d.])(?<s>[245]\.\d{1,3}\.\d{1,3})(?!\d|\.\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex StatusPattern();

    [GeneratedRegex(@"(?<h>\b(?:https?|ftp)://[^\s/?#<>""'()\[\]]+)[/?#][^\s<>""'()\[\]]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex UrlPath();

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3} - [A-Za-z ()]{1,80}?(?<r>[245]\d\d[ -]'|\('[245]\d\d', \[)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex LabelledRemoteReply();

    [GeneratedRegex(@"^[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3} )?[^""'\n]{0,80}?(?:responded with:?|session setup failed on [A-Za-z]{1,20} with|communicating with primary target IP address:) ?[""'](?<r>[245]\d\d[ -])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex WrappedRemoteReply();

    [GeneratedRegex(@"(?<=^|[\s;:])[45][0-5]\d:? : ", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex ReplyWithoutAddress();

    [GeneratedRegex(@"(?:^|[\s:<(])[a-z0-9-]+(?:\.[a-z0-9-]+)+\.?>? does not exist", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex MissingDomain();

    // IronPort (AsyncOS) quotes a remote reply of several lines as a Python tuple: "('550', ['5.1.1 The email ...',
    // '5.1.1 double-checking ...'])".
    [GeneratedRegex(@"[245][0-5]\d(?:[ -]'?|', \[['""])(?<s>[245]\.\d{1,3}\.\d{1,3})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex QuotedStatusPattern();

    // A code after white space or punctuation ("said: 550 ...", Exchange's "returned '550 ..."), one written with a
    // colon at the very start (Yahoo's "550: ..."), or one named as a code ("ERROR_CODE :550", "ResponseCode 421").
    // Exchange 2007-2010 write the remote reply between hashes ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##").
    [GeneratedRegex(@"(?<=^|[\s:;(\[""'#])(?<c>[245][0-5]\d)(?=[\s\-]|$)|^(?<c>[245][0-5]\d):|(?<=\(')(?<c>[245][0-5]\d)(?=', \[)|[Cc][Oo][Dd][Ee] ?:? ?(?<c>[245][0-5]\d)(?=[\s,.;]|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex ReplyPattern();
}

using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>What became of one message.</summary>
public enum ParseOutcomeKind
{
    /// <summary>A bounce, delivery report, feedback report or auto-reply: one result per recipient.</summary>
    Bounce,
    /// <summary>An ordinary message: no result, counted and skipped.</summary>
    NotBounce,
    /// <summary>The message could not be read at all (the error says why).</summary>
    Failed,
}

/// <summary>The results of one message, or why there are none.</summary>
public sealed record ParseOutcome(ParseOutcomeKind Kind, IReadOnlyList<BounceResult> Results, string? Error = null)
{
    public static readonly ParseOutcome NotABounce = new(ParseOutcomeKind.NotBounce, []);
}

/// <summary>
/// Entry point of bounce parsing: picks the decoder for a message, runs it, classifies each recipient's reason and
/// links it to the catalog. Thread-safe; build once and share.
/// </summary>
public sealed class BounceParser
{
    private static readonly Lazy<BounceParser> DefaultParser = new(() => new BounceParser(Diagnosis.Diagnoser.Default));

    public static BounceParser Default => DefaultParser.Value;

    private readonly Diagnosis.Diagnoser _diagnoser;

    public BounceParser(Diagnosis.Diagnoser diagnoser) => _diagnoser = diagnoser;


    /// <summary>Reads one message from a stream with MimeKit and parses it; a message MimeKit cannot read gives a failed outcome.</summary>
    /// <param name="stream">The raw message (RFC 5322), any line endings; a seekable stream may also hold pasted text without headers.</param>
    /// <param name="source">Where it came from.</param>
    /// <param name="messageIndex">Index within an mbox or folder, else null.</param>
    /// <param name="language">Language of the linked explanations.</param>
    public ParseOutcome Parse(Stream stream, string source, int? messageIndex, Codes.Language language)
    {
        ArgumentNullException.ThrowIfNull(stream);
        MimeMessage message;
        try
        {
            message = PastedText.Load(stream);
        }
        catch (Exception e) when (e is FormatException or ParseException or IOException)
        {
            return new ParseOutcome(ParseOutcomeKind.Failed, [], e.Message);
        }
        // Disposed at once: MimeKit's entities have finalizers, and an undisposed message survives a collection
        // (with everything it holds) only to be finalized.
        using (message)
        {
            return Parse(message, source, messageIndex, language);
        }
    }

    /// <summary>Parses one message already read by MimeKit.</summary>
    /// <param name="message">The message.</param>
    /// <param name="source">Where it came from (file path, mbox path, IMAP URL, "-").</param>
    /// <param name="messageIndex">Index within an mbox or folder, else null.</param>
    /// <param name="language">Language of the linked explanations.</param>
    /// <returns>One result per recipient, a not-a-bounce outcome, or a failure with its reason; never throws for bad input.</returns>
    /// <remarks>The message stays the caller's: dispose it when done. MimeKit's messages and parts have finalizers, so
    /// one left undisposed survives a garbage collection with all it holds before it is finalized; in bulk that is a
    /// large share of the run time (docs/performance.md).</remarks>
    public ParseOutcome Parse(MimeMessage message, string source, int? messageIndex, Codes.Language language)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);
        return Parse(message, source, messageIndex, language, 0, inlineForward: false);
    }

    /// <summary>How many forwards deep a forwarded bounce is looked for.</summary>
    private const int MaxForwardDepth = 3;

    private static IReadOnlyList<ForwardedBounce.Candidate> FindForwarded(MimeMessage message)
    {
        // Made only when there is a forward: most messages are none.
        List<ForwardedBounce.Candidate>? found = null;
        try
        {
            foreach (var candidate in ForwardedBounce.Find(message)) (found ??= new(2)).Add(candidate);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // Unreadable as a forward: read as the message it is (with what was found before the error).
        }
        return found ?? (IReadOnlyList<ForwardedBounce.Candidate>)[];
    }

    private ParseOutcome Parse(MimeMessage message, string source, int? messageIndex, Codes.Language language, int depth, bool inlineForward)
    {
        // A list's post or digest is talk among members, whatever it says about failed mail.
        if (ListPost.Is(message)) return ParseOutcome.NotABounce;
        // A person's forward of a bounce: the bounce is read on its own, so that the forwarder and the forward's header
        // block are never read as its recipients. A forward of anything else is read as the message it is.
        // (Not in a person's out-of-office reply: a bounce in it is the copy of the message it answers.)
        var personsAutoReply = ForwardedBounce.IsPersonsAutoReply(message);
        if (depth < MaxForwardDepth && !personsAutoReply)
        {
            var candidates = FindForwarded(message);
            ParseOutcome? forwarded = null;
            var fromAttachment = false;
            List<BounceResult>? together = null;
            // By index: a foreach over the list's interface would allocate an enumerator.
            for (var i = 0; i < candidates.Count; i++)
            {
                var (inner, fromText, owned) = candidates[i];
                // The first bounce found; after a bounce attached, each further one attached too (a forward of several).
                // An attachment read only as an auto-reply (a person's message whose subject has "out of office" words)
                // gives way to a failure the forward's own text quotes.
                var onlyAutoReply = forwarded is not null && together is null && forwarded.Results.All(r => r.Reason == Codes.BounceReason.Vacation);
                if (forwarded is null || (fromAttachment && !fromText) || onlyAutoReply)
                {
                    var outcome = Parse(inner, source, messageIndex, language, depth + 1, inlineForward: fromText);
                    if (outcome.Kind == ParseOutcomeKind.Bounce)
                    {
                        if (forwarded is null) (forwarded, fromAttachment) = (outcome, !fromText);
                        else if (onlyAutoReply && outcome.Results.Any(r => !r.Reason.IsNotFailure())) (forwarded, fromAttachment) = (outcome, !fromText);
                        else if (fromAttachment && !fromText) (together ??= [.. forwarded.Results]).AddRange(outcome.Results);
                    }
                }
                if (owned) inner.Dispose();
            }
            if (together is not null) return new ParseOutcome(ParseOutcomeKind.Bounce, together);
            if (forwarded is not null) return forwarded;
            // A person's forward (by its subject) of an attached message that is no bounce is no bounce either: its
            // subject ("Fwd: AW: Unzustellbar: ...", "Fwd: Build failed") is about the attached message, not a notice's
            // own. (A notice from a sender that looks like a person, with a broken original attached, is still read.)
            if (ForwardedBounce.ForwardsAnAttachment(message)) return ParseOutcome.NotABounce;
        }
        // A list's probe to a member is mail to the member, whatever it says about the bounces that made the list send it.
        if (ListPost.IsProbe(message)) return ParseOutcome.NotABounce;
        // A challenge-response filter's request to confirm holds the message; a read receipt follows a delivered one;
        // calendar answers, recall reports and quarantine digests only name failures.
        if (ChallengeRequest.Is(message) || ReadReceipt.Is(message) || LookAlikeNotice.Is(message)) return ParseOutcome.NotABounce;
        string? lastError = null;
        // By index: a foreach over the list's interface would allocate an enumerator per message.
        var decoders = DecoderList.All;
        for (var d = 0; d < decoders.Count; d++)
        {
            var decoder = decoders[d];
            // A person's out-of-office reply is read as one, whatever report its copy of the answered message holds.
            if (personsAutoReply && decoder is not AutoReplyDecoder) continue;
            // A message forwarded inline keeps only the headers its block shows (no Auto-Submitted, no X-Autoreply):
            // whether it was an automatic reply cannot be told, and a notice's subject alone must not make it one.
            if (inlineForward && decoder is AutoReplyDecoder) continue;
            DecodedBounce? decoded;
            try
            {
                if (!decoder.Recognises(message)) continue;
                decoded = decoder.Decode(message);
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                lastError = $"{decoder.Name}: {e.Message}";
                continue;
            }
            if (decoded is null || decoded.Recipients.Count == 0) continue;
            try
            {
                return new ParseOutcome(ParseOutcomeKind.Bounce, Results(decoder.Name, decoded, message, source, messageIndex, language));
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                return new ParseOutcome(ParseOutcomeKind.Failed, [], $"{decoder.Name}: {e.Message}");
            }
        }
        return lastError is null ? ParseOutcome.NotABounce : new ParseOutcome(ParseOutcomeKind.Failed, [], lastError);
    }

    private List<BounceResult> Results(string decoderName, DecodedBounce decoded, MimeMessage message, string source, int? messageIndex, Codes.Language language)
    {
        var results = new List<BounceResult>(decoded.Recipients.Count);
        // Read once: MimeKit parses the Date header at each read.
        var sent = message.Date;
        var date = sent == default ? (DateTimeOffset?)null : sent;
        IReadOnlyList<string>? all = decoded.Recipients.Count > 1 ? decoded.Recipients.Select(r => r.Recipient).ToList() : null;
        // Without the original's headers, the notice's one addressee is the original sender: a bounce goes to the
        // envelope sender (SurfControl's notice attaches no copy, and its refusal echoes that address). Only to read the
        // refusal: the result names no sender that the returned message does not.
        var sender = decoded.Sender ?? (decoded.Kind == ReportKind.Failure ? NoticeAddressee(message) : null);
        // By index: a foreach over the list's interface would allocate an enumerator.
        for (var i = 0; i < decoded.Recipients.Count; i++)
        {
            var decodedFacts = decoded.Recipients[i];
            // A report without a Remote-MTA field often names the remote server in its wording.
            var facts = decodedFacts.RemoteMta is null && Decoders.RemoteHost.Find(decodedFacts.DiagnosticCode) is { } named
                ? decodedFacts with { RemoteMta = named }
                : decodedFacts;
            var c = ReasonClassifier.Classify(decoded.Kind, facts, decoded.NoticeText, sender, all);
            Diagnosis.Diagnosis? explanation = null;
            if (!c.Reason.IsNotFailure())
            {
                try
                {
                    // The remote host's name tells whose wording this is when the wording does not name its provider.
                    var host = facts.RemoteMta is { Length: > 0 and <= 255 } remote && !string.IsNullOrEmpty(facts.DiagnosticCode) ? remote : null;
                    explanation = _diagnoser.Diagnose(c.Status, c.ReplyCode, facts.DiagnosticCode, host, language, out var providerReason, stillTrying: facts.Action == "delayed");
                    // A provider's own code decides the reason: the catalog is the one place that says what it means.
                    // (Not a code that only passes on the next server's reply, Exchange Online's "550 5.7.350 Remote
                    // server returned message detected as spam -> 554 5.7.1 ... blocked using bl.spamcop.net": the
                    // quoted reply's words are the reason.)
                    if (providerReason is { } byCatalog && !byCatalog.IsNotFailure() && (facts.DiagnosticCode is not { } passing || ReferenceEquals(ReasonClassifier.PassedOnReply(passing), passing)))
                        c = ReasonClassifier.WithReason(c, byCatalog);
                    // A general status (x.y.0: 5.0.0 "other or undefined", 5.5.0 "protocol problem") would be explained as
                    // such, with a side and steps of its own, while the words decided another reason (SendGrid's 5.0.0 for
                    // Yahoo's "This mailbox is disabled"): the status that fits that reason explains it instead.
                    if (explanation is not null && explanation.Reason != c.Reason && IsGeneralStatus(explanation.Code)
                        && c.Reason is not (BounceReason.Undefined or BounceReason.OnHold)
                        && ReasonClassifier.FittingStatus(c.Reason, c.Temporary) is { } fitted && fitted != c.Status
                        // (The fitted status's own meaning, without the words again: they decided the reason already, and
                        // reading them costs a scan of the text for each such result.)
                        && _diagnoser.Diagnose(fitted, c.ReplyCode, null, null, language, out _, stillTrying: facts.Action == "delayed") is { } byReason)
                    {
                        explanation = byReason;
                    }
                    // The explanation describes the code; its reason is the one this result reports.
                    if (explanation is not null && explanation.Reason != c.Reason) explanation = explanation with { Reason = c.Reason };
                }
                catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
                {
                    explanation = null;
                }
            }
            results.Add(new BounceResult
            {
                Source = source,
                MessageIndex = messageIndex,
                Recipient = facts.Recipient,
                Sender = decoded.Sender,
                Status = c.Status,
                // A recipient delivered or relayed got no failure reply: a 4xx or 5xx read from its text is another
                // recipient's (a notice's paragraph that runs on into a transcript).
                ReplyCode = c.Reason.IsNotFailure() && c.ReplyCode >= 400 ? null : c.ReplyCode,
                Reason = c.Reason,
                HardBounce = c.HardBounce,
                Action = facts.Action ?? DefaultAction(c, facts.DiagnosticCode),
                DiagnosticCode = facts.DiagnosticCode,
                DiagnosticType = facts.DiagnosticType,
                RemoteMta = facts.RemoteMta,
                ReportingMta = decoded.ReportingMta,
                Command = c.Command,
                Decoder = decoderName,
                Timestamp = facts.Timestamp ?? date,
                OriginalMessageId = decoded.OriginalMessageId,
                OriginalSubject = decoded.OriginalSubject,
                FeedbackType = facts.FeedbackType,
                Explanation = explanation,
            });
        }
        return results;
    }

    /// <summary>The address of the notice's one To mailbox, or null when it has none or several.</summary>
    private static string? NoticeAddressee(MimeMessage message)
    {
        MailboxAddress? only = null;
        foreach (var mailbox in message.To.Mailboxes)
        {
            if (only is not null) return null;
            only = mailbox;
        }
        return only is null ? null : Decoders.MessageParts.NullIfEmpty(Decoders.MessageParts.AddressOf(only));
    }

    /// <summary>Whether a code is an enhanced status without a detail (x.y.0), which says little beyond its subject.</summary>
    private static bool IsGeneralStatus(string code) => EnhancedStatus.TryParse(code, out var s) && s.Detail == 0;

    /// <summary>The action of a result whose notice names none: from the reason and the status's class, except that a
    /// temporary failure the server gave up on ("I'm not going to try again; this message has been in the queue too
    /// long.", "Giving up on 192.0.2.1.") failed for good.</summary>
    private static string? DefaultAction(Classification c, string? diagnostic) => c.Reason switch
    {
        Codes.BounceReason.Feedback or Codes.BounceReason.Vacation => null,
        Codes.BounceReason.Delivered => "delivered",
        // A queue that expired (x.4.7, "Could not deliver the message in the time limit specified") has given up.
        _ => c.Temporary && !GaveUp(diagnostic) && !(c.Reason == Codes.BounceReason.Expired && c.Status?.EndsWith(".4.7", StringComparison.Ordinal) == true) ? "delayed" : "failed",
    };

    private static bool GaveUp(string? diagnostic)
    {
        if (string.IsNullOrEmpty(diagnostic)) return false;
        foreach (var words in GaveUpWords)
        {
            if (diagnostic.Contains(words, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static readonly string[] GaveUpWords = ["not going to try again", "i've given up", "giving up on", "will not try again", "no further attempts",
        // Exim, when a temporary failure outlasted its retry rules ("451 4.7.1 ... : retry timeout exceeded").
        "retry timeout exceeded",
        // CommuniGate Pro ("message delivery time expired", then the last error), MDaemon ("maximum lifetime reached").
        "delivery time expired", "maximum lifetime reached"];
}

using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// A bounce family written as plain text: recognised by its sender, subject and notice wording; read with
/// <see cref="PlainTextReader"/>. Each family in <see cref="DecoderList"/> is one instance with its own markers.
/// </summary>
public sealed class TextBounceDecoder : IBounceDecoder
{
    private readonly string[] _senders;
    private readonly string[] _subjects;
    private readonly string[] _markers;
    // The family's markers in one search (the notice is scanned once for all of them, not once per marker).
    private readonly PhraseSearch _markerSearch;
    private readonly string[] _headers;
    private readonly bool _needsAll;
    private readonly string[] _pasted;

    /// <param name="name">The family name.</param>
    /// <param name="senders">Fragments of the bounce's From address or name that identify the family.</param>
    /// <param name="subjects">Fragments of the subject that identify the family.</param>
    /// <param name="markers">Wording found near the start of the notice text.</param>
    /// <param name="headers">Header names only this family adds.</param>
    /// <param name="needsAll">When true, a sender or subject fragment and a marker must both match.</param>
    /// <param name="pasted">Wording only this family's notices have: with <paramref name="needsAll"/>, enough on its own in
    /// text pasted without headers (<see cref="PastedText"/>).</param>
    /// <param name="finalOnly">The family sends no delay warnings: a recipient without an action of its own failed.</param>
    public TextBounceDecoder(string name, string[]? senders = null, string[]? subjects = null, string[]? markers = null, string[]? headers = null, bool needsAll = false, string[]? pasted = null,
        bool finalOnly = false)
    {
        _finalOnly = finalOnly;
        _pasted = pasted ?? [];
        Name = name;
        _senders = senders ?? [];
        _subjects = subjects ?? [];
        _markers = markers ?? [];
        _markerSearch = new PhraseSearch(_markers);
        _headers = headers ?? [];
        _needsAll = needsAll;
    }

    public string Name { get; }

    // The family sends no delay warnings: each notice ends the delivery, also of a temporary failure it gave up on
    // (the DragonFly Mail Agent).
    private readonly bool _finalOnly;

    public bool Recognises(MimeMessage message)
    {
        var from = message.Headers["From"] ?? "";
        var subject = message.Subject ?? "";
        // Loops rather than Any with lambdas: every message meets most decoders, and each lambda over a local costs
        // an allocation per call.
        var byHeader = false;
        foreach (var h in _headers) byHeader |= message.Headers.Contains(h);
        // A reply ("Re: onbestelbaar pakket", "AW: Unzustellbar: ...") is a conversation about a failed delivery, not the
        // notice itself: its subject says nothing about the message.
        var byEnvelope = ContainsAny(from, _senders) || (!IsReply(subject) && ContainsAny(subject, _subjects));
        if (!_needsAll && (byHeader || byEnvelope)) return true;
        // Pasted text has no sender or subject to test: only wording that no other notice has tells whose it is. So does
        // a person's new message with the notice pasted into it ("ik krijg steeds dit terug:"), though not a reply; a
        // mail system's own notice is another server's, read by its own decoder.
        if (_needsAll && !byEnvelope && !byHeader)
            return _pasted.Length > 0 && (IsPasted(message) || (!IsReply(subject) && !FromAMailSystem(message))) && MessageParts.NoticeContains(message, _pasted);
        if (_markers.Length == 0) return false;
        // A reply that quotes a notice's wording is a conversation about it (a person's answer, a helpdesk ticket's
        // update), not the notice: its sender and subject were no notice's.
        if (IsReply(subject)) return false;
        return MessageParts.NoticeContainsAny(message, _markerSearch);
    }

    /// <summary>Reply prefixes of mail programs in the languages of the notices (Re, AW, Antw, SV, R, RES, RIF).</summary>
    private static readonly string[] ReplyPrefixes = ["re:", "aw:", "antw:", "antwort:", "sv:", "r:", "res:", "rif:", "ynt:"];

    // ("[EXTERNAL] [Support] Re: ..." too: a list's, a helpdesk's or a gateway's tags come first.)
    private static bool IsReply(string subject) => MessageParts.SubjectStartsWith(subject, ReplyPrefixes);

    /// <summary>Whether the sender is a mail system's daemon or postmaster.</summary>
    private static bool FromAMailSystem(MimeMessage message) => MessageParts.FromContains(message, "mailer-daemon", "postmaster", "mail delivery", "mailerdaemon");

    /// <summary>A message without a sender and a subject: text pasted without its headers (<see cref="PastedText"/>).</summary>
    private static bool IsPasted(MimeMessage message) => !message.Headers.Contains(HeaderId.From) && !message.Headers.Contains(HeaderId.Subject);

    private static bool ContainsAny(string text, string[] fragments)
    {
        foreach (var f in fragments)
        {
            if (text.Contains(f, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Wording of notices that only warn of a delay (sendmail, Postfix, Exim, OpenSMTPD).</summary>
    private static readonly string[] DelayWarnings =
    [
        "warning message only", "this is a warning only",
        // Gmail: "Gmail will retry for 45 more hours. You'll be notified if the delivery fails permanently."
        "will retry for", "notified if the delivery fails permanently", "do not need to resend", "do not need to re-send", "has not yet been delivered", "delivery attempts will continue", "still being retried",
        // Exim's notice of a frozen message: "The following address(es) have yet to be delivered".
        "have yet to be delivered",
        // The same in the sender's language (Gmail's and Exchange's delay notices): "only a warning", "no need to send it
        // again", "has not been delivered yet".
        "nur eine warn", "nicht erneut senden", "noch nicht zugestellt",
        "alleen een waarschuwing", "niet opnieuw te verzenden", "nog niet bezorgd", "nog niet afgeleverd", "wordt opnieuw geprobeerd",
        // Exim's warning gives each address a "Delay reason:" line, also when its template is translated; its failure
        // notice has none.
        "delay reason:",
        "uniquement un avertissement", "pas besoin de renvoyer", "pas encore été remis",
        "solo es una advertencia", "no es necesario volver a enviar", "todavía no se ha entregado",
        "solo un avviso", "non è necessario inviare di nuovo", "non è ancora stato recapitato",
        "apenas um aviso", "não é necessário reenviar", "ainda não foi entregue",
    ];

    private static readonly PhraseSearch DelayWarningSearch = new(DelayWarnings);

    private static bool Permanent(RecipientFacts r) =>
        r.Status?.StartsWith('5') == true || r.ReplyCode / 100 == 5 || Reasons.ReasonClassifier.FindReply(r.DiagnosticCode ?? "") / 100 == 5
        || Reasons.ReasonClassifier.FindStatus(r.DiagnosticCode ?? "") is { Class: 5 };

    /// <summary>
    /// Exchange 2000/2003 list a recipient by its display name alone when the sender's address book had one ("'Wouter
    /// Brouwer' on 20-3-2026 09:31"): such a line gets the address the returned message's To or Cc gives that name, so
    /// that it is read as that recipient's. The text as it was when there is no such line.
    /// </summary>
    private static string WithDisplayNamesAddressed(string text, HeaderList? original)
    {
        if (original is null || !text.Contains("' on ", StringComparison.Ordinal)) return text;
        foreach (var field in (ReadOnlySpan<string>)["To", "Cc"])
        {
            if (original[field] is not { } value || !InternetAddressList.TryParse(value, out var list)) continue;
            foreach (var mailbox in list.Mailboxes.Take(200))
            {
                if (string.IsNullOrWhiteSpace(mailbox.Name) || string.IsNullOrEmpty(mailbox.Address)) continue;
                var named = "'" + mailbox.Name.Trim() + "' on ";
                var at = text.IndexOf(named, StringComparison.Ordinal);
                // Only at the start of a line (after its indentation).
                if (at < 0 || text.AsSpan(at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1, at - (at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1)).Trim().Length > 0) continue;
                text = string.Concat(text.AsSpan(0, at + 1), mailbox.Address, text.AsSpan(at + 1 + mailbox.Name.Trim().Length));
            }
        }
        return text;
    }

    public DecodedBounce? Decode(MimeMessage message)
    {
        var text = MessageParts.AllNoticeText(message);
        var failed = PlainTextReader.AddressesIn(message.Headers["X-Failed-Recipients"]);
        var original = MessageParts.OriginalHeaders(message);
        text = WithDisplayNamesAddressed(text, original);
        // A notice goes back to the original sender: its To: address (and the returned copy's sender) is who sent the
        // message, so a refusal that echoes it is no further recipient.
        var senders = PlainTextReader.AddressesIn(message.Headers["To"]).ToList();
        if (MessageParts.OriginalSender(original) is { } originalSender) senders.Add(originalSender);
        // Split into lines once for every reading below.
        var lines = new PlainTextReader.NoticeLines(text);
        // A pasted notice has no headers of its own; the copy of the original quoted in its text names the sender.
        if (senders.Count == 0 && PlainTextReader.SplitAtCopy(lines).Headers?["From"] is { } copiedFrom) senders.AddRange(PlainTextReader.AddressesIn(copiedFrom));
        var recipients = PlainTextReader.Read(lines, failed.Count > 0 ? failed : null, senders);
        if (recipients.Count == 0) recipients = PlainTextReader.Read(lines, senders: senders);
        if (recipients.Count == 0 && failed.Count > 0) recipients = failed.Select(a => new RecipientFacts { Recipient = a }).ToList();
        if (recipients.Count == 0 && original?["To"] is { } to)
        {
            recipients = PlainTextReader.AddressesIn(to).Take(1).Select(a => new RecipientFacts { Recipient = a }).ToList();
        }
        if (recipients.Count == 0 && original is null &&
            PlainTextReader.CopiedTo(lines, unmarked: MessageParts.FromContains(message, "mailer-daemon", "postmaster", "mail delivery")) is { } copiedTo)
        {
            // A plain-text notice that quotes the returned message inline: its To: line names the recipient. Without a
            // marker such as "Original message follows", only a mailer daemon's notice is read that way.
            recipients = [new RecipientFacts { Recipient = copiedTo }];
        }
        if (recipients.Count == 0) return null;
        if (MessageParts.NoticeContainsAny(message, DelayWarningSearch))
        {
            // A warning that delivery is still being retried: nothing has failed for good yet, unless a recipient's own
            // reply says so.
            recipients = recipients.Select(r => r.Action is null && !Permanent(r) ? r with { Action = "delayed" } : r).ToList();
        }
        else if (_finalOnly)
        {
            recipients = recipients.Select(r => r.Action is null ? r with { Action = "failed" } : r).ToList();
        }
        // OpenSMTPD's success notice for a next server without delivery reports: "Your message was relayed to these
        // recipients." Its recipients' 2xx replies are relays, not deliveries.
        if (MessageParts.NoticeContains(message, "was relayed to these recipients"))
        {
            recipients = recipients.Select(r => r.Action is null && Reasons.ReasonClassifier.FindReply(r.DiagnosticCode ?? "") / 100 == 2 ? r with { Action = "relayed" } : r).ToList();
        }
        // A notice that quotes the original's headers as text rather than attaching them still says what was sent.
        var (notice, copied) = PlainTextReader.SplitAtCopy(lines, withHeaders: original is null);
        var returned = original ?? copied;
        return new DecodedBounce
        {
            Kind = ReportKind.Failure,
            Recipients = recipients,
            ReportingMta = ReportingHost.Find(message, text),
            Sender = MessageParts.OriginalSender(returned),
            OriginalMessageId = MessageParts.OriginalMessageId(returned),
            OriginalSubject = MessageParts.OriginalSubject(returned),
            NoticeText = notice,
        };
    }
}

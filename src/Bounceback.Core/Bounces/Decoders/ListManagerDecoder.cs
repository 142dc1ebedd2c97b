using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// A mailing list manager's refusal of a post (GNU Mailman's "You are not allowed to post to this mailing list",
/// L-Soft LISTSERV's "Rejected posting to LIST@host"): the post was not delivered to the list, so the list address is
/// the recipient. Its administrative fields (X-List-Administrivia, X-Mailman-Version), its sender (the list's -owner,
/// -bounces or -request address, LISTSERV) or its subject mark it, together with the refusal's wording.
/// </summary>
public sealed class ListManagerDecoder : IBounceDecoder
{
    private static readonly string[] Refusals =
    [
        "not allowed to post to this mailing list", "has been automatically rejected", "not authorized to send mail to the",
        "post by non-member", "posting to this list is restricted", "rejected posting to",
        // Mailman's notice of a moderator's refusal ("Request to mailing list X rejected").
        "has been rejected by the list moderator",
        // Sympa's: "Your message for list X has been rejected by the moderator (...)".
        "has been rejected by the moderator",
        // Mailman 3's refusal by a rule ("Your message to the X mailing-list was rejected for the following reasons:",
        // the reasons in the next paragraph: "The message is not from a list member").
        "was rejected for the following",
    ];

    /// <summary>A post held for the moderator: it may still be posted, so nothing failed (Mailman's "Your message to X
    /// awaits moderator approval").</summary>
    private static readonly string[] Holds = ["awaits moderator approval", "is being held until the list moderator"];

    // The suffixes of a list's own addresses (Mailman, and most list managers after it).
    private static readonly string[] ListSuffixes = ["-owner@", "-bounces@", "-request@", "-admin@"];

    public string Name => "listmanager";

    public bool Recognises(MimeMessage message)
    {
        var byList = message.Headers.Contains("X-List-Administrivia") || message.Headers.Contains("X-Mailman-Version")
            || MessageParts.FromContains(message, [.. ListSuffixes, "listserv"]) || MessageParts.SubjectContains(message, "rejected posting to");
        return byList && (MessageParts.SubjectContains(message, Refusals) || MessageParts.NoticeContains(message, Refusals))
            && !MessageParts.SubjectContains(message, Holds) && !MessageParts.NoticeContains(message, Holds);
    }

    public DecodedBounce? Decode(MimeMessage message)
    {
        var notice = MessageParts.NoticeText(message);
        var list = ListAddress(message);
        if (list is null) return null;
        var diagnostic = MessageParts.NullIfEmpty(RefusingParagraph(notice) ?? string.Join(' ', MessageParts.FirstParagraph(notice, 60))) ?? message.Subject;
        return MessageParts.Failure(message, [new RecipientFacts { Recipient = list, DiagnosticCode = diagnostic }], diagnostic);
    }

    /// <summary>The paragraph of the notice with the refusal's wording (Mailman's moderator refusal opens with "Your request
    /// to the X mailing list" and says it in the next), its lines joined; null when no paragraph of the first 60 lines has it.
    /// A paragraph that ends in a colon ("... for the following reasons:") is read with the paragraph after it.</summary>
    private static string? RefusingParagraph(string notice)
    {
        var paragraph = new List<string>();
        string? refusal = null;
        foreach (var raw in MessageParts.Lines(notice, 60))
        {
            var line = raw.Trim();
            if (line.Length > 0)
            {
                paragraph.Add(line);
                continue;
            }
            if (paragraph.Count == 0) continue;
            if (refusal is not null) return refusal + " " + string.Join(' ', paragraph);
            if (Refuses(paragraph))
            {
                if (!paragraph[^1].EndsWith(':')) return string.Join(' ', paragraph);
                refusal = string.Join(' ', paragraph);
            }
            paragraph.Clear();
        }
        if (refusal is not null) return paragraph.Count == 0 ? refusal : refusal + " " + string.Join(' ', paragraph);
        return Refuses(paragraph) ? string.Join(' ', paragraph) : null;
    }

    private static bool Refuses(List<string> paragraph)
    {
        if (paragraph.Count == 0) return false;
        var text = string.Join(' ', paragraph);
        foreach (var r in Refusals)
        {
            if (text.Contains(r, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The list's address: named in the subject ("Rejected posting to LIST@host"), else in Mailman's X-BeenThere, else
    /// the returned post's recipient at
    /// the list's host, else the sender's address without its suffix ("ledenlijst-owner@host" is "ledenlijst@host").
    /// </summary>
    private static string? ListAddress(MimeMessage message)
    {
        var subject = message.Subject ?? "";
        var at = subject.IndexOf("rejected posting to", StringComparison.OrdinalIgnoreCase);
        if (at >= 0 && PlainTextReader.FirstAddress(subject[at..]) is { } named) return named.Address;
        // Mailman marks its own messages with the list's posting address.
        if (PlainTextReader.FirstAddress(message.Headers["X-BeenThere"] ?? "") is { } been) return been.Address;
        var from = message.From.Mailboxes.FirstOrDefault()?.Address;
        var host = from is null ? null : from[(from.LastIndexOf('@') + 1)..];
        if (host is not null && MessageParts.OriginalHeaders(message) is { } original)
        {
            foreach (var field in new[] { "To", "Cc" })
            {
                foreach (var address in PlainTextReader.AddressesIn(original[field]))
                {
                    if (address.EndsWith("@" + host, StringComparison.OrdinalIgnoreCase)) return address;
                }
            }
        }
        if (from is null) return null;
        foreach (var suffix in ListSuffixes)
        {
            var i = from.IndexOf(suffix, StringComparison.OrdinalIgnoreCase);
            if (i > 0) return from[..i] + from[(i + suffix.Length - 1)..];
        }
        return null;
    }
}

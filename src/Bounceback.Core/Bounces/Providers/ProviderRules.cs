using Bounceback.Core.Codes;

namespace Bounceback.Core.Bounces.Providers;

/// <summary>
/// Wording of receiving providers (Google, Microsoft, Orange, ...) that decides the reason before the generic rules do,
/// for wording the provider catalog has no entry for. Where the catalog explains a provider's own token or wording
/// (Yahoo's TSS04, Google's ?p= pages, Microsoft's RESOLVER codes), its entry's reason decides instead
/// (<see cref="Diagnosis.Diagnoser.Diagnose(string?, int?, string?, Codes.Language, out BounceReason?)"/>), so no
/// provider code has two meanings; do not repeat catalog tokens here.
/// </summary>
public static class ProviderRules
{
    /// <summary>A provider's phrase and the reason it means.</summary>
    /// <param name="Phrase">Matched case-insensitively.</param>
    /// <param name="Reason">The reason.</param>
    public sealed record ProviderPhrase(string Phrase, BounceReason Reason);

    /// <summary>Provider wording, most specific first.</summary>
    public static IReadOnlyList<ProviderPhrase> Phrases { get; } =
    [
        // Google
        new("OverQuotaTemp", BounceReason.MailboxFull),
        new("OverQuotaPerm", BounceReason.MailboxFull),
        new("?p=NoSuchUser", BounceReason.UserUnknown),
        // "blocked because its content presents a potential security issue": as the catalog's Google 5.7.0 entry says.
        new("?p=BlockedMessage", BounceReason.VirusDetected),
        new("?p=MessageTooBig", BounceReason.MesgTooBig),
        new("recipient preferences", BounceReason.Filtered),
        new("?p=CustomFromDenied", BounceReason.Rejected),
        // Google Groups refusing a poster (not a member, no permission to post), also in Japanese
        new("permission to post", BounceReason.Rejected),
        // The same notice in French, Spanish, Italian and Portuguese ("vous n'êtes peut-être pas autorisé à publier des
        // messages dans ce groupe").
        new("autorisé à publier", BounceReason.Rejected), new("permiso para publicar", BounceReason.Rejected),
        new("autorizzato a pubblicare", BounceReason.Rejected), new("permissão para postar", BounceReason.Rejected),
        // Google Groups' own spam refusal: "Message rejected by Google Groups. Please visit ... to review our Bulk Email
        // Senders Guidelines."
        new("rejected by Google Groups", BounceReason.SpamDetected),
        // AOL: "554 5.7.1 : (RLY:B1)", its block of a sending IP whose mail drew complaints past its threshold.
        new("(RLY:B1)", BounceReason.BadReputation),
        // Yahoo: "451 Message temporarily deferred - [160]", its deferral for unusual traffic or complaints from the sending
        // server.
        new("temporarily deferred - [160]", BounceReason.BadReputation),
        // Google Workspace's refusal by an administrator's rule for the sender: "550 5.7.1 Rejected due to policy associated
        // with sender."
        new("policy associated with sender", BounceReason.PolicyViolation),
        new("投稿する権限", BounceReason.Rejected),
        // Mailing list managers refusing a post from a sender they do not accept (Mailman, LISTSERV)
        new("not allowed to post to this mailing list", BounceReason.Rejected),
        new("not authorized to send mail to the", BounceReason.Rejected),
        new("This user doesn't have a", BounceReason.UserUnknown),
        new("content presents a potential", BounceReason.PolicyViolation),
        new("rejected due to spam classification", BounceReason.SpamDetected),
        // Gmail refusing to send a user's own message that its outgoing filter judged spam ("Message rejected. See
        // https://support.google.com/mail/answer/69585"), under a bare 5.0.0: the help page's number is all it says.
        new("mail/answer/69585", BounceReason.SpamDetected),
        // Barracuda: "550 permanent failure for one or more recipients (ann@shop.example:blocked)" is its spam filter's
        // block of a message it had accepted; a refused sending IP never gets this far.
        new(":blocked)", BounceReason.SpamDetected),
        // Orange / Wanadoo
        new("ofr_506", BounceReason.SpamDetected),
        new("OFR_999", BounceReason.Blocked),
        new("LPN000_630", BounceReason.PolicyViolation),
        // Microsoft
        new("RESOLVER.ADR.RecipNotFound", BounceReason.UserUnknown),
        new("RESOLVER.ADR.RecipLimit", BounceReason.ExceedLimit),
        new("RESOLVER.RST.RecipSizeLimit", BounceReason.ExceedLimit), // x.2.3: a size limit of this mailbox
        new("banned sending IP", BounceReason.Blocked),
        new("SRV_OUTBOUND_IP_SPAM", BounceReason.Blocked),
        new("Access denied, banned sender", BounceReason.Blocked),
        new("Access denied, spam abuse", BounceReason.Blocked),
        // Cox: AUP# codes on its error-code page (CDRBL/CXBL/IPBL: the sending IP is blocked; CXCNCT: too many connections; CXMXRT: too many messages)
        new("AUP#CDRBL", BounceReason.Blocked),
        new("AUP#CXBL", BounceReason.Blocked),
        new("AUP#IPBL", BounceReason.Blocked),
        new("AUP#CXCNCT", BounceReason.TooManyConn),
        new("AUP#CXMXRT", BounceReason.Speeding),
        // Shaw (Canada), the same kind of code without Cox's "CX": "452 4.1.0 <addr> server temporarily unavailable AUP#MXRT".
        new("AUP#MXRT", BounceReason.Speeding),
        // Spectrum / Charter: AUP#In-13xx are connection and rate limits of the sending IP
        new("AUP#In-13", BounceReason.TooManyConn),
        // Yahoo / AOL
        new("[TSS05]", BounceReason.Speeding),
        new("[TSS07]", BounceReason.Blocked),
        new("[TSS03]", BounceReason.Blocked),
        new("[TSS01]", BounceReason.Blocked),
        new("[TS04]", BounceReason.Blocked),
        // AOL's older platform refusing a message after its content ("521 5.2.1 : AOL will not accept delivery of this
        // message."): the message, not a disabled mailbox (the 5.2.1 it comes with).
        new("AOL will not accept delivery of this message", BounceReason.SpamDetected),
    ];

    private static readonly PhraseSearch AnyPhrase = new(Phrases.Select(p => p.Phrase));

    /// <summary>The reason a provider's own wording gives, or null when none applies.</summary>
    public static BounceReason? Refine(string text, EnhancedStatus? status, string? remoteMta, string? recipient = null)
    {
        // Google Groups refuses postings from non-members or to groups that do not exist, in the poster's language.
        if (recipient is not null && recipient.EndsWith("@googlegroups.com", StringComparison.OrdinalIgnoreCase) && status is null) return BounceReason.Rejected;
        if (string.IsNullOrEmpty(text)) return null;
        // One search for all the phrases first: most wording holds none of them. When it holds some, the list's order
        // decides which one counts.
        if (AnyPhrase.ContainsAny(text))
        {
            foreach (var p in Phrases)
            {
                if (text.Contains(p.Phrase, StringComparison.OrdinalIgnoreCase)) return p.Reason;
            }
        }
        // au (KDDI, formerly EZweb) answers a refusal by its subscriber's own reception filter with a bare notice of its
        // own: no SMTP reply, no status and no stated cause. Any reply or recognisable wording is read normally.
        if (recipient is not null && status is null && IsAuMobile(recipient) && Reasons.ReasonClassifier.FindReply(text) is null
            && Reasons.ReasonRules.Wording.FirstMatch(text, null) is null)
        {
            return BounceReason.Filtered;
        }
        _ = remoteMta;
        return null;
    }

    private static readonly string[] AuMobileDomains = ["@ezweb.ne.jp", "@au.com"];

    private static bool IsAuMobile(string recipient) => AuMobileDomains.Any(d => recipient.EndsWith(d, StringComparison.OrdinalIgnoreCase));
}

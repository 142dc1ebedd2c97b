using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using Bounceback.Core.Scanning;
using Xunit.Abstractions;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// The decoders are measured on bounces they have never seen, so a sample's own names must not matter: each message
/// of the shared corpus (when present) is rewritten as another bounce of the same kind (other addresses, hosts,
/// dates, ids, subject; see <see cref="MessageVariants"/>), and the variant must give the same recipients (rewritten
/// the same way) with the same reason, status, reply code and hard/soft flag. The corpus is only read, never copied.
/// </summary>
public class GeneralisationTests(ITestOutputHelper output)
{
    /// <summary>Variants known to differ, with why they are left as they are (file, kind) -> reason.</summary>
    private static readonly Dictionary<(string File, VariantKind Kind), string> Skipped = new()
    {
        // Mailman's wrapper attaches the auto-reply itself, whose subject says it is one; the rewrite takes it for the
        // returned original and gives it another subject.
        [("mailman/mm21-uncaught-autoreply.eml", VariantKind.OriginalSubject)] = "the attachment is the auto-reply, known by its subject",
        // iOS Mail quotes the forwarded notice's own header block ("> Subject: Delivery Status Notification (Failure)"),
        // which the rewrite takes for the returned original's; with another subject the forward is no notice's.
        [("forwarded/iphone-begin-forwarded-gmail-domain-not-found.eml", VariantKind.OriginalSubject)] = "the quoted header block is the notice's own",
        // Comcast's report names the complainant only by a hash in the original's To:, inside a part in base64, which the
        // rewrite of addresses in the text does not reach.
        [("arf/comcast-multipart-mixed-base64-hashed-to.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
        [("tencent/qq-own-notice-gb18030-user-unknown.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
        [("domino/base64-report-not-listed-in-directory.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
        [("tencent/exmail-html-only-bilingual-recipient-not-exist.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
        [("naver/naver-own-notice-korean-recipient-blocked.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
        [("rfc3464/exchange2019-german-ndr-base64-status-part-relay-and-size.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
        // NetEase's own notice in GBK: the rewrite of the raw bytes does not reach the address inside the multi-byte text.
        [("netease/netease-own-notice-gbk-mailbox-full.eml", VariantKind.Addresses)] = "the recipient is in GBK text",
        // Outlook's forward of a Gmail notice: its text part in base64 names the recipient, which the rewrite does not
        // reach, while it rewrites the quoted-printable HTML part beside it.
        [("forwarded/outlook-nl-van-verzonden-gmail-client-host-rejected.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
        // Exchange Online's quoted-printable notice breaks the recipient's address with a soft line break
        // ("...dewit.example.=" and "net" on the next line); the rewrite of the raw bytes cannot follow it there.
        [("office365/delay-4.4.316-connection-refused.eml", VariantKind.HostsAndIps)] = "an address split by a soft line break",
        // Barracuda's tagged refusal ("... (a@example.com:blocked)") is its own only where its host names it.
        [("barracuda/postfix-data-permanent-failure-recipient-blocked.eml", VariantKind.HostsAndIps)] = "the filter is known by its host's name",
        [("barracuda/ess-permanent-failure-blocked-data.eml", VariantKind.HostsAndIps)] = "the filter is known by its host's name",
        // Outlook 2010's quoted-printable forward breaks the quoted replies' addresses with soft line breaks.
        [("forwarded/outlook2010-original-message-exchange2003-two.eml", VariantKind.Addresses)] = "addresses split by soft line breaks",
        [("rfc3464/status-part-base64-crlf-two-recipients.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
        // OpenSMTPD's delivery agent "mail.local" reads like a host name, which the rewrite replaces.
        [("opensmtpd/v7-mbox-mail-local-permission-denied.eml", VariantKind.HostsAndIps)] = "the delivery agent's name reads like a host name",
        // policyd-spf's refusal says SPF only in the host name of its link ("Please see http://www.openspf.net/Why?...").
        [("postfix/policyd-spf-perl-please-see-two-recipients.eml", VariantKind.HostsAndIps)] = "SPF is named only by the link's host",
        // Messaging Server's store address ("user@ims-ms-daemon") is known by its host name without a dot, which the rewrite
        // of addresses gives it.
        [("messagingserver/ims-ms-over-quota-local.eml", VariantKind.Addresses)] = "the store's host name gets a dot",
        // A PEC notice names its recipient in the attached daticert.xml, in base64 (a folder: every notice of the kind).
        [("pec/", VariantKind.Addresses)] = "the recipient is in a base64 part",
        [("forwarded/outlook2010-original-message-exchange2003-two.eml", VariantKind.HostsAndIps)] = "addresses split by soft line breaks",
        // Exchange 2000 lists one recipient by display name alone, and the copy's To: gives its address: the rewrite of
        // addresses in the raw bytes (with quote marks in local parts) changes the two apart.
        [("exchange2003/2000-text-yahoo-dd-relay-and-time-limit.eml", VariantKind.Addresses)] = "a display name's address is in the copy",
        // The report's machine part (message/global-delivery-status) is in base64, which the rewrite does not reach.
        [("rfc3464/global-dsn-base64-utf8-and-x-postfix-loop.eml", VariantKind.Addresses)] = "the recipient is in a base64 part",
    };

    private sealed record Outcome(ParseOutcomeKind Kind, IReadOnlyList<BounceResult> Results);

    /// <summary>Parses bytes the way CorpusAccuracyTests parses a file: an mbox is split into its messages.</summary>
    private static async Task<List<Outcome>> Parse(byte[] bytes, string source)
    {
        var outcomes = new List<Outcome>();
        await foreach (var item in LocalSources.FromStreamAsync(new MemoryStream(bytes, writable: false), source))
        {
            using var message = item.Load();
            var outcome = BounceParser.Default.Parse(message, source, item.Index, Language.En);
            outcomes.Add(new Outcome(outcome.Kind, outcome.Results));
        }
        return outcomes;
    }

    private static IEnumerable<string> CorpusFiles(string root) =>
        File.ReadAllLines(Path.Combine(root, "expected.tsv")).Skip(1).Select(l => l.Split('\t')).Where(c => c.Length >= 6)
            .Select(c => c[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The repository's fixture messages, each with its path under the fixtures folder ("postfix/x.eml").</summary>
    private static IEnumerable<(string File, string Path)> FixtureFiles() =>
        BounceFixtures.Messages().Select(p => (Path.GetRelativePath(BounceFixtures.FixtureRoot, p).Replace('\\', '/'), p));

    /// <summary>The corpus messages with their file names; none when the corpus is absent.</summary>
    private static IEnumerable<(string File, string Path)> CorpusMessageFiles() =>
        BounceFixtures.CorpusRoot() is { } root ? CorpusFiles(root).Select(f => (f, Path.Combine(root, "emails", f))) : [];

    /// <summary>What differs between the original's and the variant's results, or null when nothing does.</summary>
    private static string? Difference(List<Outcome> original, List<Outcome> variant, Func<string, string> rewrite)
    {
        var want = original.SelectMany(o => o.Results).ToList();
        var got = variant.SelectMany(o => o.Results).ToList();
        if (!original.Select(o => o.Kind).SequenceEqual(variant.Select(o => o.Kind)))
            return $"outcome {string.Join(',', original.Select(o => o.Kind))} became {string.Join(',', variant.Select(o => o.Kind))}";
        if (want.Count != got.Count)
            return $"{want.Count} recipients became {got.Count} ({string.Join(", ", want.Select(r => r.Recipient))} -> {string.Join(", ", got.Select(r => r.Recipient))})";
        for (var i = 0; i < want.Count; i++)
        {
            var (w, g) = (want[i], got[i]);
            var recipient = rewrite(w.Recipient);
            if (!string.Equals(recipient, g.Recipient, StringComparison.OrdinalIgnoreCase)) return $"recipient {i}: want {recipient} got {g.Recipient}";
            if (w.Reason != g.Reason) return $"{w.Recipient}: reason {w.Reason.Token()} became {g.Reason.Token()}";
            if (w.Status != g.Status) return $"{w.Recipient}: status {w.Status} became {g.Status}";
            if (w.ReplyCode != g.ReplyCode) return $"{w.Recipient}: reply {w.ReplyCode} became {g.ReplyCode}";
            if (w.HardBounce != g.HardBounce) return $"{w.Recipient}: hard {w.HardBounce} became {g.HardBounce}";
        }
        return null;
    }

    private Task Variants_give_the_same_results(VariantKind? kind, int salt)
    {
        var root = BounceFixtures.CorpusRoot()!;
        return Variants_give_the_same_results(kind, salt, CorpusFiles(root).Select(f => (f, Path.Combine(root, "emails", f))));
    }

    private async Task Variants_give_the_same_results(VariantKind? kind, int salt, IEnumerable<(string File, string Path)> messageFiles)
    {
        int messages = 0, checkedVariants = 0, skipped = 0;
        var failures = new List<string>();
        foreach (var (file, path) in messageFiles)
        {
            messages++;
            var bytes = await File.ReadAllBytesAsync(path);
            var variant = kind is { } one ? MessageVariants.Make(one, bytes, salt) : MessageVariants.MakeAll(bytes, salt);
            if (variant is null) continue;
            if (Skipped.Keys.Any(k => (k.File == file || (k.File.EndsWith('/') && file.StartsWith(k.File, StringComparison.Ordinal))) && (kind is null || k.Kind == kind)))
            {
                skipped++;
                continue;
            }
            checkedVariants++;
            var difference = Difference(await Parse(bytes, path), await Parse(variant.Bytes, path), variant.Rewrite);
            if (difference is not null) failures.Add($"{file}: {difference}");
        }
        output.WriteLine($"{kind?.ToString() ?? "All"} (salt {salt}): {messages} messages, {checkedVariants} variants checked, {skipped} skipped, {failures.Count} differ");
        Assert.True(failures.Count == 0, $"{failures.Count} {kind?.ToString() ?? "combined"} variants differ from their original:\n" + string.Join('\n', failures));
    }

    [CorpusTheory, InlineData(1), InlineData(2), InlineData(3)]
    public Task Every_address_replaced_consistently_gives_the_same_results(int salt) => Variants_give_the_same_results(VariantKind.Addresses, salt);

    [CorpusTheory, InlineData(1), InlineData(2)]
    public Task Host_names_and_IPv4_addresses_replaced_consistently_give_the_same_results(int salt) => Variants_give_the_same_results(VariantKind.HostsAndIps, salt);

    [CorpusTheory, InlineData(1), InlineData(2)]
    public Task Dates_shifted_in_the_same_format_give_the_same_results(int salt) => Variants_give_the_same_results(VariantKind.Dates, salt);

    [CorpusTheory, InlineData(1), InlineData(2)]
    public Task Message_ids_and_queue_ids_replaced_give_the_same_results(int salt) => Variants_give_the_same_results(VariantKind.MessageAndQueueIds, salt);

    [CorpusTheory, InlineData(1), InlineData(2)]
    public Task Another_original_subject_gives_the_same_results(int salt) => Variants_give_the_same_results(VariantKind.OriginalSubject, salt);

    // 60 and 72 columns are named rewrites below.
    [CorpusTheory, InlineData(64), InlineData(76)]
    public Task A_notice_wrapped_at_another_width_gives_the_same_results(int width) =>
        Rewritten_by_MimeKit_gives_the_same_results($"wrapped at {width}", bytes => MessageVariants.Rewrapped(bytes, width));

    // 40 columns is a named rewrite below.
    [CorpusTheory, InlineData(64)]
    public Task Report_fields_folded_at_another_width_give_the_same_results(int width) =>
        Rewritten_by_MimeKit_gives_the_same_results($"with report fields folded at {width}", bytes => MessageVariants.Refolded(bytes, width));

    /// <summary>Messages whose result rightly depends on their returned copy, with why.</summary>
    private static readonly Dictionary<string, string> NeedTheirCopy = new(StringComparer.Ordinal)
    {
        // Postfix's "Delivery report unavailable": the returned copy's To: is the only place the recipient is named.
        ["lhost-postfix-64.eml"] = "recipient only in the copy",
        // The reply echoes the original sender's address, which only the copy gives: a refused sender, not a blocked host.
        ["lhost-amazonses-01.eml"] = "sender only in the copy",
    };

    /// <summary>
    /// A returned copy in base64 still gives the original's sender, id and subject, read either way: by the bulk reader
    /// (which leaves the copy unparsed) and from a message MimeKit loaded with its own options (which leaves an encoded
    /// copy a plain part), as a program that embeds the library and the web page read it.
    /// </summary>
    [Fact]
    public void A_returned_copy_in_base64_still_names_the_original()
    {
        var files = FixtureFiles().Concat(CorpusMessageFiles());
        var checkedVariants = 0;
        var failures = new List<string>();
        foreach (var (file, path) in files)
        {
            var bytes = File.ReadAllBytes(path);
            if (MessageVariants.WithBase64Copy(bytes) is not { } variant) continue;
            var want = BounceFixtures.Parse(bytes).Results;
            var got = BounceFixtures.Parse(variant.Bytes).Results;
            if (want.Count == 0 || want.All(r => r.Sender is null && r.OriginalMessageId is null && r.OriginalSubject is null)) continue;
            checkedVariants++;
            if (want.Count != got.Count) failures.Add($"{file}: {want.Count} recipients became {got.Count}");
            else if (want.Zip(got).FirstOrDefault(p => (p.First.Sender, p.First.OriginalMessageId, p.First.OriginalSubject) != (p.Second.Sender, p.Second.OriginalMessageId, p.Second.OriginalSubject)) is { First: not null } changed)
                failures.Add($"{file}: {(changed.First.Sender, changed.First.OriginalMessageId, changed.First.OriginalSubject)} became {(changed.Second.Sender, changed.Second.OriginalMessageId, changed.Second.OriginalSubject)}");
        }
        output.WriteLine($"base64 copy, original named: {checkedVariants} variants checked, {failures.Count} differ");
        Assert.True(checkedVariants > 30, $"only {checkedVariants} messages had a copy in base64 that names the original");
        Assert.True(failures.Count == 0, $"{failures.Count} messages with a copy in base64 name another original:\n" + string.Join('\n', failures));
    }

    /// <summary>Messages where the added recipient rightly differs from the first, with why.</summary>
    private static readonly Dictionary<string, string> NamedOnlyInTheNotice = new(StringComparer.Ordinal)
    {
        // Domino's decoder reads the recipients its notice names, and the notice names only the first.
        ["domino/not-listed-with-report.eml"] = "notice names the recipients", ["lhost-domino-02.eml"] = "notice names the recipients",
        ["domino/12-hop-count-routing-loop.eml"] = "notice names the recipients", ["domino/12-smtp-permanent-error-mailbox-full.eml"] = "notice names the recipients",
        ["domino/10-relay-rejected-for-policy-reasons.eml"] = "notice names the recipients", ["domino/11-blocked-using-dnsbl.eml"] = "notice names the recipients",
        ["domino/12-amavis-infected.eml"] = "notice names the recipients", ["domino/12-sender-domain-does-not-exist.eml"] = "notice names the recipients",
        ["domino/9-no-route-to-domain.eml"] = "notice names the recipients", ["domino/ironport-address-rejected.eml"] = "notice names the recipients",
        // The notice says, for the first recipient only, that the refusal came after DATA (a filter, not an unknown user).
        ["kddi/relay-unknown-after-data.eml"] = "command only in the notice", ["nttdocomo/unknown-user-after-data.eml"] = "command only in the notice",
        ["lhost-postfix-03.eml"] = "command only in the notice", ["rhost-nttdocomo-03.eml"] = "command only in the notice",
        ["docomo/exim-after-data-unknown-user.eml"] = "command only in the notice",
        ["coremail/exim-163-hl-ihu-initial-connection.eml"] = "command only in the notice",
        ["isp-replies/aol-dynt1-delay-postfix.eml"] = "command only in the notice",
        ["postfix-localised/german-ionos-invalid-dns-mx-sender-at-mail-from.eml"] = "command only in the notice",
        ["sina/exim-denyip-initial-connection.eml"] = "command only in the notice",
        ["domino/delivery-failure-not-known-tcpip-host.eml"] = "notice names the recipients", ["domino/delivery-failure-not-listed-and-quota.eml"] = "notice names the recipients",
        ["domino/delivery-failure-remote-unknown-and-size-552.eml"] = "notice names the recipients",
        // Exchange's delay report: only the notice's section for administrators quotes the remote's reply, for the first recipient.
        ["outlook/delayed-greylisting.eml"] = "reply only in the notice",
        ["exchange-localised/hebrew-2016-delay-forwarded-remote-452-mailbox-full.eml"] = "reply only in the notice",
        ["exchange2007/2010-delay-no-ptr-and-insufficient-storage.eml"] = "reply only in the notice",
        ["office365/classic-delayed-storedrv-thread-limit-and-hybrid-421-two.eml"] = "reply only in the notice",
        ["exchange2016/2016-expired-lasterror-over-quota-and-system-not-accepting.eml"] = "reply only in the notice",
        ["exchange2016/2019-delay-sender-domain-not-found-and-too-many-connections.eml"] = "reply only in the notice",
        // The reply names the sender's domain ("553 bounce.example does not exist"), which only the returned copy shows to be
        // the sender's; the recipient added to the report has no copy of its own.
        ["softbank/postfix-553-sender-domain-does-not-exist.eml"] = "the sender's domain is known only from the copy",
        // Its status groups have no blank line between them: a group added after the first is read into the others.
        ["rfc3464/no-blank-lines-original-recipient-first.eml"] = "groups without blank lines",
        ["exchange2007/2016-delay-insufficient-system-resources.eml"] = "reply only in the notice",
        ["exchange2016/2016-delay-xtra-tss04-deferred.eml"] = "reply only in the notice",
        ["outlook/delay-gmail-unsolicited-rate-limit.eml"] = "reply only in the notice",
        ["exchange2007/2016-delay-connect-timeout-two-recipients.eml"] = "reply only in the notice",
        ["exchange2007/2019-expired-connection-dropped.eml"] = "reply only in the notice",
        ["exchange2007/2019-delay-ip-reputation-4.7.650.eml"] = "reply only in the notice",
        ["exchange-localised/dutch-report-delayed.eml"] = "reply only in the notice",
        ["exchange-localised/italian-2016-delay-dns-serverfailure.eml"] = "reply only in the notice",
        ["exchange2007/2013-delay-connection-dropped-4.4.2-and-timed-out-4.4.1.eml"] = "reply only in the notice",
        ["exchange2007/2019-delay-4.4.316-connection-refused.eml"] = "reply only in the notice",
        // OpenSMTPD's report says only "Other/Undefined" for each recipient; its notice gives their replies.
        ["opensmtpd/opensmtpd-mime-error-size-disabled-and-attachment-policy.eml"] = "reply only in the notice",
        ["opensmtpd/opensmtpd-mime-warning-rate-exceeded-and-insufficient-storage.eml"] = "reply only in the notice",
        ["exchange-localised/spanish-2013-expired-history-remote-421-timeout.eml"] = "reply only in the notice",
        ["exchange-localised/german-2016-delay-greylisted-and-insufficient-storage.eml"] = "reply only in the notice",
        ["exchange-localised/german-report-delayed-connect-timeout.eml"] = "reply only in the notice",
        ["office365/delay-4.4.316-connection-refused.eml"] = "reply only in the notice",
        ["exchange2007/2013-delay-storedrv-recipient-thread-limit.eml"] = "reply only in the notice",
        ["office365/delayed-4.4.7-last-reply-postgrey-4.2.0.eml"] = "reply only in the notice",
        ["exchange-localised/dutch-2019-vertraagd-remote-quota-exceeded.eml"] = "reply only in the notice",
        ["exchange-localised/german-2013-zustellung-verzoegert-winsock-10061.eml"] = "reply only in the notice",
        ["exchange-localised/german-2016-verzoegert-too-many-connections-and-lookup-failure.eml"] = "reply only in the notice",
        ["domino/base64-report-not-listed-in-directory.eml"] = "the report is in base64",
        ["exchange-localised/italian-2019-delay-remote-450-reverse-hostname.eml"] = "reply only in the notice",
        ["exchange-localised/portuguese-br-2016-expired-last-attempt-450-barracuda.eml"] = "reply only in the notice",
        ["exchange-localised/spanish-2019-delay-remote-421-too-many-connections.eml"] = "reply only in the notice",
        ["lhost-exchange2007-05.eml"] = "reply only in the notice",
        // The report's first group is a delay that its second, a failure, supersedes: a copy of it is no failure.
        ["oddities/dsn-two-groups-same-recipient.eml"] = "first group superseded",
        // The added recipient's address is made by a suffix to the local part, which a quoted local part cannot take.
        ["rfc3464/postfix-quoted-plus-percent-local-parts.eml"] = "quoted local part",
        // A pipe's failure beside another recipient's full mailbox: the notice gives each its own part, the added one none.
        ["postfix-localised/swedish-bilingual-pipe-died-and-lmtp-quota.eml"] = "notice names the recipients",
        // Only the notice's text names the step that was refused (Exim's "after MAIL FROM", Postfix's "refused to talk to
        // me" at the greeting) or each recipient's last attempt (Exchange's section for administrators): the added
        // recipient has the report's fields alone.
        ["exim/report-webde-sender-domain-no-mx-at-mail-from.eml"] = "refused step named in the notice",
        ["exim/warning-webde-nemesis-421-greeting-bl.eml"] = "refused step named in the notice",
        ["postfix/alias-dovecot-lda-user-unknown-and-relay-denied.eml"] = "notice names the recipients",
        ["postfix-localised/italian-maildrop-over-quota-and-spf-fail.eml"] = "notice names the recipients",
        ["postfix/delay-gmx-nemesis-421-policy-restrictions-greeting.eml"] = "refused step named in the notice",
        ["exchange2007/2016-queue-expired-greylisting-and-winsock-10061.eml"] = "each recipient's last attempt in the notice",
        ["exchange-localised/french-report-delayed-remote-mailbox-full.eml"] = "each recipient's last attempt in the notice",
        ["docomo/postfix-alias-docomo-data-au-rcpt.eml"] = "refused step named in the notice",
        ["domino/gmail-5726-unauthenticated.eml"] = "notice names the recipients",
        ["domino/12-relay-access-denied.eml"] = "notice names the recipients",
        ["office365/delay-4.4.316-connection-refused-two-recipients.eml"] = "each recipient's last attempt in the notice",
        ["office365/delayed-421-rate-limited.eml"] = "each recipient's last attempt in the notice",
        ["office365/french-delayed-4.4.7-remote-421-rate-limited.eml"] = "each recipient's last attempt in the notice",
        ["office365/japanese-delayed-4.4.7-remote-452-4.2.2-mailbox-full.eml"] = "each recipient's last attempt in the notice",
        ["exchange2016/nl-2016-delay-remote-450-4.1.8-sender-domain.eml"] = "each recipient's last attempt in the notice",
        ["office365/spanish-report-delayed-4.4.316-connection-refused.eml"] = "each recipient's last attempt in the notice",
        ["postfix-localised/ocn-iso2022jp-docomo-data-and-ezweb-rcpt.eml"] = "refused step named in the notice",
        // The copied group is two recipients with no blank line between them: the variant adds two, not one.
        ["rfc3464/no-blank-line-between-recipient-groups.eml"] = "the copied group holds two recipients",
        // The added address is made from the field as written ("s\x{F8}ren...-zwei"), the result is the decoded address.
        ["rfc3464/rfc6533-utf8-xtext-final-recipient.eml"] = "the address is written in RFC 6533's \\x{} form",
        // The added address is made from the field with its comment ("accounts-zwei@example.net (Accounts Payable)").
        ["rfc3464/status-and-address-parenthesized-comments.eml"] = "the address field has a comment",
    };

    /// <summary>
    /// A report with one more recipient refused alike (<see cref="MessageVariants.WithSecondRecipient"/>) gives the same
    /// results for the recipients it had, and the first one's for the added one.
    /// </summary>
    [Fact]
    public async Task A_report_with_a_second_recipient_refused_alike_gives_it_the_same_result()
    {
        var files = FixtureFiles().Concat(CorpusMessageFiles());
        var checkedVariants = 0;
        var failures = new List<string>();
        foreach (var (file, path) in files)
        {
            if (NamedOnlyInTheNotice.ContainsKey(file)) continue;
            var bytes = await File.ReadAllBytesAsync(path);
            if (MessageVariants.WithSecondRecipient(bytes) is not { } made) continue;
            var want = (await Parse(bytes, path)).SelectMany(o => o.Results).ToList();
            var got = (await Parse(made.Variant.Bytes, path)).SelectMany(o => o.Results).ToList();
            if (want.Count == 0) continue;
            checkedVariants++;
            var twin = got.Where(r => r.Recipient.Equals(made.Added, StringComparison.OrdinalIgnoreCase)).ToList();
            // (Not Except, which would also fold a recipient the report names twice into one.)
            var rest = got.Where(r => !twin.Contains(r)).ToList();
            var first = want.FirstOrDefault(r => made.Added.Replace("-zwei", "", StringComparison.Ordinal).Equals(r.Recipient, StringComparison.OrdinalIgnoreCase)) ?? want[0];
            if (twin.Count != 1 || rest.Count != want.Count)
                failures.Add($"{file}: {want.Count} recipients became {got.Count} ({string.Join(", ", got.Select(r => r.Recipient))})");
            else if ((twin[0].Reason, twin[0].Status, twin[0].ReplyCode, twin[0].HardBounce) != (first.Reason, first.Status, first.ReplyCode, first.HardBounce))
                failures.Add($"{file}: the added recipient got {twin[0].Reason.Token()} {twin[0].Status} {twin[0].ReplyCode}, the first {first.Reason.Token()} {first.Status} {first.ReplyCode}");
            else if (rest.Zip(want).FirstOrDefault(p => (p.First.Recipient, p.First.Reason, p.First.Status, p.First.ReplyCode) != (p.Second.Recipient, p.Second.Reason, p.Second.Status, p.Second.ReplyCode)) is { First: not null } changed)
                failures.Add($"{file}: {changed.Second.Recipient} {changed.Second.Reason.Token()} became {changed.First.Recipient} {changed.First.Reason.Token()}");
        }
        output.WriteLine($"second recipient: {checkedVariants} variants checked, {failures.Count} differ");
        Assert.True(checkedVariants > 50, $"only {checkedVariants} reports could be given a second recipient");
        Assert.True(failures.Count == 0, $"{failures.Count} reports with a second recipient differ:\n" + string.Join('\n', failures));
    }

    /// <summary>Messages whose reading rightly depends on their own header, with why.</summary>
    private static readonly Dictionary<string, string> NeedTheirHeaders = new(StringComparer.Ordinal)
    {
        // Microsoft's complaint reports (JMRP) are the complained-about message forwarded: only their sender
        // (staff@hotmail.com) and subject ("complaint about message from") make them reports.
        ["arf-22.eml"] = "JMRP: sender and subject", ["arf-23.eml"] = "JMRP: sender and subject", ["arf-24.eml"] = "JMRP: sender and subject",
        // Apple Mail's unsubscribe request is a message whose subject and X-Apple-Unsubscribe field say what it is.
        ["arf-26.eml"] = "unsubscribe request: subject and X-Apple-Unsubscribe",
        // Amazon SES's notifications are JSON from Amazon SNS: the sender says whose JSON it is.
        ["lhost-amazonses-09.eml"] = "SNS sender", ["lhost-amazonses-11.eml"] = "SNS sender", ["lhost-amazonses-13.eml"] = "SNS sender",
        // fml's refusal of a non-member names the list in its subject and X-ML fields.
        ["lhost-fml-02.eml"] = "fml: subject and X-ML fields",
        // Gmail names a Google Group that refused the message only in X-Failed-Recipients.
        ["lhost-googlegroups-15.eml"] = "recipient only in X-Failed-Recipients",
        // Postfix's notice to the postmaster ("Postfix SMTP server: errors from ...") is known by its subject.
        ["lhost-postfix-75.eml"] = "postmaster notice: subject",
        // Auto-replies are known by their subject ("Auto reply:", "Automatic reply:") and vendor fields.
        ["rfc3834-03.eml"] = "auto-reply: subject and X-Apple-Action", ["rfc3834-04.eml"] = "auto-reply: subject and X-Auto-Response-Suppress",
    };

    /// <summary>Each corpus message changed in its structure (written back by MimeKit) must give the same results.</summary>
    private Task Rewritten_by_MimeKit_gives_the_same_results(string what, Func<byte[], MessageVariant?> make, IReadOnlyDictionary<string, string>? skipped = null)
    {
        var root = BounceFixtures.CorpusRoot()!;
        return Rewritten_by_MimeKit_gives_the_same_results(what, make, CorpusFiles(root).Select(f => (f, Path.Combine(root, "emails", f))), skipped, fewest: 100);
    }

    private async Task Rewritten_by_MimeKit_gives_the_same_results(string what, Func<byte[], MessageVariant?> make, IEnumerable<(string File, string Path)> messageFiles,
        IReadOnlyDictionary<string, string>? skipped, int fewest)
    {
        var checkedVariants = 0;
        var failures = new List<string>();
        foreach (var (file, path) in messageFiles)
        {
            // A key ending in '/' stands for every fixture in that folder.
            if (skipped is not null && skipped.Keys.Any(k => k == file || (k.EndsWith('/') && file.StartsWith(k, StringComparison.Ordinal)))) continue;
            var bytes = await File.ReadAllBytesAsync(path);
            if (make(bytes) is not { } variant) continue;
            checkedVariants++;
            var difference = Difference(await Parse(bytes, path), await Parse(variant.Bytes, path), variant.Rewrite);
            if (difference is not null) failures.Add($"{file}: {difference}");
        }
        output.WriteLine($"{what}: {checkedVariants} variants checked, {failures.Count} differ");
        Assert.True(checkedVariants > fewest, $"only {checkedVariants} messages could be sent {what}");
        Assert.True(failures.Count == 0, $"{failures.Count} variants sent {what} differ from their original:\n" + string.Join('\n', failures));
    }

    /// <summary>The structural rewrites by name, for the fixtures' theory.</summary>
    private static readonly Dictionary<string, Func<byte[], MessageVariant?>> Rewrites = new(StringComparer.Ordinal)
    {
        ["base64"] = bytes => MessageVariants.Reencoded(bytes, MimeKit.ContentEncoding.Base64),
        ["quoted-printable"] = bytes => MessageVariants.Reencoded(bytes, MimeKit.ContentEncoding.QuotedPrintable),
        ["html"] = MessageVariants.AsHtml,
        ["wrapped"] = bytes => MessageVariants.Rewrapped(bytes, 72),
        ["wrapped narrow"] = bytes => MessageVariants.Rewrapped(bytes, 60),
        ["folded"] = bytes => MessageVariants.Refolded(bytes, 40),
        ["without copy"] = MessageVariants.WithoutReturnedMessage,
        ["headers-only copy"] = MessageVariants.WithHeadersOnlyCopy,
        ["plain headers"] = MessageVariants.WithPlainHeaders,
        ["forwarded"] = MessageVariants.ForwardedAsAttachment,
        ["html paragraphs"] = MessageVariants.AsHtmlParagraphs,
        ["tabs"] = MessageVariants.IndentedWithTabs,
        ["capitals"] = MessageVariants.WithRecipientFieldsInCapitals,
        ["html alternative"] = MessageVariants.WithHtmlAlternative,
        ["base64 copy"] = MessageVariants.WithBase64Copy,
        ["gateway footer"] = MessageVariants.WithGatewayFooter,
        ["gateway footer part"] = MessageVariants.WithGatewayFooterPart,
        ["external banner"] = MessageVariants.WithExternalBanner,
    };

    /// <summary>Fixtures whose reading rightly depends on what a rewrite changes, by rewrite, with why.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> FixturesNeedingWhatIsRewritten = new(StringComparer.Ordinal)
    {
        // The attached message is the forwarded bounce itself, not a returned copy (a person's forward, Mailman's
        // "Uncaught bounce notification" to the list owner).
        ["without copy"] = new()
        {
            ["mailman/mm21-uncaught-qmail-mailbox-disabled.eml"] = "the attachment is the bounce",
            ["mailman/mm21-uncaught-qmail-three-members-unknown-full-disabled.eml"] = "the attachment is the bounce",
            ["forwarded/outlook-attached-exim-own-subject.eml"] = "the attachment is the bounce", ["mailman/mm21-uncaught-autoreply.eml"] = "the attachment is the bounce",
            ["forwarded/outlook-fw-fw-undeliverable-two-levels.eml"] = "the attachment is the bounce",
            // "550 5.7.1 <verkoop@...>... Access denied" refuses the sender only if the copy says who sent the message.
            ["exchange2003/permission-text-blocklist-and-refused-sender.eml"] = "the copy names the refused sender",
            // Exchange 2000 lists one recipient by display name alone: the copy's To: gives its address.
            ["exchange2003/2000-text-yahoo-dd-relay-and-time-limit.eml"] = "the copy gives the display name's address",
            // Seznam names the recipient only inside its sentence ("Vaše zpráva pro <addr> ze dne ..."), whose wording is no
            // failure: the copy's To: says who it was.
            ["oddities/szn-bilingual-user-not-mapped-base64.eml"] = "the copy's To: gives the recipient",
            ["seznam/szn-bilingual-mailbox-full-base64.eml"] = "the copy's To: gives the recipient",
            // Active!hunter lists the recipient as ">>> addr <addr>", a line shape of no other server; its transcript's
            // remote reply does not make a recipient either (a transcript names every address it sent).
            ["activehunter/relay-denied-transcript.eml"] = "the copy's To: gives the recipient",
            // MDaemon's transcript of a connection that failed names the recipient only as the parsed message's "*  To:" line.
            ["mdaemon/expired-retry-connection-refused-10061.eml"] = "the copy's To: gives the recipient",
            // Alimail's own notice, a Chinese HTML table with no wording of a known server, is known as a bounce by the
            // original it attaches.
            ["text/aliyun-alimail-notice-exmail-mailbox-not-found.eml"] = "the attached original makes it a bounce",
        },
        ["headers-only copy"] = new()
        {
            ["mailman/mm21-uncaught-qmail-mailbox-disabled.eml"] = "the attachment is the bounce",
            ["mailman/mm21-uncaught-qmail-three-members-unknown-full-disabled.eml"] = "the attachment is the bounce",
            ["forwarded/outlook-attached-exim-own-subject.eml"] = "the attachment is the bounce", ["mailman/mm21-uncaught-autoreply.eml"] = "the attachment is the bounce",
            ["forwarded/outlook-fw-fw-undeliverable-two-levels.eml"] = "the attachment is the bounce",
        },
        // MDaemon writes its session transcript one line per command or reply, however long; a wrapped command line
        // ("--> RCPT To:" with its address on the next line) is no layout it sends. ezmlm's line above the bounce it
        // copies is longer than the narrow width: wrapped, it no longer marks where the copied bounce starts.
        ["wrapped"] = new()
        {
            ["microsoft-replies/apple-mail-dutch-reply-quoted-postfix-exo-spamhaus-two.eml"] = "the quoted attribution is one line",
            ["forwarded/gmail-reply-quoted-gmail-delay-connect-timed-out.eml"] = "the quoted attribution is one line",
            // (The Dutch notice's "*  Message-ID: <...>" line, wrapped at 72, leaves its address on a line of its own.)
            ["mdaemon/"] = "transcript lines are never wrapped",
            // Domino pairs the reason lines with the recipients listed before them; wrapped, there are more lines than
            // recipients.
            ["domino/delivery-failure-remote-unknown-and-size-552.eml"] = "its reason lines are never wrapped",
        },
        ["wrapped narrow"] = new()
        {
            // Apple Mail's reply quotes its attribution on one line ("> Op ... het volgende geschreven:"); the rewrap
            // continues it on a line without the quote mark, which no mail program writes.
            ["microsoft-replies/apple-mail-dutch-reply-quoted-postfix-exo-spamhaus-two.eml"] = "the quoted attribution is one line",
            ["forwarded/gmail-reply-quoted-gmail-delay-connect-timed-out.eml"] = "the quoted attribution is one line",
            ["mdaemon/"] = "transcript lines are never wrapped", ["ezmlm/"] = "its copy line is never wrapped",
            // Postal's notice names the recipient in its first sentence; wrapped, the address starts a line of its own and
            // the notice's words no longer follow it (the result stays, its reason turns from onhold to undefined).
            ["postal/route-bounce-mode-no-reason.eml"] = "the recipient's sentence is never wrapped",
            // Domino's notice lists each recipient's reason on a line of its own; wrapped, a reason runs into the next.
            ["domino/delivery-failure-not-listed-and-quota.eml"] = "its reason lines are never wrapped",
            ["domino/delivery-failure-remote-unknown-and-size-552.eml"] = "its reason lines are never wrapped",
            // (The forward's text part is in base64: the rewrap decodes and re-encodes it, and the Outlook header block it
            // holds loses its shape.)
            ["forwarded/outlook-nl-van-verzonden-gmail-client-host-rejected.eml"] = "a base64 forward is never rewrapped",
            // iOS Mail's forward: the person's own lines above it, wrapped narrow, run into "Begin forwarded message:".
            ["forwarded/iphone-begin-forwarded-gmail-domain-not-found.eml"] = "the forward's heading is never wrapped",
            // Gmail's "Your message to <addr> has been blocked" names the recipient; broken after the address, the address
            // alone is no recipient's line (the forward then reads as no bounce, not as a wrong one).
            ["forwarded/outlook-dutch-fw-google-message-blocked-spam.eml"] = "Gmail's sentence that names the recipient is one line",
        },
        ["html paragraphs"] = new()
        {
            // Thunderbird forwards the report part inline as text: as HTML paragraphs its folded Diagnostic-Code loses the
            // indentation that joins the continuation lines, and keeps only "Service unavailable; Client host".
            ["forwarded/thunderbird-forwarded-inline-postfix-spamhaus-rcpt.eml"] = "the forwarded report's folded field is plain text's",
            // Apple Mail quotes a reply or forward with "> " only in plain text; its HTML one is a blockquote.
            ["microsoft-replies/apple-mail-dutch-reply-quoted-postfix-exo-spamhaus-two.eml"] = "its quote marks are plain text's",
            ["icloud-replies/apple-mail-begin-forwarded-postfix-illegal-alias-and-hm08.eml"] = "its quote marks are plain text's",
            // fml's notices are plain text, read as such; Postfix's reply continuations are known by their indentation,
            // which HTML drops. Neither sends HTML.
            ["fml/"] = "fml sends plain text only",
            ["postfix/rewritten-echo.eml"] = "continuation known by its indentation", ["postfix/sender-echo-wrapped.eml"] = "continuation known by its indentation",
            // MDaemon's transcript is read line by line: the recipient of a refusal at MAIL stands on a line of its own
            // ("*  To: ..."), and joined lines mix the EHLO answer (STARTTLS) with the refusal. MDaemon sends plain text.
            ["mdaemon/"] = "transcript lines joined; MDaemon sends plain text",
            // pflogsumm mails a plain-text report, its columns in fixed-width lines; in paragraphs its bounce detail
            // reads like a notice.
            ["not-bounce/pflogsumm-daily-report-bounce-detail.eml"] = "pflogsumm sends plain text only",
            // Apple Mail quotes a forward with "> " only in plain text; its HTML forward is a blockquote.
            ["forwarded/apple-mail-begin-doorgestuurd-postfix-rcpt-and-data.eml"] = "its quote marks are plain text's",
        },
        ["plain headers"] = new()
        {
            ["amazonses/"] = "SNS notifications: the sender says whose JSON it is",
            ["fml/"] = "fml's notices: subject and X-ML fields",
            ["googlegroups/"] = "the group that refused is named in X-Failed-Recipients or the sender",
            ["rfc3834/"] = "auto-replies: subject and Auto-Submitted",
            ["forwarded/"] = "a forwarded bounce: the person's sender and \"Fwd:\" subject say it is forwarded",
            ["not-bounce/"] = "a daemon's sender and a plain subject would make a reply look like a bounce",
            ["postfix/postmaster-transcript.eml"] = "Postfix's notice to the postmaster is known by its subject",
            ["postfix/smtp-client-errors-helo-not-fqdn-transcript.eml"] = "Postfix's notice to the postmaster is known by its subject",
            ["postfix/smtpd-errors-postmaster-notice.eml"] = "Postfix's notice to the postmaster is known by its subject",
            ["postfix/smtpd-errors-client-host-access-denied-two-rcpt.eml"] = "Postfix's notice to the postmaster is known by its subject",
            ["exim/plain-local-pipe-unrouteable-quota.eml"] = "the pipe recipient is named only in X-Failed-Recipients",
            // chasquid lists the alias the sender wrote and, in its details, the mailbox it expanded to: only
            // X-Failed-Recipients says they are one recipient.
            ["chasquid/plain-alias-mda-exit77-quota.eml"] = "X-Failed-Recipients says alias and mailbox are one recipient",
            ["oddities/exim-hidden-child-x-failed-recipients.eml"] = "the hidden recipient is named only in X-Failed-Recipients",
            ["mailman/"] = "a list's notices, posts and digests: the list's sender, subject and List- fields say what they are",
            ["ezmlm/"] = "a list's notices: the list's sender and subject say what they are",
            // MimeKit writes the header lines again with line feeds and the body keeps its lines that end in CR alone:
            // a mix no program sends, in which the header lines outnumber the body's at the start.
            ["oddities/sendmail-cr-only-line-endings.eml"] = "its lines end in CR alone",
            ["listserv/"] = "a list's notices: the list server's sender and subject say what they are",
            ["sympa/"] = "a list's notices: the list server's sender and subject say what they are",
            ["pec/"] = "Italian certified mail's notices are known by their X-Ricevuta field",
            ["arf/abuse-desk-forwarded-arf-rfc822.eml"] = "a forwarded report: the person's sender and \"Fwd:\" subject say it is forwarded",
            // IMail's notice is known by its X-Mailer; without it, another reader takes the quoted reply for both recipients.
            ["imailserver/host-unknown-and-rcpt-response.eml"] = "IMail's notice is known by its X-Mailer",
        },
    };

    /// <summary>Corpus messages whose reading rightly depends on what a rewrite changes, by rewrite, with why.</summary>
    // After the lists it names: static fields are set in the order they are written.
    private static readonly Dictionary<string, Dictionary<string, string>> CorpusNeedingWhatIsRewritten = new(StringComparer.Ordinal)
    {
        ["without copy"] = NeedTheirCopy,
        ["plain headers"] = NeedTheirHeaders,
        ["html paragraphs"] = new() { ["lhost-fml-02.eml"] = "fml sends plain text only" },
    };

    /// <summary>The names of the structural rewrites, for the theories.</summary>
    public static TheoryData<string> RewriteNames => [.. Rewrites.Keys];

    /// <summary>Each structural rewrite over the corpus.</summary>
    [CorpusTheory, MemberData(nameof(RewriteNames))]
    public Task Corpus_messages_rewritten_give_the_same_results(string rewrite) =>
        Rewritten_by_MimeKit_gives_the_same_results(rewrite, Rewrites[rewrite], CorpusMessageFiles(), CorpusNeedingWhatIsRewritten.GetValueOrDefault(rewrite), fewest: 100);

    /// <summary>Each structural rewrite over the repository's own fixtures, so they are checked also where the corpus is absent.</summary>
    [Theory, MemberData(nameof(RewriteNames))]
    public Task Fixture_messages_rewritten_give_the_same_results(string rewrite) =>
        Rewritten_by_MimeKit_gives_the_same_results(rewrite, Rewrites[rewrite], FixtureFiles(), FixturesNeedingWhatIsRewritten.GetValueOrDefault(rewrite), fewest: 20);

    /// <summary>The repository's own fixtures, so the property is checked also where the corpus is absent.</summary>
    [Theory, InlineData(1), InlineData(2), InlineData(3)]
    public Task Fixture_messages_with_all_kinds_of_change_give_the_same_results(int salt) =>
        Variants_give_the_same_results(null, salt, BounceFixtures.Messages().Select(p => (Path.GetRelativePath(BounceFixtures.FixtureRoot, p), p)));

    [CorpusTheory, InlineData(1), InlineData(2), InlineData(3)]
    public Task All_kinds_of_change_together_give_the_same_results(int salt) => Variants_give_the_same_results(null, salt);
}

/// <summary>A theory that runs only when the shared sample corpus is present.</summary>
internal sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (BounceFixtures.CorpusRoot() is null) Skip = "The shared corpus (../shared/corpus/sisimai) is not present.";
    }
}

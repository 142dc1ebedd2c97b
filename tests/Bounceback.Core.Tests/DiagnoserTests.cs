using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Bounceback.Core.Extraction;

namespace Bounceback.Core.Tests;

/// <summary>The diagnosis rules over a small catalog of our own: lookup order, fallback, ranking, merging, caching.</summary>
public class DiagnoserTests
{
    private static Diagnoser Small => TestCatalogs.SmallDiagnoser;

    [Fact]
    public void Enhanced_code_refines_the_reply_code_of_its_line()
    {
        var report = Small.Explain("550 5.1.1 <a@example.org>: user unknown", Language.En);
        Assert.Equal("5.1.1", report.Diagnosis!.Code);
        Assert.Equal(FaultSide.Recipient, report.Diagnosis.FaultSide);
        Assert.Equal(Severity.Permanent, report.Diagnosis.Severity);
        Assert.False(report.Diagnosis.RetryMayHelp);
    }

    [Fact]
    public void Mail_a_platform_sent_gets_the_platforms_steps_for_authentication_and_blocks()
    {
        var full = Diagnoser.Default;
        const string reply = "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy";
        var platform = full.Explain("Mailchimp campaign report, bounce reason: " + reply, Language.En).Diagnosis!;
        Assert.Equal(full.Catalog.Text("step.platform.auth", Language.En), Assert.Single(platform.Steps.Sender));
        Assert.Equal(full.Catalog.Text("step.platform.auth.admin", Language.En), Assert.Single(platform.Steps.Admin));
        // Without a platform named, the code's own steps.
        var own = full.Explain(reply, Language.En).Diagnosis!;
        Assert.DoesNotContain(full.Catalog.Text("step.platform.auth", Language.En), own.Steps.Sender);
        // A block of the platform's sending server is the platform's to have lifted.
        var blocked = full.Explain("HubSpot shows: 554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org", Language.En).Diagnosis!;
        Assert.Equal(full.Catalog.Text("step.platform.blocked", Language.En), Assert.Single(blocked.Steps.Sender));
        // A full mailbox is the recipient's whoever sent: the code's own steps stay.
        var full2 = full.Explain("Brevo soft bounce: 452 4.2.2 The recipient's inbox is out of storage space", Language.En).Diagnosis!;
        Assert.DoesNotContain(full.Catalog.Text("step.platform.blocked", Language.En), full2.Steps.Sender);
        Assert.DoesNotContain(full.Catalog.Text("step.platform.auth", Language.En), full2.Steps.Sender);
    }

    [Fact]
    public void A_reply_in_a_send_dialog_is_the_own_outgoing_servers_and_nothing_retries_it()
    {
        var full = Diagnoser.Default;
        const string dialog = "Sending of the message failed.\nAn error occurred while sending mail. The mail server responded: 452 4.3.1 Insufficient system storage.";
        var d = full.Explain(dialog, Language.En).Diagnosis!;
        Assert.Equal(FaultSide.SenderServer, d.FaultSide);
        Assert.Equal(full.Catalog.Text("step.dialog.temporary", Language.En), Assert.Single(d.Steps.Sender));
        Assert.EndsWith(full.Catalog.Text("summary.retry.temporary.dialog", Language.En), d.Summary, StringComparison.Ordinal);
        // The same reply quoted in a bounce is the receiving server's, which goes on trying.
        var quoted = full.Explain("host mx.example.net[192.0.2.1] said: 452 4.3.1 Insufficient system storage", Language.En).Diagnosis!;
        Assert.Equal(FaultSide.RecipientServer, quoted.FaultSide);
        // A block list in a send dialog lists the user's own connection: log in to send.
        var blocked = full.Explain("Sending of the message failed.\nThe mail server responded: 554 5.7.1 Client host [198.51.100.23] blocked using zen.spamhaus.org", Language.En).Diagnosis!;
        Assert.Equal(FaultSide.SenderClient, blocked.FaultSide);
        Assert.Equal(full.Catalog.Text("step.dialog.blocked", Language.En), Assert.Single(blocked.Steps.Sender));
    }

    [Fact]
    public void A_reply_code_with_only_its_general_meaning_is_said_better_by_the_enhanced_code_of_its_reply()
    {
        var report = Diagnoser.Default.Explain("host mx.example.net said: 550-5.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address. - gsmtp\n421 Service not available", Language.En);
        var reply = report.Findings.First(f => f.Code == "550");
        Assert.Equal("5.7.28", report.SaidBetterBy(reply)?.Code);
        // A reply code with no enhanced code in its reply keeps its own meaning; so do the codes that are not replies.
        Assert.Null(report.SaidBetterBy(report.Findings.First(f => f.Code == "421")));
        Assert.Null(report.SaidBetterBy(report.Findings.First(f => f.Code == "5.7.28")));
        // A reply code that the server's words explained says as much as its enhanced code.
        var relay = Diagnoser.Default.Explain("554 5.7.1 <kim@example.org>: Relay access denied", Language.En);
        Assert.Null(relay.SaidBetterBy(relay.Findings.First(f => f.Code == "554")));
    }

    [Fact]
    public void A_pop3_mailbox_locked_by_another_session_is_temporary_even_without_its_bracket_code()
    {
        var d = Diagnoser.Default.Explain("Error Number: 0x800CCC90. The server responded: -ERR Mailbox is locked by another session, try again later", Language.En).Diagnosis!;
        Assert.Equal(("0x800CCC90", Severity.Temporary, true), (d.Code, d.Severity, d.RetryMayHelp));
        Assert.Equal(BounceReason.TooManyConn, d.Reason);
    }

    [Theory]
    [InlineData("4.4.316 Connection refused [Message=Socket error code 10061] [LastAttemptedServerName=mail.example.nl] [LastAttemptedIP=203.0.113.30:25]", "10061")]
    [InlineData("451 4.4.0 Primary target IP address responded with: \"Failed to connect. Winsock error code: 10060, Win32 error code: 10060.\"", "10060")]
    public void A_socket_error_a_mail_server_met_on_its_way_to_the_recipient_is_not_the_users_computer(string text, string socket)
    {
        var server = Diagnoser.Default.Explain(text, Language.En).Findings.First(f => f.Code == socket);
        Assert.Equal((FaultSide.RecipientServer, Severity.Temporary), (server.FaultSide, server.Severity));
        // The same number in the mail program's own dialog is the user's connection.
        var client = Diagnoser.Default.Explain($"Sending reported error (0x800CCC0E): Cannot connect to the server. Socket Error: {socket}", Language.En).Findings.First(f => f.Code == socket);
        Assert.NotEqual(FaultSide.RecipientServer, client.FaultSide);
    }

    [Fact]
    public void A_refused_relay_gets_the_steps_of_whose_server_refused_it()
    {
        var catalog = Diagnoser.Default.Catalog;
        // Quoted in a bounce as the next server's answer: the recipient's side must fix its MX, logging in changes nothing.
        var remote = Diagnoser.Default.Explain("host mx.example.net[203.0.113.5] said: 554 5.7.1 <ann@example.net>: Relay access denied (in reply to RCPT TO command)", Language.En).Diagnosis!;
        Assert.Equal(FaultSide.RecipientServer, remote.FaultSide);
        Assert.Equal([catalog.Text("step.relay.remote", Language.En)], remote.Steps.Sender);
        // In the mail program's own dialog (a Windows mail client code beside it): the user's own server, log in.
        var own = Diagnoser.Default.Explain("Server Response: '550 5.7.1 Relaying denied', Port: 587, Secure(SSL): No, Server Error: 550, Error Number: 0x800CCC79", Language.En).Diagnosis!;
        Assert.Equal([catalog.Text("step.relay.own", Language.En)], own.Steps.Sender);
        // Alone, it could be either: both readings' steps stay.
        var alone = Diagnoser.Default.Explain("550 5.7.1 Relaying denied", Language.En).Diagnosis!;
        Assert.True(alone.Steps.Sender.Count > 1);
        // Shown by a webmail: its server's set-up, which the user has no setting for (no "turn on SMTP login").
        var webmail = Diagnoser.Default.Explain("Roundcube: SMTP Error (554): Failed to add recipient \"ann@example.net\" (5.7.1 <ann@example.net>: Relay access denied).", Language.Nl).Diagnosis!;
        Assert.Equal(FaultSide.SenderServer, webmail.FaultSide);
        Assert.Equal([catalog.Text("step.relay.webmail", Language.Nl)], webmail.Steps.Sender);
        // A mail program's dialog that only mentions the webmail (where sending works) is the program's: log in.
        var program = Diagnoser.Default.Explain("It works in webmail, but Thunderbird says: Sending of the message failed. The mail server responded: 554 5.7.1 <ann@example.net>: Relay access denied", Language.En).Diagnosis!;
        Assert.Equal([catalog.Text("step.relay.own", Language.En)], program.Steps.Sender);
    }

    [Fact]
    public void A_success_needs_no_retry_and_names_no_side()
    {
        var d = Diagnoser.Default.Explain("status=sent (250 2.0.0 OK  1772868615 5b1f17b1804b1 - gsmtp)", Language.En).Diagnosis!;
        Assert.Equal((Severity.Success, "notNeeded"), (d.Severity, d.RetryAnswer()));
        Assert.DoesNotContain(Diagnoser.Default.Catalog.Text("summary.side.unknown", Language.En), d.Summary, StringComparison.Ordinal);
        // A failure keeps its answer.
        Assert.Equal("no", Diagnoser.Default.Explain("550 5.1.1 User unknown", Language.En).Diagnosis!.RetryAnswer());
    }

    [Fact]
    public void A_general_status_gives_way_to_the_detailed_one_it_quotes()
    {
        var d = Diagnoser.Default.Explain("451 4.4.0 Primary target IP address responded with: \"421 4.4.2 Connection dropped due to SocketError.\" Attempted failover to alternate host, but that did not succeed.", Language.En).Diagnosis!;
        Assert.Equal("4.4.2", d.Code);
    }

    [Fact]
    public void A_sending_services_suppressed_address_is_a_message_never_sent()
    {
        var report = Diagnoser.Default.Explain("{\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"status\":\"5.0.0\"}", Language.En);
        Assert.Equal((FaultSide.Recipient, Severity.Permanent), (report.Diagnosis!.FaultSide, report.Diagnosis.Severity));
        Assert.Contains("suppression", report.Findings.Single(f => f.Code == "5.0.0").Meaning, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_reply_whose_generic_wording_matched_points_to_the_providers_own_entry_of_its_status()
    {
        var report = Diagnoser.Default.Explain("Remote Server returned '550 5.7.1 RESOLVER.RST.AuthRequired; authentication required [Stage: CreateMessage]'", Language.En);
        var reply = report.Findings.First(f => f.Code == "550");
        Assert.Equal("5.7.1", report.SaidBetterBy(reply)?.Code);
        Assert.NotNull(report.SaidBetterBy(reply)!.Provider);
    }

    [Fact]
    public void Tls_required_but_not_offered_is_the_receiving_servers_and_fails_until_fixed()
    {
        var d = Diagnoser.Default.Explain("dsn=4.7.4, status=deferred (TLS is required, but was not offered by host mail.example.com[198.51.100.77])", Language.En).Diagnosis!;
        Assert.Equal((FaultSide.RecipientServer, Severity.Temporary, false), (d.FaultSide, d.Severity, d.RetryMayHelp));
    }

    [Theory]
    [InlineData("Remote Server returned '501 Syntactically invalid EHLO argument(s)'")]
    [InlineData("504 5.5.2 <SCANNER01>: Helo command rejected: need fully-qualified hostname")]
    [InlineData("450 4.7.1 <mail.example.invalid>: Helo command rejected: Host not found")]
    public void A_refused_helo_name_is_the_sending_servers_and_fails_until_fixed(string text)
    {
        var d = Diagnoser.Default.Explain(text, Language.En).Diagnosis!;
        Assert.Equal((FaultSide.SenderServer, false), (d.FaultSide, d.RetryMayHelp));
    }

    [Fact]
    public void Exims_administrative_prohibition_is_the_receiving_servers_rule_not_a_missing_mailbox()
    {
        var d = Diagnoser.Default.Explain("SMTP error from remote mail server after RCPT TO:<info@example.net>: 550 Administrative prohibition", Language.En).Diagnosis!;
        Assert.Equal((FaultSide.RecipientServer, BounceReason.PolicyViolation), (d.FaultSide, d.Reason));
    }

    [Fact]
    public void A_temporary_refusal_for_a_setting_is_not_one_that_retrying_helps()
    {
        var full = Diagnoser.Default;
        var ptr = full.Explain("host gmail-smtp-in.l.google.com said: 421-4.7.23 The sender IP address has no PTR record. - gsmtp", Language.En).Diagnosis!;
        Assert.Equal((Severity.Temporary, false), (ptr.Severity, ptr.RetryMayHelp));
        Assert.EndsWith(full.Catalog.Text("summary.retry.untilFixed", Language.En), ptr.Summary, StringComparison.Ordinal);
        // Greylisting is temporary and passes on a later try.
        var grey = full.Explain("450 4.7.1 <kim@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/", Language.En).Diagnosis!;
        Assert.Equal((Severity.Temporary, true), (grey.Severity, grey.RetryMayHelp));
    }

    [Fact]
    public void Provider_entry_wins_when_the_provider_is_recognised_and_its_phrase_is_on_the_line()
    {
        var report = Small.Explain("mx.acmemail.example said: 550 5.7.1 Message looks like spam", Language.En);
        var finding = Assert.Single(report.Findings, f => f.Code == "5.7.1");
        Assert.Equal("acme", finding.Provider);
        Assert.Equal(FaultSide.SenderServer, report.Diagnosis!.FaultSide);
    }

    [Theory]
    [InlineData("554 Email rejected due to security policies - MCSpamSignature.sa.2.2")]
    [InlineData("554 Email rejected due to\r\n        security   policies - MCSpamSignature.sa.2.2")]
    public void Provider_phrase_folded_over_lines_or_padded_still_picks_the_entry(string reply)
    {
        var diagnosis = Diagnoser.Default.Diagnose("5.0.0", 554, reply, "service222.mimecast.com", Language.En, out var providerReason);
        Assert.NotNull(diagnosis);
        Assert.Equal(BounceReason.PolicyViolation, providerReason);
    }

    [Theory]
    [InlineData("554 email rejected due to security policies - x", true)]
    [InlineData("554 Email REJECTED due to\r\n        security   policies", true)]
    [InlineData("554 email rejected due to\tsecurity policies", true)]
    [InlineData("554 email rejected, rejected due to security policies", true)]
    [InlineData("554 email rejected due tosecurity policies", false)]
    [InlineData("554 email rejected due-to security policies", false)]
    [InlineData("554 email rejected due to security", false)]
    [InlineData("", false)]
    // A multi-line reply joined into one line repeats its code between words.
    [InlineData("550-5.7.1 email rejected due to 550-5.7.1 security policies", true)]
    [InlineData("554-email rejected due to\n554- security policies", true)]
    [InlineData("554 email rejected due to 554 security policies", false)]
    [InlineData("554 email rejected due to 55-5.7.1 security policies", false)]
    public void Phrase_matches_case_insensitively_with_any_white_space_between_its_words(string text, bool expected) =>
        Assert.Equal(expected, LooseText.Contains(text, "rejected due to security policies"));

    [Fact]
    public void Googles_entry_is_found_in_a_joined_reply_whose_lines_repeat_their_code()
    {
        var report = Diagnoser.Default.Explain("host gmail-smtp-in.l.google.com said: 550-5.7.1 [198.51.100.23] The IP you're using to send mail is not authorized to 550-5.7.1 send email directly to our servers. - gsmtp", Language.En);
        var status = report.Findings.First(f => f.Code == "5.7.1");
        Assert.Equal(("google", BounceReason.Blocked), (status.Provider, status.Reason));
        Assert.True(LooseText.HasIrregularSpace("not authorized to 550-5.7.1 send email directly"));
    }

    [Fact]
    public void Provider_entry_is_not_used_when_its_phrase_is_missing()
    {
        var report = Small.Explain("mx.acmemail.example said: 550 5.7.1 Relaying denied", Language.En);
        var finding = Assert.Single(report.Findings, f => f.Code == "5.7.1");
        Assert.Null(finding.Provider);
        Assert.Equal(FaultSide.Sender, finding.FaultSide);
    }

    [Fact]
    public void Provider_entry_is_not_used_when_the_provider_is_not_recognised()
    {
        var report = Small.Explain("550 5.7.1 Message looks like spam", Language.En);
        Assert.Null(Assert.Single(report.Findings, f => f.Code == "5.7.1").Provider);
    }

    [Fact]
    public void Provider_token_drives_the_diagnosis_and_takes_its_severity_from_the_entry()
    {
        var report = Small.Explain("554 [AC123] go away", Language.Nl);
        Assert.Equal("AC123", report.Diagnosis!.Code);
        Assert.Equal(BounceReason.Blocked, report.Diagnosis.Reason);
        Assert.Equal("Titel AC123", Assert.Single(report.Findings, f => f.Kind == CodeKind.Provider).Title);
    }

    [Fact]
    public void Unknown_well_formed_enhanced_code_is_explained_from_its_parts()
    {
        var finding = Small.ExplainCode(CodeKind.Enhanced, "4.7.950", Language.En)!;
        Assert.False(finding.Known);
        Assert.Equal(Severity.Temporary, finding.Severity);
        Assert.Equal(FaultSide.Sender, finding.FaultSide);
        Assert.Equal(BounceReason.SecurityError, finding.Reason);
        Assert.Contains("Unknown 4.7.950.", finding.Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_reply_code_is_explained_from_class_and_category()
    {
        var finding = Small.ExplainCode(CodeKind.Reply, "559", Language.En)!;
        Assert.False(finding.Known);
        Assert.Equal(Severity.Permanent, finding.Severity);
        Assert.Equal(FaultSide.RecipientServer, finding.FaultSide);
    }

    [Theory]
    [InlineData(CodeKind.Enhanced, "5.7")]
    [InlineData(CodeKind.Enhanced, "7.1.1")]
    [InlineData(CodeKind.Reply, "650")]
    [InlineData(CodeKind.WindowsClient, "0x0000CC0E")]
    [InlineData(CodeKind.Winsock, "9999")]
    public void Malformed_codes_give_no_explanation(CodeKind kind, string code)
    {
        Assert.Null(Small.ExplainCode(kind, code, Language.En));
    }

    [Fact]
    public void Class_independent_entry_takes_severity_from_the_class_digit()
    {
        Assert.Equal(Severity.Temporary, Small.ExplainCode(CodeKind.Enhanced, "4.1.1", Language.En)!.Severity);
        Assert.Equal(Severity.Permanent, Small.ExplainCode(CodeKind.Enhanced, "5.1.1", Language.En)!.Severity);
        Assert.Equal(Severity.Unknown, Small.ExplainCode(CodeKind.Enhanced, "x.1.1", Language.En)!.Severity);
    }

    [Fact]
    public void Steps_of_a_group_are_merged_without_duplicates()
    {
        var report = Small.Explain("Socket Error: 10060, Error Number: 0x800CCC0E", Language.En);
        var steps = report.Diagnosis!.Steps.Sender;
        Assert.Equal("0x800CCC0E", report.Diagnosis.Code);
        Assert.Equal(steps.Distinct().Count(), steps.Count);
        Assert.Contains("Sender step 10060", steps);
        Assert.Single(steps, s => s == "Shared step");
    }

    [Theory]
    [InlineData("550 5.7.1 Message refused by local policy", "5.7.1")]
    [InlineData("550 5.1.1 <jan@example.nl>: User unknown", "5.1.1")]
    [InlineData("421 4.7.0 Try again later", "4.7.0")]
    public void A_reply_codes_generic_steps_give_way_to_its_enhanced_codes_own(string text, string enhanced)
    {
        var catalog = Bounceback.Core.Catalog.ExplanationCatalog.Default;
        var reply = catalog.Find(CodeKind.Reply, text[..3])!;
        var precise = catalog.Find(CodeKind.Enhanced, enhanced)!;
        var steps = Diagnoser.Default.Explain(text, Language.En).Diagnosis!.Steps;
        Assert.Equal(precise.SenderSteps.Get(Language.En), steps.Sender);
        Assert.DoesNotContain(steps.Admin, s => reply.AdminSteps.Get(Language.En).Contains(s) && !precise.AdminSteps.Get(Language.En).Contains(s));
    }

    [Fact]
    public void A_reply_code_alone_keeps_its_steps()
    {
        var reply = Bounceback.Core.Catalog.ExplanationCatalog.Default.Find(CodeKind.Reply, "550")!;
        var steps = Diagnoser.Default.Explain("550 Requested action not taken: mailbox unavailable", Language.En).Diagnosis!.Steps;
        Assert.Equal(reply.SenderSteps.Get(Language.En), steps.Sender);
    }

    [Fact]
    public void Dotless_reading_carries_a_note()
    {
        var f = Assert.Single(Small.Explain("fout 571", Language.Nl).Findings);
        Assert.Equal("5.7.1", f.Code);
        Assert.Equal("571 gelezen als 5.7.1", f.Note);
        Assert.Equal("571", f.MatchedText);
    }

    [Fact]
    public void Text_without_codes_gives_no_diagnosis()
    {
        var report = Small.Explain("Hello, how are you?", Language.En);
        Assert.Empty(report.Findings);
        Assert.Null(report.Diagnosis);
    }

    [Fact]
    public void Diagnose_uses_status_reply_and_provider_wording_of_the_text()
    {
        var plain = Small.Diagnose("5.7.1", 550, "rejected as spam", Language.En)!;
        var acme = Small.Diagnose("5.7.1", 550, "mx.acmemail.example: rejected as spam", Language.En)!;
        Assert.Equal(FaultSide.Sender, plain.FaultSide);
        Assert.Equal(FaultSide.SenderServer, acme.FaultSide);
        Assert.Equal(acme, Small.Diagnose("5.7.1", 550, "mx.acmemail.example: rejected as spam", Language.En));
    }

    [Fact]
    public void Diagnose_without_status_or_reply_reads_codes_from_the_text()
    {
        var d = Small.Diagnose(null, null, "452 4.2.2 mailbox full", Language.En)!;
        Assert.Equal("4.2.2", d.Code);
        Assert.True(d.RetryMayHelp);
        Assert.Null(Small.Diagnose(null, null, null, Language.En));
    }

    [Theory]
    [InlineData("0x801901A0", Language.En, "Close the mail program")]
    [InlineData("0x8004DF0B", Language.Nl, "Sluit het mailprogramma")]
    public void An_unknown_mail_program_number_gets_the_programs_general_steps_and_no_talk_of_a_server(string code, Language language, string firstStep)
    {
        var report = Diagnoser.Default.Explain("Error: " + code, language);
        var finding = Assert.Single(report.Findings);
        Assert.False(finding.Known);
        Assert.StartsWith(firstStep, finding.Steps.Sender[0], StringComparison.Ordinal);
        Assert.NotEmpty(finding.Steps.Admin);
        Assert.DoesNotContain(language == Language.En ? "server's own words" : "tekst van de server", finding.Meaning, StringComparison.Ordinal);
        Assert.Equal(finding.Steps.Sender, report.Diagnosis!.Steps.Sender);
    }

    [Fact]
    public void A_mail_programs_temporary_error_says_the_program_tries_again_not_a_server()
    {
        // Sending or receiving alike: no server holds the message, so no server retries it.
        var d = Diagnoser.Default.Explain("Socket Error: 10060", Language.Nl).Diagnosis!;
        Assert.Contains("Het mailprogramma probeert het bij de volgende keer verzenden en ontvangen opnieuw", d.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("mailserver probeert", d.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0x800CCC90 -ERR [AUTH] Username and password not accepted.", "faultSide.sender.client")]
    [InlineData("Socket Error: 10060, Error Number: 0x800CCC0E", "faultSide.sender-client.client")]
    [InlineData("Socket Error: 10051", "faultSide.network.client")]
    [InlineData("550 5.1.1 <a@example.org>: user unknown", "faultSide.recipient")]
    [InlineData("550 5.7.1 Relaying denied", "faultSide.sender-client")]
    [InlineData("553 5.1.8 <a@example.org>: Sender address rejected: Domain not found", "faultSide.sender-server")]
    public void The_side_is_worded_from_the_users_view_only_for_the_mail_programs_own_errors(string text, string key)
    {
        // A login refused while fetching mail is no fault of "the sender"; a bounce's refused relay still is.
        foreach (var language in new[] { Language.En, Language.Nl })
        {
            var d = Diagnoser.Default.Explain(text, language).Diagnosis!;
            var words = Diagnoser.Default.Catalog.Text(key, language);
            Assert.NotEqual(key, words);
            Assert.Equal(words, d.SideText);
            Assert.Contains(words, d.Summary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_dialogs_error_number_drives_the_diagnosis_over_the_server_error_beside_it()
    {
        var d = Diagnoser.Default.Explain("Server Error: 0x800CCC90, Error Number: 0x800CCC92", Language.En).Diagnosis!;
        Assert.Equal("0x800CCC92", d.Code);
    }

    [Fact]
    public void A_windows_code_that_wraps_a_socket_error_is_explained_as_that_error()
    {
        var finding = Assert.Single(Diagnoser.Default.Explain("Error 0x80072746", Language.En).Findings);
        var socket = Diagnoser.Default.ExplainCode(CodeKind.Winsock, "10054", Language.En)!;
        Assert.True(finding.Known);
        Assert.Equal(CodeKind.WindowsClient, finding.Kind);
        Assert.Equal(socket.Title, finding.Title);
        Assert.Contains("10054", finding.Note, StringComparison.Ordinal);
        // A Windows code outside the socket range stays a general client error.
        Assert.False(Assert.Single(Diagnoser.Default.Explain("Error 0x80070057", Language.En).Findings).Known);
    }

    [Theory]
    [InlineData("Taak 'Verzenden en ontvangen' heeft fout (0x8004010F) gerapporteerd")]
    [InlineData("Er is een onbekende fout opgetreden. 0x80040600")]
    public void Outlook_s_mail_layer_errors_are_known_as_the_program_s_own(string text)
    {
        var finding = Assert.Single(Diagnoser.Default.Explain(text, Language.Nl).Findings);
        Assert.True(finding.Known);
        Assert.Equal(FaultSide.SenderClient, finding.FaultSide);
    }

    [Fact]
    public void A_deferred_relay_refusal_tells_the_sender_to_log_in_before_it_says_to_wait()
    {
        var diagnosis = Diagnoser.Default.Explain("454 4.7.1 <bestuur@example.nl>: Relay access denied", Language.Nl).Diagnosis!;
        Assert.Equal("4.7.1", diagnosis.Code);
        // The wording entry for a relay refusal explains it: log in, waiting does not help.
        Assert.Equal(FaultSide.SenderClient, diagnosis.FaultSide);
        Assert.Contains("inloggen", diagnosis.Steps.Sender[0], StringComparison.Ordinal);
        Assert.Contains("wachten helpt niet", diagnosis.Steps.Sender[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("550 5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 - gsmtp", true)]
    [InlineData("550 5.5.0 Requested action not taken: mailbox unavailable. Daily recipient limit exceeded [5.1.90] (S5.1.90) [AM0PR01MB1234.eurprd01.prod.outlook.com]", true)]
    [InlineData("550 5.1.1 <a@example.org>: Recipient address rejected: User unknown", false)]
    public void A_limit_that_resets_is_refused_for_now_and_sending_later_works(string text, bool resets)
    {
        // Permanent for this attempt, but a daily quota or an hourly limit clears: the answer may not say "no" to retrying.
        var diagnosis = Diagnoser.Default.Explain(text, Language.En).Diagnosis!;
        Assert.Equal(Severity.Permanent, diagnosis.Severity);
        Assert.Equal(resets, diagnosis.RetryMayHelp);
        Assert.Equal(resets, diagnosis.Summary.EndsWith(Diagnoser.Default.Catalog.Text("summary.retry.resets", Language.En), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Status: 4.4.7\nDiagnostic-Code: smtp; retry timeout exceeded")]
    [InlineData("550 5.4.7 Delivery time expired")]
    public void An_expired_delivery_says_the_sending_server_stopped_trying_not_that_it_tries_again(string text)
    {
        var diagnosis = Diagnoser.Default.Explain(text, Language.En).Diagnosis!;
        Assert.EndsWith(Diagnoser.Default.Catalog.Text("summary.retry.gaveUp", Language.En), diagnosis.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("tries again by itself", diagnosis.Summary, StringComparison.Ordinal);
    }
}

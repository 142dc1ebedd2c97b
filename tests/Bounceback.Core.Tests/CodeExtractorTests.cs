using Bounceback.Core.Codes;
using Bounceback.Core.Extraction;

namespace Bounceback.Core.Tests;

/// <summary>Finding codes in pasted text: kinds, positions, groups, and numbers that are not codes.</summary>
public class CodeExtractorTests
{
    private static ExtractionResult Extract(string text) => CodeExtractor.Default.Extract(text);

    private static string Describe(ExtractionResult r) =>
        string.Join(" ", r.Codes.Select(c => $"{c.Kind.Token()}:{c.Code}@{c.Group}"));

    [Theory]
    [InlineData("-ERR [AUTH] Username and password not accepted.", "access:AUTH@0")]
    [InlineData("-err [IN-USE] Mailbox is locked", "access:IN-USE@0")]
    [InlineData("-ERR [SYS/PERM] Your account is not enabled for POP access.", "access:SYS/PERM@0")]
    [InlineData("a1 NO [AUTHENTICATIONFAILED] Authentication failed.", "access:AUTHENTICATIONFAILED@0")]
    [InlineData("* OK [ALERT] Please log in via your web browser", "access:ALERT@0")]
    [InlineData("Server Error: 0x800CCC90, Server Response: -ERR [AUTH] Web login required", "windows-client:0x800CCC90@0 access:AUTH@0")]
    // Thunderbird writes its own words in place of the status word, also in Dutch and German.
    [InlineData("Mail server pop.example.nl responded: [AUTH] Authentication failed.", "access:AUTH@0")]
    [InlineData("De mailserver pop.example.nl antwoordde: [IN-USE] Mailbox is locked", "access:IN-USE@0")]
    [InlineData("Der Mailserver antwortete: [SYS/TEMP] Internal error", "access:SYS/TEMP@0")]
    // Not a POP3/IMAP answer: no status word right before, a word in a sentence, or a code no RFC defines.
    [InlineData("the server responded: [FOOBAR] what", "")]
    [InlineData("see the [AUTH] section of the manual", "")]
    [InlineData("there is no [AUTH] setting", "")]
    [InlineData("-ERR [FOOBAR] what", "")]
    [InlineData("a1 NO [AUTHENTICATIONFAILED", "")]
    // A code no other text puts in brackets, wherever it is quoted; any code that opens a line of its own.
    [InlineData("imaplib.IMAP4.error: b'[AUTHENTICATIONFAILED] Invalid credentials (Failure)'", "access:AUTHENTICATIONFAILED@0")]
    [InlineData("The server returned the error: [OVERQUOTA] Quota exceeded", "access:OVERQUOTA@0")]
    [InlineData("Mijn telefoon zegt:\n  [ALERT] Please log in via your web browser", "access:ALERT@0")]
    [InlineData("Mijn telefoon zegt: [ALERT] Please log in via your web browser", "")]
    [InlineData("see the [auth] section and the [overquota] flag", "")]
    public void POP3_and_IMAP_response_codes_are_read_after_the_replys_status_word(string text, string expected) =>
        Assert.Equal(expected, Describe(Extract(text)));

    [Theory]
    [InlineData("5.1.1", "enhanced:5.1.1@0")]
    [InlineData("x.7.1", "enhanced:x.7.1@0")]
    [InlineData("0x800CCC0E", "windows-client:0x800CCC0E@0")]
    [InlineData("800ccc0e", "windows-client:0x800CCC0E@0")]
    [InlineData("10060", "winsock:10060@0")]
    [InlineData("550", "reply:550@0")]
    [InlineData("571", "enhanced:5.7.1@0")]
    [InlineData("error 571", "enhanced:5.7.1@0")]
    [InlineData("foutcode 465 bij verzenden", "enhanced:4.6.5@0")]
    [InlineData("Socket Error: 10060, Error Number: 0x800CCC0E", "winsock:10060@0 windows-client:0x800CCC0E@0")]
    [InlineData("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", "reply:550@0 enhanced:5.1.1@0")]
    [InlineData("550-5.7.26 This mail is unauthenticated\n550-5.7.26 more text\n550 5.7.26 end gsmtp", "reply:550@0 enhanced:5.7.26@0 reply:550@0 enhanced:5.7.26@0 reply:550@0 enhanced:5.7.26@0")]
    // A report's Diagnostic-Code continues the Status field on the line before it; other lines between them do not.
    [InlineData("Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown", "enhanced:5.1.1@0 reply:550@0 enhanced:5.1.1@0")]
    [InlineData("Status: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown", "enhanced:5.1.1@0 reply:550@0 enhanced:5.1.1@0")]
    [InlineData("Status: 5.1.1\nRemote-MTA: dns; mx.example.com\nDiagnostic-Code: smtp; 550 5.1.1 user unknown", "enhanced:5.1.1@0 reply:550@1 enhanced:5.1.1@1")]
    [InlineData("Error 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown", "enhanced:5.1.1@0 reply:550@1 enhanced:5.1.1@1")]
    // A software's version is no status: of class 2 after a known name, of any class after "version" or SpamAssassin.
    [InlineData("Magento 2.4.6, order emails stuck: 554 5.7.1 Relay access denied", "reply:554@0 enhanced:5.7.1@0")]
    [InlineData("X-Spam-Checker-Version: SpamAssassin 4.0.1 on mx", "")]
    [InlineData("postfix 5.1.1 user unknown", "enhanced:5.1.1@0")]
    [InlineData("postfix 2.1.5 ok", "")]
    [InlineData("Samsung-tablet (Android 5.1.1) haalt geen mail op", "")]
    // An Outlook number retyped without its "0x": after the dialog's label, or known and in a text about Outlook.
    [InlineData("Foutnummer: 80042109", "windows-client:0x80042109@0")]
    [InlineData("Outlook zegt geen verbinding en dan staat er 80042109", "windows-client:0x80042109@0")]
    [InlineData("Bestelling 80042109 is verzonden", "")]
    // Outlook's Dutch "Serverreactie:" names the server's reply.
    [InlineData("Serverreactie: 553 sorry, your envelope sender is not allowed. Foutnummer: 0x800CCC78", "reply:553@0 windows-client:0x800CCC78@0")]
    // An HTTP status that SMTP does not define, on a line about a web API, is no reply code.
    [InlineData("API request failed. Error code: 401. Message: Key not found (unauthorized)", "")]
    [InlineData("The server said 421 and closed; the API is fine", "reply:421@0")]
    [InlineData("er staat iets van mailbox vol 552", "reply:552@0")]
    [InlineData("ik krijg een 554 terug als ik mail", "reply:554@0")]
    [InlineData("the mail server says 530 when I send", "reply:530@0")]
    [InlineData("mailbox vol 552 en daarna error 5.2.2", "enhanced:5.2.2@0")]
    // Replies and socket errors as programs print them: Python's smtplib tuple, MailKit's colon, Python's WinError.
    [InlineData("smtplib.SMTPSenderRefused: (530, b'5.7.0 Must issue a STARTTLS command first.', 'a@example.org')", "reply:530@0 enhanced:5.7.0@0")]
    [InlineData("MailKit.Security.AuthenticationException: 535: 5.7.139 Authentication unsuccessful", "reply:535@0 enhanced:5.7.139@0")]
    // A reply quoted in a sentence; Exim's lead-in before a reply, beside a provider token.
    [InlineData("In the transcript I see \"251 User not local; will forward to <jan@example.net>\" - did the message fail?", "reply:251@0")]
    [InlineData("Hij zei \"450 euro\" voor de fiets", "")]
    // A web sign-in's HTTP error, named in snake case, is no mail code; a mail log's outcome before a reply is its lead-in.
    [InlineData("Samsung Email: Error 400: admin_policy_enforced", "")]
    // A provider token in lower case without brackets, read only where the text names the provider.
    [InlineData("icloud 554 5.7.1 cs01", "reply:554@0 enhanced:5.7.1@0 provider:CS01@0")]
    [InlineData("getting 421 4.7.0 tss04 from gmail", "reply:421@0 enhanced:4.7.0@0")]
    [InlineData("deferred: 421 RP-001 (COL004-MC2F21) Unfortunately, some messages from 198.51.100.152 weren't sent.", "reply:421@0 provider:RP-001@0")]
    [InlineData("SMTP error from remote mail server after initial connection: 421 resimta comcast Too many sessions RL000001", "reply:421@0 provider:RL000001@0")]
    [InlineData("ConnectionRefusedError: [WinError 10061] No connection could be made", "winsock:10061@0")]
    // The code a program waited for is none that was found: only the one it got.
    [InlineData("Expected response code \"250\" but got code \"554\".", "reply:554@0")]
    [InlineData("expected code 250, got error 451", "reply:451@0")]
    // A user's own words: a question about a reply code, a socket error after "error".
    [InlineData("wat betekent 554?", "reply:554@0")]
    [InlineData("whats error 10053", "winsock:10053@0")]
    // A provider token typed in lower case counts in its brackets only.
    [InlineData("yahoo zegt 421 4.7.0 [tss04] messages from 203.0.113.5 temporarily deferred", "reply:421@0 enhanced:4.7.0@0 provider:TSS04@0")]
    [InlineData("see the [ab12] and [mx01] notes", "")]
    public void Codes_are_found_with_their_kind_and_group(string text, string expected)
    {
        Assert.Equal(expected, Describe(Extract(text)));
    }

    [Theory]
    // PHPMailer's "SMTP code: 550" under the line whose words explain it: the group starts at that line.
    [InlineData("Detail: Domain example.nl has exceeded the max emails per hour\n SMTP code: 550", 0)]
    // A code with words of its own on its line keeps the line as its group's start.
    [InlineData("Detail: Domain example.nl has exceeded the limit\n SMTP code: 550 Message discarded", 49)]
    // A line before that has a code of its own is that code's group, not this one's.
    [InlineData("421 4.7.0 try later\nSMTP code: 550", 20)]
    public void A_line_of_a_label_and_a_code_starts_its_group_at_the_line_before(string text, int groupStart)
    {
        var result = Extract(text);
        var code = result.Codes.Last();
        Assert.Equal(groupStart, result.Groups[code.Group].Start);
    }

    [Theory]
    [InlineData("Sent on 23-11-2026 at 10:44 from 192.168.1.250 port 587")]
    [InlineData("Call us at 020 555 1234 or visit room 550.")]
    [InlineData("The file is 4.2 MB and version 10.5.7.1 is installed")]
    [InlineData("We sent 10060 messages last year")]
    [InlineData("Order 80012345 shipped")]
    [InlineData("Mijn mail naar de vereniging aan de Kerkstraat 421 komt niet aan")]
    [InlineData("My mail of 552 bytes did not arrive")]
    [InlineData("Please mail or call 020 555 1234")]
    [InlineData("The server is fine, but line 552 of the script fails")]
    public void Numbers_that_are_not_codes_are_left_alone(string text)
    {
        Assert.Empty(Extract(text).Codes);
    }

    [Fact]
    public void Positions_point_at_the_matched_text()
    {
        const string text = "Error Number: 0x800CCC0F, Socket Error: 10053";
        foreach (var c in Extract(text).Codes)
        {
            var matched = text.Substring(c.Start, c.Length);
            Assert.Contains(matched.TrimStart('0', 'x').ToUpperInvariant(), c.Code.ToUpperInvariant(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("error 550", CodeKind.Reply, "550", CodeReading.ReplyOrDotless)]
    [InlineData("550 5.5.0 syntax", CodeKind.Reply, "550", CodeReading.AsWritten)]
    [InlineData("fout 422", CodeKind.Enhanced, "4.2.2", CodeReading.DotlessEnhanced)]
    [InlineData("fout 571", CodeKind.Enhanced, "5.7.1", CodeReading.DotlessEnhanced)]
    [InlineData("fout 599", CodeKind.Reply, "599", CodeReading.AsWritten)]
    [InlineData("fout 452", CodeKind.Reply, "452", CodeReading.AsWritten)]
    // A line that opens with a well-formed reply code and goes on in words is a server's reply, not a dotless status.
    [InlineData("550 Mailbox unavailable", CodeKind.Reply, "550", CodeReading.AsWritten)]
    [InlineData("  550 <kim@example.org>: no such user", CodeKind.Reply, "550", CodeReading.AsWritten)]
    [InlineData("550", CodeKind.Reply, "550", CodeReading.ReplyOrDotless)]
    [InlineData("571 Delivery not authorized", CodeKind.Enhanced, "5.7.1", CodeReading.DotlessEnhanced)]
    // Named as SMTP's right before it, a well-formed reply code is the server's reply; a malformed one stays a status.
    [InlineData("SMTP Error (550): Failed to add recipient", CodeKind.Reply, "550", CodeReading.AsWritten)]
    [InlineData("SMTP-fout 550 bij verzenden", CodeKind.Reply, "550", CodeReading.AsWritten)]
    [InlineData("smtp; 550 rejected", CodeKind.Reply, "550", CodeReading.AsWritten)]
    [InlineData("SMTP error 571", CodeKind.Enhanced, "5.7.1", CodeReading.DotlessEnhanced)]
    // PHPMailer joins its error's parts with commas: "...: Sender address rejected: not owned by user info@example.nl,553,5.7.1".
    [InlineData("not owned by user info@example.nl,553,5.7.1", CodeKind.Reply, "553", CodeReading.AsWritten)]
    public void Three_digit_numbers_are_read_as_reply_codes_when_the_catalog_knows_them_else_as_dotless_status_codes(
        string text, CodeKind kind, string code, CodeReading reading)
    {
        var found = new CodeExtractor(TestCatalogs.Small).Extract(text).Codes[0];
        Assert.Equal((kind, code, reading), (found.Kind, found.Code, found.Reading));
    }

    [Theory]
    [InlineData("523", CodeKind.Enhanced, "5.2.3", CodeReading.DotlessOrReply)]
    [InlineData("foutcode 523", CodeKind.Enhanced, "5.2.3", CodeReading.DotlessOrReply)]
    [InlineData("523 5.7.10 Encryption needed", CodeKind.Reply, "523", CodeReading.AsWritten)]
    [InlineData("523-Encryption needed", CodeKind.Reply, "523", CodeReading.AsWritten)]
    public void A_reply_code_marked_as_seldom_sent_reads_as_the_dotless_status_code_unless_it_stands_on_a_reply_line(
        string text, CodeKind kind, string code, CodeReading reading)
    {
        var found = Extract(text).Codes[0];
        Assert.Equal((kind, code, reading), (found.Kind, found.Code, found.Reading));
    }

    [Theory]
    [InlineData("connect() returned WSAETIMEDOUT", CodeKind.Winsock, "10060")]
    [InlineData("error wsaeconnrefused while sending", CodeKind.Winsock, "10061")]
    [InlineData("IXP_E_FAILED_TO_CONNECT", CodeKind.WindowsClient, "0x800CCC0E")]
    [InlineData("hr=MAPI_E_CORRUPT_STORE", CodeKind.WindowsClient, "0x80040600")]
    public void A_symbolic_error_name_is_found_as_its_code(string text, CodeKind kind, string code)
    {
        var found = Assert.Single(Extract(text).Codes);
        Assert.Equal((kind, code, CodeReading.Symbol), (found.Kind, found.Code, found.Reading));
    }

    [Theory]
    [InlineData("Error Number: 0x800CCC0E (IXP_E_FAILED_TO_CONNECT)")]
    [InlineData("MY_WSAETIMEDOUT_COUNTER=3 and XIXP_E_FAILED_TO_CONNECT")]
    public void A_symbolic_name_next_to_its_own_number_or_inside_a_longer_identifier_adds_no_finding(string text)
    {
        var symbols = Extract(text).Codes.Where(c => c.Reading == CodeReading.Symbol);
        Assert.Empty(symbols);
    }

    [Fact]
    public void A_provider_token_is_found_and_names_its_provider()
    {
        var r = Extract("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred");
        var token = Assert.Single(r.Codes, c => c.Kind == CodeKind.Provider);
        Assert.Equal("TSS04", token.Code);
        Assert.Equal("yahoo", token.Provider);
        Assert.Contains("yahoo", r.Providers);
        Assert.All(r.Codes, c => Assert.Equal(0, c.Group));
    }

    [Fact]
    public void The_number_of_codes_is_capped()
    {
        var text = string.Concat(Enumerable.Repeat("5.1.1 ", 1000));
        var r = CodeExtractor.Default.Extract(text, 50);
        Assert.Equal(50, r.Codes.Count);
        Assert.True(r.Truncated);
    }
}

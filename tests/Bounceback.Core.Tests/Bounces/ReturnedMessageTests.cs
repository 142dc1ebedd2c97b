using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using Bounceback.Core.Json;
using MimeKit;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// The bulk reader leaves attached messages unparsed (<see cref="ReturnedMessage"/>) until they are read: every message
/// must give the same results read that way as read by MimeKit's own parse.
/// </summary>
public class ReturnedMessageTests
{
    private static string Results(byte[] bytes, ParserOptions options)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var message = MimeMessage.Load(options, stream, persistent: true);
        var outcome = BounceParser.Default.Parse(message, "test", null, Language.En);
        var json = new StringBuilder(outcome.Kind.ToString());
        foreach (var r in outcome.Results) json.Append('\n').Append(System.Text.Json.JsonSerializer.Serialize(r, BouncebackJsonContext.Default.BounceResult));
        return json.ToString();
    }

    private static IEnumerable<string> AllMessages()
    {
        foreach (var f in BounceFixtures.Messages()) yield return f;
        if (BounceFixtures.CorpusRoot() is { } corpus)
        {
            foreach (var f in Directory.EnumerateFiles(Path.Combine(corpus, "emails"), "*.eml").Order(StringComparer.Ordinal)) yield return f;
        }
    }

    [Fact]
    public void Every_message_gives_the_same_results_with_its_attached_messages_left_unparsed()
    {
        var compared = 0;
        var withAttached = 0;
        foreach (var path in AllMessages())
        {
            var bytes = File.ReadAllBytes(path);
            // Text pasted without headers is read as a message of its own (PastedText), with nothing attached.
            if (PastedText.LacksHeaders(bytes)) continue;
            Assert.True(Results(bytes, ParserOptions.Default) == Results(bytes, ReturnedMessage.Options), path);
            compared++;
            using var stream = new MemoryStream(bytes, writable: false);
            using var message = MimeMessage.Load(ReturnedMessage.Options, stream, persistent: true);
            if (Bounceback.Core.Bounces.Decoders.MessageParts.Walk(message.Body, intoMessages: false).Any(e => e is ReturnedMessage)) withAttached++;
        }
        Assert.True(compared > 250, $"only {compared} messages");
        Assert.True(withAttached > 50, $"only {withAttached} messages with an attached message");
    }

    /// <summary><see cref="Results"/>, or "unreadable" when MimeKit finds no message header at all.</summary>
    private static string ResultsOrUnreadable(byte[] bytes, ParserOptions options)
    {
        try
        {
            return Results(bytes, options);
        }
        catch (FormatException)
        {
            return "unreadable";
        }
    }

    /// <summary>
    /// The same holds for damaged messages (cut short, bytes flipped, other line endings), where the lazy and the full
    /// parse of an attached message meet broken input: each fixture and corpus message is damaged twelve ways.
    /// </summary>
    [Fact]
    public void Every_damaged_message_gives_the_same_results_with_its_attached_messages_left_unparsed()
    {
        var compared = 0;
        var failures = new List<string>();
        foreach (var path in AllMessages())
        {
            var original = File.ReadAllBytes(path);
            var name = Path.GetFileName(path);
            for (var k = 0; k < 12; k++)
            {
                // Seeded by the file's name and the round, so each damage is the same at every run.
                var random = new Random(name.Aggregate(17, (h, c) => unchecked(h * 31 + c)) + k);
                var bytes = (byte[])original.Clone();
                if (k % 3 == 0) bytes = bytes[..random.Next(1, bytes.Length)];
                else if (k % 3 == 1) for (var j = 0; j < 8; j++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                else bytes = BounceFixtures.WithLineEndings(bytes, k % 2 == 0 ? "\r" : "\r\n");
                if (PastedText.LacksHeaders(bytes)) continue;
                compared++;
                if (ResultsOrUnreadable(bytes, ParserOptions.Default) != ResultsOrUnreadable(bytes, ReturnedMessage.Options)) failures.Add($"{name}#{k}");
            }
        }
        Assert.True(compared > 3000, $"only {compared} damaged messages");
        Assert.True(failures.Count == 0, $"{failures.Count} damaged messages read differently: " + string.Join(", ", failures));
    }

    private const string Report =
        "From: MAILER-DAEMON@mx.example.org\r\nTo: ann@shop.example\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
        "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n" +
        "--b\r\nContent-Type: text/plain\r\n\r\nThe message could not be delivered.\r\n" +
        "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n" +
        "Final-Recipient: rfc822; bob@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 no such user\r\n\r\n" +
        "--b\r\nContent-Type: message/rfc822\r\n\r\n{0}\r\nHello Bob.\r\n--b--\r\n";

    /// <summary>The report with the original attached; <paramref name="inPlace"/> parses it as the bulk reader does, its
    /// parts' contents left as ranges of the bytes (read in place), else copied.</summary>
    private static MimeMessage Load(string original, bool inPlace = false)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Report, original));
        return MimeMessage.Load(ReturnedMessage.Options, new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true), persistent: inPlace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Only_the_wanted_fields_of_the_original_are_read_folded_encoded_and_first_one_first(bool inPlace)
    {
        using var message = Load(inPlace: inPlace, original:
            "Received: from a.example by b.example;\r\n\tMon, 1 Jun 2026 10:00:00 +0000\r\n" +
            "Subject : =?UTF-8?B?Q2Fmw6kgbWVldGluZw==?=\r\n\tagenda\r\n" +
            "From: Ann <ann@shop.example>\r\nFrom: Eve <eve@evil.example>\r\nMessage-ID: <id-1@shop.example>\r\n" +
            "X-Other: skipped\r\nTo: bob@example.net\r\n");
        var returned = Bounceback.Core.Bounces.Decoders.MessageParts.Walk(message.Body, intoMessages: false).OfType<ReturnedMessage>().Single();
        var headers = returned.OriginalHeaders!;
        Assert.Equal(["Subject", "From", "From", "Message-ID", "To"], headers.Select(h => h.Field.Trim()));
        Assert.Equal("Café meeting agenda", headers["Subject"]!.Replace("\t", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal).Trim());
        Assert.Equal("Ann <ann@shop.example>", headers["From"]!.Trim());
        // The results read it the same way MimeKit's own parse of the original does.
        var outcome = BounceParser.Default.Parse(message, "test", null, Language.En);
        var result = Assert.Single(outcome.Results);
        Assert.Equal("ann@shop.example", result.Sender);
        Assert.Equal("id-1@shop.example", result.OriginalMessageId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_header_block_without_an_ending_blank_line_still_gives_its_fields(bool inPlace)
    {
        // The attached message has no empty line after its fields: a line of text follows them directly.
        using var message = Load("Message-ID: <id-2@shop.example>\r\nX-Mailer: skipped\r\nSubject: last\r\n\tline", inPlace);
        var returned = Bounceback.Core.Bounces.Decoders.MessageParts.Walk(message.Body, intoMessages: false).OfType<ReturnedMessage>().Single();
        var headers = returned.OriginalHeaders!;
        Assert.Equal(["Message-ID", "Subject"], headers.Select(h => h.Field));
        Assert.Equal("last\tline", headers["Subject"]!.Trim());
    }

    [Theory]
    [InlineData(0, "message/delivery-status", true)]
    [InlineData(0, "Message/Delivery-Status", true)]
    // The word starts 5 bytes before the end of the first 64 KB block read.
    [InlineData(65384, "message/DELIVERY-STATUS", true)]
    [InlineData(65384 + 65536, "message/delivery-status", true)]
    [InlineData(100, "message/delivery-notice", false)]
    [InlineData(100, "message/delivery status", false)]
    public void An_attached_message_is_searched_for_a_word_across_its_blocks(int filler, string type, bool found)
    {
        var original = "From: ann@shop.example\r\nSubject: fwd\r\nContent-Type: multipart/mixed; boundary=\"i\"\r\n\r\n--i\r\nContent-Type: text/plain\r\n\r\n"
            + new string('d', filler) + "\r\n--i\r\nContent-Type: " + type + "\r\n\r\nStatus: 5.1.1\r\n--i--";
        using var message = Load(original);
        var returned = Bounceback.Core.Bounces.Decoders.MessageParts.Walk(message.Body, intoMessages: false).OfType<ReturnedMessage>().Single();
        Assert.Equal(found, returned.Mentions("delivery-status"u8));
    }

    [Fact]
    public void The_whole_original_is_parsed_once_when_it_is_looked_into()
    {
        using var message = Load("From: ann@shop.example\r\nSubject: hi\r\nContent-Type: text/plain\r\n");
        var returned = Bounceback.Core.Bounces.Decoders.MessageParts.Walk(message.Body, intoMessages: false).OfType<ReturnedMessage>().Single();
        var original = returned.Message;
        Assert.NotNull(original);
        Assert.Same(original, returned.Message);
        Assert.Equal("hi", original.Subject);
        Assert.Contains("Hello Bob.", Assert.IsType<TextPart>(original.Body).Text, StringComparison.Ordinal);
        // Once parsed whole, the header list is the message's own.
        Assert.Same(original.Headers, returned.OriginalHeaders);
        // Walking into attached messages now reaches its text.
        Assert.Contains(Bounceback.Core.Bounces.Decoders.MessageParts.Walk(message.Body), e => ReferenceEquals(e, original.Body));
    }
}

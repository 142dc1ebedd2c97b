using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Bounces.Rfc3464;
using MimeKit;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// <see cref="StatusGroupReader"/> reads a report's status groups without MimeKit's per-report parser: it must give
/// the groups MimeKit's <see cref="MessageDeliveryStatus.StatusGroups"/> gives, for every report there is.
/// </summary>
public class StatusGroupReaderTests
{
    private static string Show(IEnumerable<HeaderList> groups) =>
        string.Join("\n--\n", groups.Where(g => g.Count > 0).Select(g => string.Join("\n", g.Select(h => $"{h.Field}: {h.Value}"))));

    /// <summary>The groups both ways, from a message parsed as the bulk reader does (bytes in place) or from a stream.</summary>
    private static IEnumerable<(string Ours, string MimeKits)> BothWays(byte[] bytes, bool persistent)
    {
        using var stream = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        using var message = MimeMessage.Load(stream, persistent);
        foreach (var part in message.BodyParts.OfType<MessageDeliveryStatus>().ToList())
        {
            var read = StatusGroupReader.Read(part);
            Assert.DoesNotContain(read, g => g.Count == 0);
            yield return (Show(read), Show(part.StatusGroups));
        }
    }

    [Fact]
    public void Every_report_in_the_fixtures_and_the_corpus_gives_MimeKits_groups()
    {
        var reports = 0;
        var paths = BounceFixtures.Messages().ToList();
        if (BounceFixtures.CorpusRoot() is { } corpus) paths.AddRange(Directory.EnumerateFiles(Path.Combine(corpus, "emails"), "*.eml").Order(StringComparer.Ordinal));
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(path);
            // Text pasted without headers is not a message MimeKit reads.
            if (PastedText.LacksHeaders(bytes)) continue;
            foreach (var persistent in new[] { true, false })
            {
                foreach (var (ours, mimeKits) in BothWays(bytes, persistent))
                {
                    Assert.True(ours == mimeKits, $"{path} (persistent: {persistent})\nours:\n{ours}\nMimeKit:\n{mimeKits}");
                    reports++;
                }
            }
        }
        Assert.True(reports > 150, $"only {reports} reports");
    }

    private static byte[] Report(string groups, string encoding = "7bit") => Encoding.UTF8.GetBytes(
        "From: MAILER-DAEMON@mx.example.org\r\nTo: ann@shop.example\r\nSubject: failure\r\nMIME-Version: 1.0\r\n" +
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n" +
        "--b\r\nContent-Type: text/plain\r\n\r\nNot delivered.\r\n" +
        $"--b\r\nContent-Type: message/delivery-status\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n{groups}\r\n--b--\r\n");

    public static TheoryData<string, string> Edges => new()
    {
        { "blank lines around and between groups", "\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n\r\n\r\nFinal-Recipient: rfc822; bob@example.net\r\nStatus: 5.1.1\r\n\r\n\r\n" },
        { "text after the groups that is not fields", "Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.net\r\nStatus: 5.1.1\r\n\r\n--stray boundary\r\nnot a field at all\r\n" },
        { "a folded field", "Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.net\r\nDiagnostic-Code: smtp; 550 5.1.1\r\n  the mailbox does not exist\r\n" },
        { "only per-message fields", "Reporting-MTA: dns; mx.example.org\r\nArrival-Date: Mon, 2 Mar 2026 10:00:00 +0100\r\n" },
        { "nothing", "" },
        { "groups after one that announces base64",
            "Reporting-MTA: dns; mx.example.org\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Convert.ToBase64String(Encoding.ASCII.GetBytes("Final-Recipient: rfc822; bob@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n")) + "\r\n" },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge_cases_give_MimeKits_groups(string name, string groups)
    {
        foreach (var persistent in new[] { true, false })
        {
            var both = BothWays(Report(groups), persistent).ToList();
            Assert.Single(both);
            Assert.True(both[0].Ours == both[0].MimeKits, $"{name}: ours\n{both[0].Ours}\nMimeKit\n{both[0].MimeKits}");
        }
    }

    [Fact]
    public void The_groups_announcing_base64_are_read_after_decoding()
    {
        var groups = "Reporting-MTA: dns; mx.example.org\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Convert.ToBase64String(Encoding.ASCII.GetBytes("Final-Recipient: rfc822; bob@example.net\r\nStatus: 5.1.1\r\n")) + "\r\n";
        var (ours, _) = BothWays(Report(groups), persistent: true).Single();
        Assert.Contains("Final-Recipient: rfc822; bob@example.net", ours);
    }

    [Fact]
    public void A_base64_part_is_decoded_before_it_is_read()
    {
        var groups = Convert.ToBase64String(Encoding.ASCII.GetBytes("Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; bob@example.net\r\nStatus: 5.2.2\r\n"));
        var (ours, mimeKits) = BothWays(Report(groups, "base64"), persistent: true).Single();
        Assert.Equal(mimeKits, ours);
        Assert.Contains("Status: 5.2.2", ours);
    }

    [Fact]
    public void A_read_inside_a_read_gets_a_parser_of_its_own()
    {
        var first = ThreadParser.Take(ParserOptions.Default, new MemoryStream("A: 1\r\n"u8.ToArray()), persistent: false);
        var second = ThreadParser.Take(ParserOptions.Default, new MemoryStream("B: 2\r\n"u8.ToArray()), persistent: false);
        try
        {
            Assert.NotSame(first, second);
            Assert.Equal("2", second.ParseHeaders()["B"]);
            Assert.Equal("1", first.ParseHeaders()["A"]);
        }
        finally
        {
            ThreadParser.Give(second);
            ThreadParser.Give(first);
        }
        // Given back, the thread's parser serves the next read.
        var again = ThreadParser.Take(ParserOptions.Default, new MemoryStream("C: 3\r\n"u8.ToArray()), persistent: false);
        Assert.Same(first, again);
        ThreadParser.Give(again);
    }
}

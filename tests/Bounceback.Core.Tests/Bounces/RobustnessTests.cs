using System.Text;
using Bounceback.Core.Bounces;
using FsCheck;
using FsCheck.Xunit;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Any input gives results or a clean "not a bounce": never an exception, a hang or unbounded memory.</summary>
public class RobustnessTests
{
    private static readonly byte[][] Samples = BounceFixtures.Messages().Select(File.ReadAllBytes).ToArray();

    private static void ParsesCleanly(byte[] bytes)
    {
        var outcome = BounceFixtures.Parse(bytes);
        Assert.NotNull(outcome.Results);
        Assert.All(outcome.Results, r => Assert.False(string.IsNullOrEmpty(r.Decoder)));
    }

    [Property(MaxTest = 200)]
    public void Messages_truncated_anywhere_parse_cleanly(NonNegativeInt which, NonNegativeInt cut)
    {
        var sample = Samples[which.Get % Samples.Length];
        ParsesCleanly(sample[..(cut.Get % (sample.Length + 1))]);
    }

    [Property(MaxTest = 200)]
    public void Messages_with_flipped_bytes_parse_cleanly(NonNegativeInt which, int seed, PositiveInt flips)
    {
        var sample = (byte[])Samples[which.Get % Samples.Length].Clone();
        var random = new Random(seed);
        for (var i = 0; i < flips.Get % 64 + 1; i++) sample[random.Next(sample.Length)] = (byte)random.Next(256);
        ParsesCleanly(sample);
    }

    [Property(MaxTest = 100)]
    public void Bare_cr_and_crlf_line_endings_parse_cleanly(NonNegativeInt which, bool bareCr)
    {
        var sample = Samples[which.Get % Samples.Length];
        ParsesCleanly(BounceFixtures.WithLineEndings(sample, bareCr ? "\r" : "\r\n"));
    }

    [Property(MaxTest = 100)]
    public void Random_text_parses_cleanly(string? text) => ParsesCleanly(Encoding.UTF8.GetBytes(text ?? ""));

    [Fact]
    public void A_five_megabyte_header_parses_cleanly()
    {
        var sb = new StringBuilder("From: MAILER-DAEMON@mx.test\nSubject: Undelivered Mail Returned to Sender\nX-Huge: ");
        sb.Append('a', 5 * 1024 * 1024).Append("\n\n<someone@receiver.test>: host mx said: 550 5.1.1 User unknown\n");
        ParsesCleanly(Encoding.ASCII.GetBytes(sb.ToString()));
    }

    [Fact]
    public void A_fifty_megabyte_body_parses_cleanly()
    {
        var head = "From: MAILER-DAEMON@mx.test\nSubject: failure notice\n\nHi. This is the qmail-send program at mx.test.\n\n<someone@receiver.test>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n";
        var bytes = new byte[head.Length + 50 * 1024 * 1024];
        Encoding.ASCII.GetBytes(head, bytes);
        for (var i = head.Length; i < bytes.Length; i++) bytes[i] = (i % 77 == 0) ? (byte)'\n' : (byte)'x';
        var outcome = BounceFixtures.Parse(bytes);
        Assert.Equal(ParseOutcomeKind.Bounce, outcome.Kind);
        Assert.Equal("someone@receiver.test", Assert.Single(outcome.Results).Recipient);
    }
}

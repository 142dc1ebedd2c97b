using System.Text;
using System.Text.RegularExpressions;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using FsCheck;
using FsCheck.Xunit;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// The classifier's text helpers, which work in pooled buffers and on match positions, give what the plain string
/// operations they stand for give.
/// </summary>
public class ReasonClassifierTextTests
{
    private static readonly string[] Fragments =
    [
        "550-5.7.1 ", "550 5.7.1 ", "550-'5.7.1 ", "421-4.2.1 ", "421 4.2.1 ", "5.7.1", "4.2.1", "550", " ", "  ", "\n", "\r\n",
        "\t", "\u00a0", "\u2003", "\0", "Messages", "with", "multiple", "addresses", "é", ".", "-", "'", "x",
    ];

    private static string TextOf(NonNegativeInt[]? picks) =>
        string.Concat((picks ?? []).Select(p => Fragments[p.Get % Fragments.Length]));

    [Property(MaxTest = 2000)]
    public bool Squeezing_gives_what_collapsing_white_space_and_replacing_the_repeats_gives(NonNegativeInt[] picks)
    {
        var text = TextOf(picks);
        return ReasonClassifier.Squeeze(text) == PlainSqueeze(text);
    }

    [Fact]
    public void A_multi_line_reply_reads_as_one_sentence()
    {
        const string reply = "550-5.7.1 Messages with multiple\r\n550-5.7.1   addresses\r\n550 5.7.1 are rejected";
        Assert.Equal("550-5.7.1 Messages with multiple addresses are rejected", ReasonClassifier.Squeeze(reply));
    }

    [Fact]
    public void A_text_already_squeezed_is_given_back_as_it_is()
    {
        const string text = "550 5.1.1 <ann@example.org>: Recipient address rejected";
        Assert.Same(text, ReasonClassifier.Squeeze(text));
    }

    [Fact]
    public void Only_the_first_16K_characters_are_squeezed()
    {
        var text = new string('a', 20_000);
        Assert.Equal(16_384, ReasonClassifier.Squeeze(text).Length);
    }

    [Property(MaxTest = 2000)]
    public bool Replacing_in_place_gives_what_string_replace_gives(NonNegativeInt[] picks, PositiveInt phrasePick)
    {
        var text = TextOf(picks);
        var phrase = " " + Fragments[phrasePick.Get % 5];
        var buffer = text.ToCharArray();
        var length = ReasonClassifier.ReplaceWithSpace(buffer, phrase);
        return new string(buffer, 0, length) == text.Replace(phrase, " ", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("550 5.1.1 user unknown", "5.1.1")]
    [InlineData("5.1.0 - Unknown address error 550-'5.7.1 Access denied'", "5.7.1")]
    [InlineData("4.4.7 gave up; last reply 421 4.2.1 try later", "4.2.1")]
    [InlineData("4.4.7 gave up after 4.2.1", "4.4.7")]
    [InlineData("version 1.2.3.4 and 5.1.1", "5.1.1")]
    [InlineData("no status here", null)]
    // A subject of 8 or 9 counts only right after a reply code of the same class (ImprovMX's own statuses), never a tag.
    [InlineData("said: 550 5.9.4 Message rejected: it failed our anti-spam check", "5.9.4")]
    [InlineData("temporarily deferred - 4.16.50 then 5.9.4", null)]
    [InlineData("said: 450 5.9.4 Message rejected", null)]
    [InlineData("neko (version 4.8.3.54)", null)]
    public void The_first_status_is_found(string text, string? want) =>
        Assert.Equal(want, ReasonClassifier.FindStatus(text)?.ToString());

    [Theory]
    [InlineData("said: 550 5.1.1 user unknown", 550)]
    [InlineData("550: mailbox unavailable", 550)]
    [InlineData("ERROR_CODE :552, mailbox full", 552)]
    [InlineData("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", 550)]
    [InlineData("220-mx.example.net ESMTP 421 4.2.1 try again later", 421)]
    [InlineData("220 mx.example.net ready", 220)]
    [InlineData("no code here", null)]
    // A 2yz that RFC 5321 does not define is a number in a program's output, not a reply; a later reply still counts.
    [InlineData("PHP Fatal error: Allowed memory size exhausted in Parser.php on line 212", null)]
    [InlineData("in Parser.php on line 212 then said: 451 try again", 451)]
    [InlineData("said: 250 2.0.0 Ok: queued", 250)]
    public void The_reply_code_is_found(string text, int? want) => Assert.Equal(want, ReasonClassifier.FindReply(text));

    [Theory]
    [InlineData("host said: 550 user unknown (in reply to RCPT TO command)", "RCPT")]
    [InlineData("host said: 554 rejected (in reply to end of DATA command)", "DATA")]
    [InlineData("conversation failed: error on initial connection", "CONNECT")]
    [InlineData("421 busy (in reply to greeting)", "CONNECT")]
    [InlineData("while sending pipelined MAIL FROM: 553 no", "MAIL")]
    [InlineData("Yahoo: 554 delivery error [RCPT_TO]", "RCPT")]
    [InlineData("SMTP error from remote server for HELO command, host: mx", "EHLO")]
    [InlineData("550 5.7.1 but my name was rejected", "EHLO")]
    [InlineData("550 but sender was rejected", "MAIL")]
    [InlineData("nothing about a command", null)]
    public void The_failed_command_is_read_from_each_way_of_naming_it(string text, string? want) =>
        Assert.Equal(want, SmtpCommand.Find(text));

    [Theory]
    [InlineData("5.7.1", "x.7.1")]
    [InlineData("4.4.7", "x.4.7")]
    [InlineData("5.7.606", "x.7.606")]
    [InlineData("2.0.0", "x.0.0")]
    public void A_status_is_written_and_compared_without_interpolation(string text, string classIndependent)
    {
        var status = EnhancedStatus.Parse(text);
        Assert.Equal(text, status.ToString());
        Assert.Equal(classIndependent, status.ClassIndependent);
        Assert.True(status.IsClassIndependent(classIndependent));
        Assert.False(status.IsClassIndependent(classIndependent + "0"));
        Assert.True(status.IsWrittenAs(text));
    }

    [Fact]
    public void A_status_written_with_leading_zeros_is_not_written_as_its_own_string()
    {
        var status = EnhancedStatus.Parse("5.07.01");
        Assert.False(status.IsWrittenAs("5.07.01"));
        Assert.Equal("5.7.1", status.ToString());
    }

    /// <summary>The squeeze as plain string operations: white space collapsed, then each repeat replaced in the rest.</summary>
    private static string PlainSqueeze(string text)
    {
        var squeezed = new StringBuilder();
        var space = false;
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 16_384)))
        {
            if (char.IsWhiteSpace(c))
            {
                space = squeezed.Length > 0;
                continue;
            }
            if (space) squeezed.Append(' ');
            space = false;
            squeezed.Append(c);
        }
        var result = squeezed.ToString();
        var m = Regex.Match(result[..Math.Min(result.Length, 8192)], @"[245][0-5]\d[ -]'?(?<s>[245]\.\d{1,3}\.\d{1,3})");
        if (!m.Success) return result;
        var after = m.Index + m.Length;
        foreach (var separator in new[] { "-", " " })
        {
            var repeat = " " + result.Substring(m.Index, 3) + separator + m.Groups["s"].Value + " ";
            result = result[..after] + result[after..].Replace(repeat, " ", StringComparison.Ordinal);
        }
        return result;
    }
}

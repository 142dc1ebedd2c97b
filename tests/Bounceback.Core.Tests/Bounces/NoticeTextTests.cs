using System.Text;
using Bounceback.Core.Bounces.Decoders;
using MimeKit;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The notice text is read as before its reading was made cheaper: the same encodings, the same HTML view.</summary>
public class NoticeTextTests
{
    private static MimeMessage Alternative(string plain, string html)
    {
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = plain },
            new TextPart("html") { Text = html },
        };
        return new MimeMessage { Body = alternative };
    }

    [Fact]
    public void Of_two_alternatives_the_plain_text_one_is_read()
    {
        using var message = Alternative("Address not found: ann@example.org", "<style>* { font-family: Roboto }</style><p>Address not found: ann@example.org</p>");
        var text = MessageParts.AllNoticeText(message);
        Assert.Contains("Address not found: ann@example.org", text, StringComparison.Ordinal);
        Assert.DoesNotContain("font-family", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_html_alternative_beside_an_empty_plain_one_is_read()
    {
        using var message = Alternative(" \r\n", "<p>Address not found: ann@example.org</p>");
        Assert.Contains("Address not found: ann@example.org", MessageParts.AllNoticeText(message), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("UTF-8")]
    [InlineData("us-ascii")]
    [InlineData("US-ASCII")]
    [InlineData("iso-8859-1")]
    [InlineData("ISO-8859-15")]
    [InlineData("ISO-2022-JP")]
    [InlineData("iso-2022-jp")]
    [InlineData("Shift_JIS")]
    [InlineData("Windows-1252")]
    [InlineData("windows-1251")]
    [InlineData("unicode-1-1-utf-7")]
    [InlineData("UTF-7")]
    [InlineData("koi8-r")]
    [InlineData("uft-8")]
    [InlineData("3Dutf-8")]
    [InlineData("")]
    public void A_common_charset_gives_the_encoding_its_full_lookup_gives(string charset)
    {
        var type = new ContentType("text", "plain") { Charset = charset };
        var looked = MessageParts.EncodingOf(type);
        var resolved = MessageParts.ResolveCharset(type);
        Assert.Equal(resolved, looked);
        byte[] bytes = [0x41, 0x1b, 0x24, 0x42, 0x30, 0x38, 0x1b, 0x28, 0x42, 0xe9, 0xc3, 0xa9, 0x2b, 0x41, 0x47, 0x45, 0x2d, 0x0a];
        Assert.Equal(resolved.GetString(bytes), looked.GetString(bytes));
    }

    /// <summary>
    /// The HTML view read a character at a time, the reference for the faster one: tags out, a line break for a block, a
    /// space between table cells, and outside &lt;pre&gt; each run of source white space one space (none at a line's
    /// start or end), then the entities decoded.
    /// </summary>
    private static string ToPlainCharByChar(string html)
    {
        var sb = new StringBuilder();
        var inTag = false;
        var pre = false;
        var tag = new StringBuilder();
        bool AfterSpaceOrLineStart() => sb.Length == 0 || sb[^1] is ' ' or '\n';
        foreach (var c in html)
        {
            if (sb.Length >= MessageParts.MaxNoticeChars) break;
            if (inTag)
            {
                if (c == '>')
                {
                    inTag = false;
                    var raw = tag.ToString();
                    var t = raw.TrimStart('/').ToLowerInvariant();
                    if (t.StartsWith("pre", StringComparison.Ordinal) && (t.Length == 3 || !char.IsAsciiLetterOrDigit(t[3]))) pre = !raw.StartsWith('/');
                    if (t.StartsWith("br", StringComparison.Ordinal) || t.StartsWith('p') || t.StartsWith("div", StringComparison.Ordinal) ||
                        t.StartsWith("tr", StringComparison.Ordinal) || t.StartsWith("li", StringComparison.Ordinal) || t.StartsWith('h'))
                    {
                        if (!pre && sb.Length > 0 && sb[^1] == ' ') sb.Length--;
                        sb.Append('\n');
                    }
                    else if (t.StartsWith("td", StringComparison.Ordinal) && !AfterSpaceOrLineStart())
                    {
                        sb.Append(' ');
                    }
                    tag.Clear();
                }
                else if (tag.Length < 16)
                {
                    tag.Append(c);
                }
                continue;
            }
            if (c == '<') { inTag = true; continue; }
            if (!pre && c is ' ' or '\t' or '\r' or '\n' or '\f')
            {
                if (!AfterSpaceOrLineStart()) sb.Append(' ');
                continue;
            }
            sb.Append(c);
        }
        return System.Net.WebUtility.HtmlDecode(sb.ToString());
    }

    [Theory]
    [InlineData("<p>line one<br>\r\nline two<br>\r\n</p>", "\nline one\nline two\n\n")]
    [InlineData("<div>\n    indented   words\n</div>", "\nindented words\n")]
    [InlineData("<pre>  kept\n    as is</pre>", "\n  kept\n    as is\n")]
    [InlineData("<td>a</td>\n<td>b</td>", "a b ")]
    public void Source_white_space_is_one_space_outside_pre_as_a_browser_shows_it(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlain(html));

    private static string RandomHtml(Random random, int pieces, int longest)
    {
        string[] bits =
        [
            "<br>", "<BR/>", "<p class=\"x\">", "</p>", "<div>", "</DIV>", "<td>", "<tr>", "<li>", "<h1>", "<a href=\"x\">", "</a>", "<!-- c -->",
            "<td very long attribute list that runs on>", "<LI>", "<D\u0130V>", "<\u212Ad>", "</TD >", "<", ">", "&amp;", "&lt;", "&#233;", "&nbsp;", "\n", "550 5.1.1 user unknown", "caf\u00e9", "\u5b9b\u5148",
        ];
        var html = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            html.Append(random.Next(4) == 0 ? new string('x', random.Next(1, longest)) : bits[random.Next(bits.Length)]);
        }
        return html.ToString();
    }

    [Theory]
    [InlineData(61209, 3000, 0, 40, 30)]
    // Long notices: the cut at the most characters read falls in text, in a tag and right after one.
    [InlineData(61210, 40, 2_000, 4_500, 120)]
    public void The_html_view_is_the_one_read_a_character_at_a_time(int seed, int count, int fewestPieces, int mostPieces, int longestRun)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var html = RandomHtml(random, random.Next(fewestPieces, mostPieces), longestRun);
            Assert.Equal(ToPlainCharByChar(html), HtmlText.ToPlain(html));
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    public void A_tag_right_at_the_most_characters_read_is_handled_as_the_character_reading_did(int offset)
    {
        var html = new string('y', MessageParts.MaxNoticeChars + offset) + "<br>tail";
        Assert.Equal(ToPlainCharByChar(html), HtmlText.ToPlain(html));
    }

    [Fact]
    public void Entities_are_decoded_one_at_a_time_as_webutility_decodes_the_whole_text()
    {
        string[] bits = ["&", ";", "&amp;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#160;", "&copy;", "&eacute;", "&bogus;", "&;", "&#;", "&#x;",
            "&#233;", "&#xE9;", "&#X1F600;", "&#128512;", "&#99999999;", "&#xD800;", "&&amp;", "&amp", "#", "x", "caf\u00e9", "\ud83d\ude00", " "];
        var random = new Random(61213);
        for (var i = 0; i < 5_000; i++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(0, 12); k > 0; k--) text.Append(bits[random.Next(bits.Length)]);
            Assert.Equal(ToPlainCharByChar(text.ToString()), HtmlText.ToPlain(text.ToString()));
        }
    }

    [Theory]
    [InlineData(ContentEncoding.Base64, 100)]
    [InlineData(ContentEncoding.Base64, 300_000)]
    [InlineData(ContentEncoding.QuotedPrintable, 100)]
    [InlineData(ContentEncoding.QuotedPrintable, 300_000)]
    [InlineData(ContentEncoding.UUEncode, 40_000)]
    public void An_encoded_part_reads_as_mimekits_decoding_stream_gives_it(ContentEncoding encoding, int length)
    {
        var random = new Random(61214 + length);
        var text = new StringBuilder();
        string[] bits = ["550 5.1.1 user unknown", "caf\u00e9 ", "=", "\r\n", "\t", " ", "\u5b9b\u5148", "x"];
        while (text.Length < length) text.Append(bits[random.Next(bits.Length)]);
        var part = new TextPart("plain") { Text = text.ToString(), ContentTransferEncoding = encoding };
        using var message = new MimeMessage { Body = part };
        using var written = new MemoryStream();
        message.WriteTo(written);
        written.Position = 0;
        using var parsed = MimeMessage.Load(written);
        var read = Assert.IsType<TextPart>(parsed.Body);

        // What the part's decoding stream gives, read to the most bytes a part is read for.
        var expected = new byte[256 * 1024];
        var total = 0;
        using (var stream = read.Content!.Open())
        {
            int n;
            while (total < expected.Length && (n = stream.Read(expected, total, expected.Length - total)) > 0) total += n;
        }
        Assert.Equal(Encoding.UTF8.GetString(expected, 0, total), MessageParts.SafeText(read));
    }
}

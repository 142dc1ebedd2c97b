using System.Text;
using Bounceback.Core.Bounces.Decoders;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>A notice's lines, read as spans of it, are the lines the notice split into strings gave.</summary>
public class NoticeLinesTests
{
    private static string RandomText(Random random, int pieces)
    {
        string[] bits = ["\n", "\r\n", "\r", "\n\n", "> ", ">", " ", "550 5.1.1 <bob@example.org>", "x", "----", "Received: ", "é"];
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++) text.Append(bits[random.Next(bits.Length)]);
        return text.ToString();
    }

    private static void AssertSameLines(string text)
    {
        var expected = MessageParts.Lines(text);
        var notice = new PlainTextReader.NoticeLines(text);
        Assert.Equal(expected.Length, notice.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], notice.Span(i).ToString());
            Assert.Equal(expected[i], notice[i]);
        }
        for (var end = 0; end <= expected.Length; end++)
        {
            Assert.Equal(string.Join('\n', expected, 0, end), notice.Before(end));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("one line")]
    [InlineData("\n")]
    [InlineData("a\r\nb\rc\n")]
    public void Lines_are_those_of_the_split_text(string text) => AssertSameLines(text);

    [Fact]
    public void Random_texts_give_the_lines_of_the_split_text()
    {
        var random = new Random(61211);
        for (var i = 0; i < 300; i++) AssertSameLines(RandomText(random, random.Next(0, 60)));
    }

    [Fact]
    public void Past_the_most_lines_the_rest_is_the_last_line()
    {
        var text = string.Concat(Enumerable.Repeat("line\n", 4100)) + "end";
        var notice = new PlainTextReader.NoticeLines(text);
        Assert.Equal(4001, notice.Count);
        Assert.Equal(MessageParts.Lines(text)[^1], notice[4000]);
        Assert.Equal(text, notice.Before(notice.Count));
    }
}

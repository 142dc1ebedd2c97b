using System.Text;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>A rough text view of an HTML notice: tags dropped, block ends as new lines, common entities decoded.</summary>
internal static class HtmlText
{
    /// <summary>Most characters of a tag's name and attributes kept to tell which tag it is.</summary>
    private const int MaxTagChars = 16;

    public static string ToPlain(string html)
    {
        var sb = new StringBuilder(Math.Min(html.Length, MessageParts.MaxNoticeChars));
        // The text between tags is copied a run at a time and each tag skipped to its '>' with one search, rather than
        // character by character: the same output for about a third of the cost.
        var rest = html.AsSpan();
        while (rest.Length > 0 && sb.Length < MessageParts.MaxNoticeChars)
        {
            var open = rest.IndexOf('<');
            var run = open < 0 ? rest : rest[..open];
            var room = MessageParts.MaxNoticeChars - sb.Length;
            sb.Append(run.Length > room ? run[..room] : run);
            if (open < 0 || run.Length >= room) break;
            rest = rest[(open + 1)..];
            var close = rest.IndexOf('>');
            // A tag that is never closed swallows the rest of the text.
            if (close < 0) break;
            AppendTagEnd(sb, rest[..close]);
            rest = rest[(close + 1)..];
        }
        return System.Net.WebUtility.HtmlDecode(sb.ToString());
    }

    /// <summary>What a tag leaves in the text: a line break after a block, a space between table cells, else nothing.</summary>
    private static void AppendTagEnd(StringBuilder sb, ReadOnlySpan<char> tag)
    {
        var name = (tag.Length > MaxTagChars ? tag[..MaxTagChars] : tag).TrimStart('/');
        // Lower-cased the invariant way, as the name's string once was, into a buffer rather than a new string per tag.
        Span<char> buffer = stackalloc char[MaxTagChars];
        var t = buffer[..name.ToLowerInvariant(buffer)];
        if (t.StartsWith("br", StringComparison.Ordinal) || t.StartsWith('p') || t.StartsWith("div", StringComparison.Ordinal) ||
            t.StartsWith("tr", StringComparison.Ordinal) || t.StartsWith("li", StringComparison.Ordinal) || t.StartsWith('h'))
        {
            sb.Append('\n');
        }
        else if (t.StartsWith("td", StringComparison.Ordinal))
        {
            sb.Append(' ');
        }
    }
}

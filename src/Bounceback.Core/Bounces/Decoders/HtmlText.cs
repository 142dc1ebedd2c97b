using System.Text;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>A rough text view of an HTML notice: tags dropped, block ends as new lines, common entities decoded.</summary>
internal static class HtmlText
{
    public static string ToPlain(string html)
    {
        var sb = new StringBuilder(Math.Min(html.Length, MessageParts.MaxNoticeChars));
        var inTag = false;
        var tag = new StringBuilder();
        foreach (var c in html)
        {
            if (sb.Length >= MessageParts.MaxNoticeChars) break;
            if (inTag)
            {
                if (c == '>')
                {
                    inTag = false;
                    var t = tag.ToString().TrimStart('/').ToLowerInvariant();
                    if (t.StartsWith("br", StringComparison.Ordinal) || t.StartsWith('p') || t.StartsWith("div", StringComparison.Ordinal) ||
                        t.StartsWith("tr", StringComparison.Ordinal) || t.StartsWith("li", StringComparison.Ordinal) || t.StartsWith('h'))
                    {
                        sb.Append('\n');
                    }
                    else if (t.StartsWith("td", StringComparison.Ordinal))
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
            sb.Append(c);
        }
        return System.Net.WebUtility.HtmlDecode(sb.ToString());
    }
}

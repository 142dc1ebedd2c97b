using System.Buffers;
using System.Net;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>A rough text view of an HTML notice: tags dropped, block ends as new lines, common entities decoded.</summary>
internal static class HtmlText
{
    /// <summary>Most characters of a tag's name and attributes kept to tell which tag it is.</summary>
    private const int MaxTagChars = 16;

    public static string ToPlain(string html)
    {
        // Decoding entities never lengthens the text, so the writer's limit cuts nothing here.
        var plain = new NoticeWriter();
        try
        {
            AppendPlain(html, ref plain);
            return plain.ToString();
        }
        finally
        {
            plain.Dispose();
        }
    }

    /// <summary>
    /// Writes the view of <paramref name="html"/> to <paramref name="into"/>: the text between the tags with its entities
    /// decoded, without a string of its own in between.
    /// </summary>
    public static void AppendPlain(ReadOnlySpan<char> html, ref NoticeWriter into)
    {
        var buffer = ArrayPool<char>.Shared.Rent(MessageParts.MaxNoticeChars);
        try
        {
            AppendDecoded(buffer.AsSpan(0, TagsOut(html, buffer)), ref into);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Appends <paramref name="text"/> with its entities decoded as <see cref="WebUtility.HtmlDecode(string)"/> decodes
    /// the whole text, one entity at a time: WebUtility reads an entity from a '&amp;' to the next ';' (a '&amp;' before
    /// it leaves the first one as text) and decodes each on its own, so the text between needs no string.
    /// </summary>
    private static void AppendDecoded(ReadOnlySpan<char> text, ref NoticeWriter into)
    {
        while (!into.Full)
        {
            var amp = text.IndexOf('&');
            if (amp < 0)
            {
                into.Append(text);
                return;
            }
            into.Append(text[..amp]);
            text = text[amp..];
            var end = text[1..].IndexOfAny(';', '&');
            if (end < 0 || text[1 + end] == '&')
            {
                into.Append('&');
                text = text[1..];
                continue;
            }
            into.Append(DecodedEntity(text[..(end + 2)]));
            text = text[(end + 2)..];
        }
    }

    /// <summary>The common entities of notices, each decoded once by WebUtility.</summary>
    private static readonly (string Entity, string Text)[] CommonEntities =
        [.. new[] { "&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#160;", "&copy;" }.Select(e => (e, WebUtility.HtmlDecode(e)))];

    /// <summary>One entity, from its '&amp;' to its ';', as WebUtility decodes it.</summary>
    private static string DecodedEntity(ReadOnlySpan<char> entity)
    {
        foreach (var (common, text) in CommonEntities)
        {
            if (entity.SequenceEqual(common)) return text;
        }
        return WebUtility.HtmlDecode(new string(entity));
    }

    /// <summary>
    /// The text between the tags, with what each tag leaves in it, up to <see cref="MessageParts.MaxNoticeChars"/>
    /// characters, written to <paramref name="output"/> (at least that long); gives the number written.
    /// </summary>
    private static int TagsOut(ReadOnlySpan<char> html, Span<char> output)
    {
        var length = 0;
        // The text between tags is copied a run at a time and each tag skipped to its '>' with one search, rather than
        // character by character: the same output for about a third of the cost.
        var rest = html;
        while (rest.Length > 0 && length < MessageParts.MaxNoticeChars)
        {
            var open = rest.IndexOf('<');
            var run = open < 0 ? rest : rest[..open];
            var room = MessageParts.MaxNoticeChars - length;
            var copied = run.Length > room ? run[..room] : run;
            copied.CopyTo(output[length..]);
            length += copied.Length;
            if (open < 0 || run.Length >= room) break;
            rest = rest[(open + 1)..];
            var close = rest.IndexOf('>');
            // A tag that is never closed swallows the rest of the text.
            if (close < 0) break;
            if (TagEnd(rest[..close]) is { } end) output[length++] = end;
            rest = rest[(close + 1)..];
        }
        return length;
    }

    /// <summary>What a tag leaves in the text: a line break after a block, a space between table cells, else nothing.</summary>
    private static char? TagEnd(ReadOnlySpan<char> tag)
    {
        var name = (tag.Length > MaxTagChars ? tag[..MaxTagChars] : tag).TrimStart('/');
        // Lower-cased the invariant way, as the name's string once was, into a buffer rather than a new string per tag.
        Span<char> buffer = stackalloc char[MaxTagChars];
        var t = buffer[..name.ToLowerInvariant(buffer)];
        if (t.StartsWith("br", StringComparison.Ordinal) || t.StartsWith('p') || t.StartsWith("div", StringComparison.Ordinal) ||
            t.StartsWith("tr", StringComparison.Ordinal) || t.StartsWith("li", StringComparison.Ordinal) || t.StartsWith('h'))
        {
            return '\n';
        }
        return t.StartsWith("td", StringComparison.Ordinal) ? ' ' : null;
    }
}

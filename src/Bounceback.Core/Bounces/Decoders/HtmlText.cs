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
    /// characters, written to <paramref name="output"/> (at least that long); gives the number written. As a browser
    /// shows it, outside &lt;pre&gt; the line breaks and indentation of the source are white space like any other (a
    /// run of it one space, none at a line's start or end): only the tags break lines. A "&lt;br&gt;" at the end of a
    /// source line therefore gives one line break, not a blank line that would end the paragraph.
    /// </summary>
    private static int TagsOut(ReadOnlySpan<char> html, Span<char> output)
    {
        var length = 0;
        var pre = false;
        var rest = html;
        while (rest.Length > 0 && length < MessageParts.MaxNoticeChars)
        {
            var open = rest.IndexOf('<');
            var run = open < 0 ? rest : rest[..open];
            var room = MessageParts.MaxNoticeChars - length;
            if (pre)
            {
                // The text of a <pre> block is copied a run at a time, as it is.
                var copied = run.Length > room ? run[..room] : run;
                copied.CopyTo(output[length..]);
                length += copied.Length;
            }
            else
            {
                length = AppendCollapsed(run, output, length);
            }
            if (open < 0 || length >= MessageParts.MaxNoticeChars) break;
            rest = rest[(open + 1)..];
            var close = rest.IndexOf('>');
            // A tag that is never closed swallows the rest of the text.
            if (close < 0) break;
            var tag = rest[..close];
            if (IsPre(tag)) pre = tag[0] != '/';
            if (TagEnd(tag) is { } end)
            {
                if (end == '\n' && !pre && length > 0 && output[length - 1] == ' ') length--;
                if (end == '\n' || (length > 0 && output[length - 1] is not (' ' or '\n'))) output[length++] = end;
            }
            rest = rest[(close + 1)..];
            // A style sheet or a script is no text a browser shows: skipped up to its end tag (all of it when unclosed).
            if (HiddenContent(tag) is { } hidden)
            {
                var stop = rest.IndexOf(hidden, StringComparison.OrdinalIgnoreCase);
                rest = stop < 0 ? [] : rest[stop..];
            }
        }
        return length;
    }

    /// <summary>The end tag that closes a tag whose content is not shown ("&lt;style&gt;", "&lt;script&gt;"); null for others.</summary>
    private static string? HiddenContent(ReadOnlySpan<char> tag)
    {
        if (tag.EndsWith("/")) return null;
        if (IsTagNamed(tag, "style")) return "</style";
        if (IsTagNamed(tag, "script")) return "</script";
        return null;
    }

    private static bool IsTagNamed(ReadOnlySpan<char> tag, string name) =>
        tag.StartsWith(name, StringComparison.OrdinalIgnoreCase) && (tag.Length == name.Length || char.IsWhiteSpace(tag[name.Length]));

    /// <summary>
    /// Appends text from outside a &lt;pre&gt; block with each run of white space as one space, none at the start of a
    /// line; copies the runs between by block. Gives the new length.
    /// </summary>
    private static int AppendCollapsed(ReadOnlySpan<char> run, Span<char> output, int length)
    {
        while (!run.IsEmpty && length < MessageParts.MaxNoticeChars)
        {
            var space = run.IndexOfAny(WhiteSpace);
            var word = space < 0 ? run : run[..space];
            var room = MessageParts.MaxNoticeChars - length;
            if (word.Length > room) word = word[..room];
            word.CopyTo(output[length..]);
            length += word.Length;
            if (space < 0 || length >= MessageParts.MaxNoticeChars) break;
            run = run[space..];
            var next = run.IndexOfAnyExcept(WhiteSpace);
            run = next < 0 ? [] : run[next..];
            if (length > 0 && output[length - 1] is not (' ' or '\n')) output[length++] = ' ';
        }
        return length;
    }

    /// <summary>The white space of HTML source that a browser collapses.</summary>
    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(" \t\r\n\f");

    /// <summary>Whether a tag opens or closes a &lt;pre&gt; block.</summary>
    private static bool IsPre(ReadOnlySpan<char> tag)
    {
        var name = tag.TrimStart('/');
        return name.Length >= 3 && name[..3].Equals("pre", StringComparison.OrdinalIgnoreCase) && (name.Length == 3 || !char.IsAsciiLetterOrDigit(name[3]));
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

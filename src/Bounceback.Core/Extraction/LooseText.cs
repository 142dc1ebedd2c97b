namespace Bounceback.Core.Extraction;

/// <summary>
/// Phrases found in text whose white space is not the phrase's: a reply folded over lines ("rejected due to security\r\n
/// policies"), padded by its relay, or a report field continued on the next line. Each space of the phrase may be any
/// run of white space; letters compare ignoring case.
/// </summary>
internal static class LooseText
{
    /// <summary>Whether the phrase occurs in the text, a space of the phrase matching any run of white space.</summary>
    public static bool Contains(ReadOnlySpan<char> text, ReadOnlySpan<char> phrase) => IndexOf(text, phrase) >= 0;

    /// <summary>Where the phrase first occurs in the text, a space of the phrase matching any run of white space; -1 if nowhere.</summary>
    public static int IndexOf(ReadOnlySpan<char> text, ReadOnlySpan<char> phrase)
    {
        var exact = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
        var firstSpace = phrase.IndexOf(' ');
        if (firstSpace <= 0) return exact;
        // Each place where the phrase's first word starts is tried, up to an exact occurrence; the phrase is short and
        // the text bounded.
        var head = phrase[..firstSpace];
        var limit = exact < 0 ? text.Length : exact;
        for (var from = 0; from < limit;)
        {
            var at = text[from..limit].IndexOf(head, StringComparison.OrdinalIgnoreCase);
            if (at < 0) break;
            if (StartsWithLoosely(text[(from + at)..], phrase)) return from + at;
            from += at + 1;
        }
        return exact;
    }

    /// <summary>Whether the text holds white space other than single spaces: a tab, a line break, two spaces in a row,
    /// or any character outside ASCII (which may be another kind of space). Only such a text can hold a phrase that it
    /// does not hold as written.</summary>
    public static bool HasIrregularSpace(ReadOnlySpan<char> text) =>
        text.IndexOfAny('\t', '\r', '\n') >= 0 || text.Contains("  ", StringComparison.Ordinal) || text.ContainsAnyExceptInRange('\0', '\u007F');

    // Whether the text starts with the phrase, a space of the phrase matching one or more white-space characters.
    private static bool StartsWithLoosely(ReadOnlySpan<char> text, ReadOnlySpan<char> phrase)
    {
        var i = 0;
        for (var j = 0; j < phrase.Length; j++)
        {
            if (phrase[j] == ' ')
            {
                if (i >= text.Length || !char.IsWhiteSpace(text[i])) return false;
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                while (j + 1 < phrase.Length && phrase[j + 1] == ' ') j++;
                continue;
            }
            if (i >= text.Length || char.ToUpperInvariant(text[i]) != char.ToUpperInvariant(phrase[j])) return false;
            i++;
        }
        return true;
    }
}

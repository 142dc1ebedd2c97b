namespace Bounceback.Core.Extraction;

/// <summary>
/// Phrases found in text whose white space is not the phrase's: a reply folded over lines ("rejected due to security\r\n
/// policies"), padded by its relay, or a report field continued on the next line. Each space of the phrase may be any
/// run of white space, also one that holds the code a multi-line reply repeats on each line ("not authorized to
/// 550-5.7.1 send email directly", a reply's lines joined); letters compare ignoring case.
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
        text.IndexOfAny('\t', '\r', '\n') >= 0 || text.Contains("  ", StringComparison.Ordinal) || text.ContainsAnyExceptInRange('\0', '\u007F')
        || HasContinuationCode(text);

    // Whether a reply's continuation code ("550-", "550-5.7.1") stands after a space somewhere in the text.
    private static bool HasContinuationCode(ReadOnlySpan<char> text)
    {
        var from = 0;
        while (text[from..].IndexOf('-') is var at and >= 0)
        {
            var dash = from + at;
            if (dash >= 4 && char.IsWhiteSpace(text[dash - 4]) && ContinuationCodeLength(text[(dash - 3)..]) > 0) return true;
            from = dash + 1;
        }
        return false;
    }

    // The length of a reply's continuation code at the start of the text ("550-" or "550-5.7.1"), when white space
    // follows it; 0 when there is none.
    private static int ContinuationCodeLength(ReadOnlySpan<char> text)
    {
        if (text.Length < 5 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]) || !char.IsAsciiDigit(text[2]) || text[3] != '-') return 0;
        var end = 4;
        // An enhanced status after it: a digit, a dot, one to three digits, a dot, one to three digits.
        if (text.Length > 6 && char.IsAsciiDigit(text[4]) && text[5] == '.')
        {
            var i = 6;
            var subject = Digits(text, ref i);
            if (subject > 0 && i < text.Length && text[i] == '.')
            {
                i++;
                if (Digits(text, ref i) > 0) end = i;
            }
        }
        return end < text.Length && char.IsWhiteSpace(text[end]) ? end : 0;
    }

    private static int Digits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && i - start < 3 && char.IsAsciiDigit(text[i])) i++;
        return i - start;
    }

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
                // The code a joined multi-line reply repeats is part of the white space between two words.
                if (ContinuationCodeLength(text[i..]) is var code and > 0)
                {
                    i += code;
                    while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                }
                while (j + 1 < phrase.Length && phrase[j + 1] == ' ') j++;
                continue;
            }
            if (i >= text.Length || char.ToUpperInvariant(text[i]) != char.ToUpperInvariant(phrase[j])) return false;
            i++;
        }
        return true;
    }
}

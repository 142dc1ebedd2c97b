using System.Buffers;
using System.Text;

namespace Bounceback.Core.Bounces;

/// <summary>
/// A case-insensitive (ordinal) search for many phrases at once that keeps .NET's vectorised path for the ASCII
/// phrases. <see cref="SearchValues{T}"/> of strings with <see cref="StringComparison.OrdinalIgnoreCase"/> falls back
/// to a much slower Aho-Corasick automaton as soon as one phrase has a non-ASCII character ("Empfänger", Japanese
/// wording), which then costs every text. Here the ASCII phrases get a search of their own; the others get a second
/// one, which is skipped for a text of ASCII characters only when none of those phrases could match such a text.
/// </summary>
/// <remarks>Matching is exactly that of <see cref="string.Contains(string, StringComparison)"/> with
/// <see cref="StringComparison.OrdinalIgnoreCase"/>, phrase by phrase: ordinal case-insensitive comparison upper-cases
/// each character the invariant way, so a phrase with a character whose upper case is not ASCII (é, ä, ア) only matches
/// a text that has a non-ASCII character; a phrase whose non-ASCII characters all upper-case to ASCII (the dotless ı,
/// the long ſ) keeps its second search for every text.</remarks>
internal sealed class PhraseSearch
{
    private readonly SearchValues<string>? _ascii;
    // The non-ASCII phrases: those with letters that have case (compared ignoring case, with .NET's slow Unicode
    // automaton), and those without any (Japanese, Chinese: compared as they are, which matches the same places).
    private readonly SearchValues<string>? _otherCased;
    private readonly SearchValues<string>? _otherCaseless;
    private readonly bool _hasOther;
    private readonly bool _otherNeedsNonAsciiText;
    // How far from a non-ASCII character of the text a match of the other phrases can reach (their longest length - 1).
    private readonly int _otherReach;

    /// <summary>Builds the searches; empty phrases are left out.</summary>
    public PhraseSearch(IEnumerable<string> phrases)
    {
        var all = phrases.Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var ascii = all.Where(p => Ascii.IsValid(p)).ToArray();
        var other = all.Where(p => !Ascii.IsValid(p)).ToArray();
        _ascii = ascii.Length > 0 ? SearchValues.Create(ascii, StringComparison.OrdinalIgnoreCase) : null;
        var caseless = other.Where(IsCaseless).ToArray();
        var cased = other.Where(p => !IsCaseless(p)).ToArray();
        _otherCased = cased.Length > 0 ? SearchValues.Create(cased, StringComparison.OrdinalIgnoreCase) : null;
        _otherCaseless = caseless.Length > 0 ? SearchValues.Create(caseless, StringComparison.Ordinal) : null;
        _hasOther = other.Length > 0;
        _otherNeedsNonAsciiText = other.All(p => p.Any(c => !char.IsAscii(char.ToUpperInvariant(c))));
        _otherReach = other.Length > 0 ? other.Max(p => p.Length) - 1 : 0;
    }

    /// <summary>Whether the text holds any of the phrases.</summary>
    public bool ContainsAny(ReadOnlySpan<char> text) =>
        (_ascii is not null && text.ContainsAny(_ascii)) || (SearchOther(text) && IndexOfOther(text, 0) >= 0);

    /// <summary>Every place where some phrase starts, in order: call <see cref="Scanner.Next"/> until it gives -1.</summary>
    public Scanner Scan(ReadOnlySpan<char> text) => new(text, _ascii is null ? null : this, SearchOther(text) ? this : null);

    private bool SearchOther(ReadOnlySpan<char> text) => _hasOther && (!_otherNeedsNonAsciiText || !Ascii.IsValid(text));

    private int IndexOfAscii(ReadOnlySpan<char> text, int from)
    {
        if (from >= text.Length) return -1;
        var at = text[from..].IndexOfAny(_ascii!);
        return at < 0 ? -1 : from + at;
    }

    /// <summary>Most places a match may start at that one search of the other phrases covers (see <see cref="IndexOfOther"/>).</summary>
    internal const int MaxStarts = 512;

    /// <summary>Where the first non-ASCII phrase starts in the text (the earlier of the two searches), or -1.</summary>
    private int IndexOfOtherIn(ReadOnlySpan<char> text)
    {
        var cased = _otherCased is null ? -1 : text.IndexOfAny(_otherCased);
        // Only the part before a cased phrase's start can hold an earlier caseless one.
        var caseless = _otherCaseless is null ? -1 : (cased < 0 ? text : text[..cased]).IndexOfAny(_otherCaseless);
        return caseless >= 0 ? caseless : cased;
    }

    /// <summary>
    /// Whether ignoring case cannot change where the phrase matches: no character of it has a case, nor is any the upper
    /// case of another (ordinal case-insensitive comparison upper-cases both sides; an upper-case result is always an
    /// upper-case or title-case letter).
    /// </summary>
    internal static bool IsCaseless(string phrase)
    {
        foreach (var rune in phrase.EnumerateRunes())
        {
            if (Rune.ToUpperInvariant(rune) != rune || Rune.ToLowerInvariant(rune) != rune) return false;
            if (Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.TitlecaseLetter) return false;
        }
        return true;
    }

    /// <summary>
    /// The first place at or after <paramref name="from"/> where one of the phrases with non-ASCII characters starts, or -1.
    /// When each of them needs a non-ASCII character of the text, a match starts within <see cref="_otherReach"/> before
    /// one, so only those stretches of the text are searched: the automaton .NET uses for such phrases is slow, and a
    /// notice with a few accented letters or a signature's "©" otherwise paid for all of its text.
    /// </summary>
    /// <remarks>Each search covers a run of possible starts (at most <see cref="MaxStarts"/>, so that a scan of a text
    /// full of non-ASCII characters does not go over the rest of it for every hit) and the reach after the run, and a hit
    /// counts only when it starts in the run: every match that starts there lies within what is searched, so the first
    /// hit is the first match that starts in the run.</remarks>
    private int IndexOfOther(ReadOnlySpan<char> text, int from)
    {
        if (from >= text.Length) return -1;
        if (!_otherNeedsNonAsciiText)
        {
            var hit = IndexOfOtherIn(text[from..]);
            return hit < 0 ? -1 : from + hit;
        }
        var at = from;
        while (at < text.Length)
        {
            var first = text[at..].IndexOfAnyExceptInRange('\0', '\u007f');
            if (first < 0) return -1;
            first += at;
            // The possible starts [runStart, runEnd): up to each non-ASCII character from its reach before it, taking in
            // the next non-ASCII character while its own starts join on.
            var runStart = Math.Max(at, first - _otherReach);
            var runEnd = first + 1;
            for (var i = first + 1; i < text.Length && i <= runEnd + _otherReach && runEnd - runStart < MaxStarts; i++)
            {
                if (!char.IsAscii(text[i])) runEnd = i + 1;
            }
            var searched = text[runStart..Math.Min(text.Length, runEnd + _otherReach)];
            var found = IndexOfOtherIn(searched);
            if (found >= 0 && runStart + found < runEnd) return runStart + found;
            at = runEnd;
        }
        return -1;
    }

    /// <summary>The places where phrases start, found by both searches in step.</summary>
    public ref struct Scanner
    {
        private const int Unknown = -2;
        private readonly ReadOnlySpan<char> _text;
        // The search whose ASCII phrases, and whose other phrases, are looked for; null when those are not.
        private readonly PhraseSearch? _ascii;
        private readonly PhraseSearch? _other;
        private int _from;
        private int _nextAscii;
        private int _nextOther;

        internal Scanner(ReadOnlySpan<char> text, PhraseSearch? ascii, PhraseSearch? other)
        {
            _text = text;
            _ascii = ascii;
            _other = other;
            _from = 0;
            _nextAscii = ascii is null ? -1 : Unknown;
            _nextOther = other is null ? -1 : Unknown;
        }

        /// <summary>The next place where some phrase starts, or -1 when there is none.</summary>
        public int Next()
        {
            // Each search's next hit stays valid until the scan passes it, so neither text part is searched twice.
            if (_nextAscii == Unknown) _nextAscii = _ascii!.IndexOfAscii(_text, _from);
            if (_nextOther == Unknown) _nextOther = _other!.IndexOfOther(_text, _from);
            var next = _nextAscii < 0 ? _nextOther : _nextOther < 0 ? _nextAscii : Math.Min(_nextAscii, _nextOther);
            if (next < 0) return -1;
            _from = next + 1;
            if (_nextAscii == next) _nextAscii = Unknown;
            if (_nextOther == next) _nextOther = Unknown;
            return next;
        }
    }
}

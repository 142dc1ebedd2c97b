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
    private readonly SearchValues<string>? _other;
    private readonly bool _otherNeedsNonAsciiText;

    /// <summary>Builds the searches; empty phrases are left out.</summary>
    public PhraseSearch(IEnumerable<string> phrases)
    {
        var all = phrases.Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var ascii = all.Where(p => Ascii.IsValid(p)).ToArray();
        var other = all.Where(p => !Ascii.IsValid(p)).ToArray();
        _ascii = ascii.Length > 0 ? SearchValues.Create(ascii, StringComparison.OrdinalIgnoreCase) : null;
        _other = other.Length > 0 ? SearchValues.Create(other, StringComparison.OrdinalIgnoreCase) : null;
        _otherNeedsNonAsciiText = other.All(p => p.Any(c => !char.IsAscii(char.ToUpperInvariant(c))));
    }

    /// <summary>Whether the text holds any of the phrases.</summary>
    public bool ContainsAny(ReadOnlySpan<char> text) =>
        (_ascii is not null && text.ContainsAny(_ascii)) || (SearchOther(text) && text.ContainsAny(_other!));

    /// <summary>Every place where some phrase starts, in order: call <see cref="Scanner.Next"/> until it gives -1.</summary>
    public Scanner Scan(ReadOnlySpan<char> text) => new(text, _ascii, SearchOther(text) ? _other : null);

    private bool SearchOther(ReadOnlySpan<char> text) => _other is not null && (!_otherNeedsNonAsciiText || !Ascii.IsValid(text));

    /// <summary>The places where phrases start, found by both searches in step.</summary>
    public ref struct Scanner
    {
        private const int Unknown = -2;
        private readonly ReadOnlySpan<char> _text;
        private readonly SearchValues<string>? _ascii;
        private readonly SearchValues<string>? _other;
        private int _from;
        private int _nextAscii;
        private int _nextOther;

        internal Scanner(ReadOnlySpan<char> text, SearchValues<string>? ascii, SearchValues<string>? other)
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
            if (_nextAscii == Unknown) _nextAscii = Find(_ascii!);
            if (_nextOther == Unknown) _nextOther = Find(_other!);
            var next = _nextAscii < 0 ? _nextOther : _nextOther < 0 ? _nextAscii : Math.Min(_nextAscii, _nextOther);
            if (next < 0) return -1;
            _from = next + 1;
            if (_nextAscii == next) _nextAscii = Unknown;
            if (_nextOther == next) _nextOther = Unknown;
            return next;
        }

        private readonly int Find(SearchValues<string> search)
        {
            if (_from >= _text.Length) return -1;
            var at = _text[_from..].IndexOfAny(search);
            return at < 0 ? -1 : _from + at;
        }
    }
}

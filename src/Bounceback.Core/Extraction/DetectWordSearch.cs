namespace Bounceback.Core.Extraction;

/// <summary>
/// Finds where each provider's detect words first occur in an ASCII text (case-insensitive), by the first two
/// characters of every word: one table look-up per position, and a comparison only where a word could start.
/// </summary>
/// <remarks>
/// The diagnoser runs this once per recipient over short texts (a reply and a host name). .NET's multi-string search
/// was most of that cost there: with a hundred short detect words ("gmx.de", "eop-", "gsmtp") its candidates were mostly
/// false and each was checked against the words of its bucket. Texts with any non-ASCII character are left to the
/// caller (outside ASCII, case-insensitive comparison is more than folding one bit), as is a catalog with a word this
/// search cannot index (shorter than two characters, or not ASCII).
/// </remarks>
internal sealed class DetectWordSearch
{
    // A pair of ASCII characters folded to lower case by setting bit 5 (which also folds some punctuation together:
    // harmless, as every candidate is compared in full) gives a 15-bit key.
    private const int KeyCount = 1 << 15;

    private readonly ulong[] _starts = new ulong[KeyCount / 64];
    private readonly Dictionary<int, (string Provider, string Word)[]> _byStart;

    private DetectWordSearch(Dictionary<int, (string Provider, string Word)[]> byStart)
    {
        _byStart = byStart;
        foreach (var key in byStart.Keys) _starts[key >> 6] |= 1UL << (key & 63);
    }

    /// <summary>The search over these words, or null when one of them cannot be indexed.</summary>
    public static DetectWordSearch? Create(IReadOnlyList<(string Provider, string Word)> words)
    {
        if (words.Any(w => w.Word.Length < 2 || !System.Text.Ascii.IsValid(w.Word))) return null;
        var byStart = words.GroupBy(w => Key(w.Word[0], w.Word[1])).ToDictionary(g => g.Key, g => g.ToArray());
        return new DetectWordSearch(byStart);
    }

    /// <summary>
    /// Adds to <paramref name="first"/> every provider not yet in it whose word occurs in the text, with the position of
    /// its first occurrence. False (and nothing added) when the text is not all ASCII.
    /// </summary>
    public bool TryFindFirst(ReadOnlySpan<char> text, Dictionary<string, int> first)
    {
        if (!System.Text.Ascii.IsValid(text)) return false;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            var key = Key(text[i], text[i + 1]);
            if ((_starts[key >> 6] & (1UL << (key & 63))) == 0) continue;
            foreach (var (provider, word) in _byStart[key])
            {
                if (!first.ContainsKey(provider) && text[i..].StartsWith(word, StringComparison.OrdinalIgnoreCase)) first[provider] = i;
            }
        }
        return true;
    }

    private static int Key(char a, char b) => ((a | 0x20) & 0x7F) << 8 | ((b | 0x20) & 0x7F);
}

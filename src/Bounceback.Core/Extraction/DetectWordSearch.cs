using System.Runtime.CompilerServices;

namespace Bounceback.Core.Extraction;

/// <summary>
/// Finds where each provider's detect words first occur in an ASCII text (case-insensitive), by the first three
/// characters of every word: one bit test per position, and a comparison only where a word could start.
/// </summary>
/// <remarks>
/// The diagnoser runs this once per recipient over short texts (a reply and a host name). .NET's multi-string search
/// was most of that cost there: with a hundred short detect words ("gmx.de", "eop-", "gsmtp") its candidates were mostly
/// false and each was checked against the words of its bucket. Texts with any non-ASCII character are left to the
/// caller (outside ASCII, case-insensitive comparison is more than folding one bit), as is a catalog with a word this
/// search cannot index (shorter than three characters, or not ASCII).
/// </remarks>
internal sealed class DetectWordSearch
{
    // Three ASCII characters folded to lower case by setting bit 5 (which also folds some punctuation together:
    // harmless, as every candidate is compared in full) give a 21-bit key; a bit table of the keys' 16-bit hashes
    // (8 KB) says where a word may start, the map of keys which words.
    private const int HashBits = 16;

    private readonly ulong[] _maybe = new ulong[(1 << HashBits) / 64];
    private readonly Dictionary<int, (string Provider, string Word)[]> _byStart;

    private DetectWordSearch(Dictionary<int, (string Provider, string Word)[]> byStart)
    {
        _byStart = byStart;
        foreach (var key in byStart.Keys)
        {
            var h = Hash(key);
            _maybe[h >> 6] |= 1UL << (h & 63);
        }
    }

    /// <summary>The search over these words, or null when one of them cannot be indexed.</summary>
    /// <remarks>Loops, not LINQ: LINQ over the word tuples is generic code the JIT compiles at first use, every start.</remarks>
    public static DetectWordSearch? Create((string Provider, string Word)[] words)
    {
        var counts = new Dictionary<int, int>();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].Word;
            if (word.Length < 3 || !System.Text.Ascii.IsValid(word)) return null;
            var key = Key(word[0], word[1], word[2]);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var byStart = new Dictionary<int, (string Provider, string Word)[]>(counts.Count);
        var filled = new Dictionary<int, int>(counts.Count);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].Word;
            var key = Key(word[0], word[1], word[2]);
            if (!byStart.TryGetValue(key, out var group)) byStart[key] = group = new (string, string)[counts[key]];
            var at = filled.GetValueOrDefault(key);
            group[at] = words[i];
            filled[key] = at + 1;
        }
        return new DetectWordSearch(byStart);
    }

    /// <summary>
    /// Adds to <paramref name="first"/> every provider not yet in it whose word occurs in the text, with the position of
    /// its first occurrence; the dictionary is made (<see cref="CodeExtractor.NewDetected"/>) at the first provider found.
    /// False when the text is not all ASCII; what was added by then must be discarded.
    /// </summary>
    /// <remarks>Optimized from its first call: it runs once per recipient, and in a JIT build the tiered compiler kept
    /// it (and its small helpers, not inlined) at tier 0 for much of a bulk run.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryFindFirst(ReadOnlySpan<char> text, ref Dictionary<string, int>? first)
    {
        if (text.Length < 3) return System.Text.Ascii.IsValid(text);
        var window = Fold(text[0]) << 7 | Fold(text[1]);
        var any = text[0] | text[1];
        for (var i = 0; i + 2 < text.Length; i++)
        {
            var c = text[i + 2];
            any |= c;
            window = (window << 7 | Fold(c)) & 0x1FFFFF;
            var h = Hash(window);
            if ((_maybe[h >> 6] & (1UL << (h & 63))) == 0 || !_byStart.TryGetValue(window, out var words)) continue;
            foreach (var (provider, word) in words)
            {
                if (first?.ContainsKey(provider) != true && text[i..].StartsWith(word, StringComparison.OrdinalIgnoreCase)) (first ??= CodeExtractor.NewDetected())[provider] = i;
            }
        }
        return any < 0x80;
    }

    private static int Fold(char c) => (c | 0x20) & 0x7F;

    private static int Key(char a, char b, char c) => Fold(a) << 14 | Fold(b) << 7 | Fold(c);

    private static int Hash(int key) => (int)((uint)key * 0x9E3779B1u >> (32 - HashBits));
}

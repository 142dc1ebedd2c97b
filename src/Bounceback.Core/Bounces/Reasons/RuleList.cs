using System.Buffers;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Bounces.Reasons;

/// <summary>
/// An ordered list of reason rules tested against one wording in a single pass: the first rule whose phrases occur
/// (and none of whose exceptions do) wins, exactly as testing <see cref="ReasonRule.MatchesText"/> rule by rule, but
/// the text is scanned once for the phrases of every rule instead of once per rule.
/// </summary>
/// <remarks>Matching is the same case-insensitive ordinal substring test: one multi-string search finds each place
/// where some phrase starts, and the phrases that start with that character (upper-cased the invariant way, as
/// ordinal case-insensitive comparison does) are compared there. The lists are read when this is built; a rule list
/// that changes later needs a new one.</remarks>
public sealed class RuleList
{
    private readonly ReasonRule[] _rules;
    private readonly int[][] _phraseIds;
    private readonly int[][] _unlessIds;
    private readonly PhraseSearch? _any;
    private readonly Dictionary<long, (string Phrase, int Id)[]> _byStart;
    private readonly int _phraseCount;

    /// <summary>Builds the one-pass search for the rules, kept in their order.</summary>
    public RuleList(IReadOnlyList<ReasonRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int[] IdsOf(IReadOnlyList<string>? phrases) =>
            phrases is null ? [] : [.. phrases.Where(p => p.Length > 0).Select(p => ids.TryGetValue(p, out var id) ? id : ids[p] = ids.Count).Distinct()];
        _phraseIds = [.. _rules.Select(r => IdsOf(r.Phrases))];
        _unlessIds = [.. _rules.Select(r => IdsOf(r.Unless))];
        _phraseCount = ids.Count;
        _any = ids.Count == 0 ? null : new PhraseSearch(ids.Keys);
        // Keyed by the first two characters (one for a one-character phrase): a hit is compared with the few phrases
        // that start the same way, not with every phrase sharing its first letter.
        _byStart = ids.GroupBy(p => StartKey(p.Key))
            .ToDictionary(g => g.Key, g => g.Select(p => (p.Key, p.Value)).ToArray());
    }

    /// <summary>The rules in the order they are tried.</summary>
    public IReadOnlyList<ReasonRule> Rules => _rules;

    /// <summary>The first rule, in order, whose wording the text holds and that applies with the status; null for none.</summary>
    public ReasonRule? FirstMatch(string text, EnhancedStatus? status)
    {
        if (string.IsNullOrEmpty(text) || _any is null) return null;
        var span = text.AsSpan();
        var scan = _any.Scan(span);
        var first = scan.Next();
        if (first < 0) return null;
        var present = _phraseCount <= 2048 ? stackalloc bool[_phraseCount] : new bool[_phraseCount];
        present.Clear();
        for (var at = first; at >= 0; at = scan.Next())
        {
            var rest = span[at..];
            if (rest.Length > 1) Mark(rest, StartKey(rest[..2]), present);
            Mark(rest, StartKey(rest[..1]), present);
        }
        for (var i = 0; i < _rules.Length; i++)
        {
            if (AnyPresent(present, _phraseIds[i]) && !AnyPresent(present, _unlessIds[i]) && _rules[i].AppliesWith(status)) return _rules[i];
        }
        return null;
    }

    /// <summary>Whether any phrase of any rule occurs in the text.</summary>
    public bool ContainsAnyPhrase(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || _any is null) return false;
        var scan = _any.Scan(text);
        for (var at = scan.Next(); at >= 0; at = scan.Next())
        {
            var rest = text[at..];
            if ((rest.Length > 1 && StartsWithAny(rest, StartKey(rest[..2]))) || StartsWithAny(rest, StartKey(rest[..1]))) return true;
        }
        return false;
    }

    private bool StartsWithAny(ReadOnlySpan<char> rest, long key)
    {
        if (!_byStart.TryGetValue(key, out var candidates)) return false;
        foreach (var (phrase, _) in candidates)
        {
            if (rest.StartsWith(phrase, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private void Mark(ReadOnlySpan<char> rest, long key, Span<bool> present)
    {
        if (!_byStart.TryGetValue(key, out var candidates)) return;
        foreach (var (phrase, id) in candidates)
        {
            if (rest.StartsWith(phrase, StringComparison.OrdinalIgnoreCase)) present[id] = true;
        }
    }

    /// <summary>The phrase's first two characters upper-cased the invariant way (as ordinal case-insensitive
    /// comparison does), or its only one.</summary>
    private static long StartKey(ReadOnlySpan<char> phrase) =>
        phrase.Length == 1 ? (1L << 32) | char.ToUpperInvariant(phrase[0]) : ((long)char.ToUpperInvariant(phrase[0]) << 16) | char.ToUpperInvariant(phrase[1]);

    private static bool AnyPresent(ReadOnlySpan<bool> present, int[] ids)
    {
        foreach (var id in ids)
        {
            if (present[id]) return true;
        }
        return false;
    }
}

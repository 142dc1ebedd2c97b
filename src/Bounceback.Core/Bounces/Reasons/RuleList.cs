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
    private readonly Dictionary<char, (string Phrase, int Id)[]> _byFirst;
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
        _byFirst = ids.GroupBy(p => char.ToUpperInvariant(p.Key[0]))
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
            if (_byFirst.TryGetValue(char.ToUpperInvariant(span[at]), out var candidates))
            {
                var rest = span[at..];
                foreach (var (phrase, id) in candidates)
                {
                    if (rest.StartsWith(phrase, StringComparison.OrdinalIgnoreCase)) present[id] = true;
                }
            }
        }
        for (var i = 0; i < _rules.Length; i++)
        {
            if (AnyPresent(present, _phraseIds[i]) && !AnyPresent(present, _unlessIds[i]) && _rules[i].AppliesWith(status)) return _rules[i];
        }
        return null;
    }

    private static bool AnyPresent(ReadOnlySpan<bool> present, int[] ids)
    {
        foreach (var id in ids)
        {
            if (present[id]) return true;
        }
        return false;
    }
}

using System.Buffers;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Bounces.Reasons;

/// <summary>
/// How one bounce reason shows itself: phrases in the diagnostic wording (matched case-insensitively as plain
/// substrings), enhanced status codes that mean it, and the status to report when the message gives none.
/// </summary>
/// <param name="Reason">The reason this rule decides.</param>
/// <param name="Phrases">Wording servers use for it.</param>
/// <param name="Statuses">Class-independent status codes (such as "x.1.1") that by themselves mean this reason.</param>
/// <param name="DefaultStatus">The subject.detail to report when no status is given, such as "1.1" (class added from the failure).</param>
/// <param name="Unless">Phrases that, when also present, mean the wording belongs to another reason.</param>
public sealed record ReasonRule(BounceReason Reason, IReadOnlyList<string> Phrases, IReadOnlyList<string> Statuses, string DefaultStatus, IReadOnlyList<string>? Unless = null)
{
    /// <summary>Whether the wording contains one of the phrases and none of the exceptions.</summary>
    /// <remarks>One multi-string search per list (SearchValues, case-insensitive ordinal: the same matching as
    /// string.Contains with OrdinalIgnoreCase), built on first use and rebuilt if a copy of the rule changes a list.</remarks>
    public bool MatchesText(string text)
    {
        if (text.Length == 0) return false;
        if (!text.AsSpan().ContainsAny(Search(ref _phrases, Phrases))) return false;
        return Unless is null || Unless.Count == 0 || !text.AsSpan().ContainsAny(Search(ref _unless, Unless));
    }

    // Reference fields, so a thread never sees half of a cache entry; equal rules may hold different caches.
    private PhraseSearch? _phrases;
    private PhraseSearch? _unless;

    private static SearchValues<string> Search(ref PhraseSearch? cache, IReadOnlyList<string> list)
    {
        var current = cache;
        if (current is not null && ReferenceEquals(current.From, list)) return current.Values;
        current = new PhraseSearch(list, SearchValues.Create(list.Where(p => p.Length > 0).ToArray(), StringComparison.OrdinalIgnoreCase));
        cache = current;
        return current.Values;
    }

    private sealed record PhraseSearch(IReadOnlyList<string> From, SearchValues<string> Values)
    {
        public override int GetHashCode() => 0;
        public bool Equals(PhraseSearch? other) => other is not null;
    }

    /// <summary>Status subjects (the middle digit) whose status this rule's wording does not overrule; empty for none.</summary>
    public IReadOnlyList<int> NotWithSubjects { get; init; } = [];

    /// <summary>Whether the wording may decide against this status (false when the status's subject is one the rule yields to).</summary>
    public bool AppliesWith(EnhancedStatus? status)
    {
        if (status is not { } st || NotWithSubjects.Count == 0) return true;
        foreach (var subject in NotWithSubjects)
        {
            if (subject == st.Subject) return false;
        }
        return true;
    }

    /// <summary>Class-independent codes so specific that they decide the reason before any wording is read.</summary>
    public IReadOnlyList<string> Decisive { get; init; } = [];

    /// <summary>Statuses more precise than <see cref="DefaultStatus"/> that fit when the words name only what they mean.</summary>
    public IReadOnlyList<FittingStatusByWording> FittingByWording { get; init; } = [];

    /// <summary>The subject.detail to report when the message gives no status: the first of <see cref="FittingByWording"/>
    /// whose words are there, else <see cref="DefaultStatus"/>.</summary>
    public string FittingStatus(string words)
    {
        for (var i = 0; i < FittingByWording.Count; i++)
        {
            if (FittingByWording[i].Fits(words)) return FittingByWording[i].Status;
        }
        return DefaultStatus;
    }

    /// <summary>Phrases with which a decisive status no longer decides: the wording names another reason that a server
    /// gives this status for.</summary>
    public IReadOnlyList<string> DecisiveUnless { get; init; } = [];

    /// <summary>Whether the wording holds one of <see cref="DecisiveUnless"/>, so that the status does not decide.</summary>
    public bool YieldsTo(string words)
    {
        for (var i = 0; i < DecisiveUnless.Count; i++)
        {
            if (words.Contains(DecisiveUnless[i], StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Whether the status is one of this rule's decisive codes.</summary>
    public bool IsDecisive(EnhancedStatus status) => IsDecisive(ClassIndependent(status, stackalloc char[EnhancedStatus.MaxLength]));

    /// <summary>Whether the status code by itself means this reason.</summary>
    public bool MatchesStatus(EnhancedStatus status) => MatchesStatus(ClassIndependent(status, stackalloc char[EnhancedStatus.MaxLength]));

    /// <summary>Whether a status written class-independent ("x.7.1", <see cref="ClassIndependent"/>) is one of this rule's
    /// decisive codes: the classifier writes it once for all the rules.</summary>
    internal bool IsDecisive(ReadOnlySpan<char> classIndependent) => AnyIs(Decisive, classIndependent);

    /// <summary>Whether a status written class-independent by itself means this reason.</summary>
    internal bool MatchesStatus(ReadOnlySpan<char> classIndependent) => AnyIs(Statuses, classIndependent);

    /// <summary>The status's class-independent form ("x.7.1") in the buffer given.</summary>
    internal static ReadOnlySpan<char> ClassIndependent(EnhancedStatus status, Span<char> buffer) =>
        buffer[..status.WriteClassIndependent(buffer)];

    // By index: a foreach over the interface would allocate an enumerator at every call, and these run for every rule.
    private static bool AnyIs(IReadOnlyList<string> codes, ReadOnlySpan<char> classIndependent)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            if (classIndependent.SequenceEqual(codes[i])) return true;
        }
        return false;
    }
}

/// <summary>A status (subject.detail) that fits a reason's words when one of <paramref name="Phrases"/> is in them and
/// none of <paramref name="Unless"/> (which name something else as well).</summary>
public sealed record FittingStatusByWording(string Status, IReadOnlyList<string> Phrases, IReadOnlyList<string> Unless)
{
    /// <summary>Whether the words name this status's cause and nothing else the list excludes.</summary>
    public bool Fits(string words) =>
        Phrases.Any(p => words.Contains(p, StringComparison.OrdinalIgnoreCase)) && !Unless.Any(p => words.Contains(p, StringComparison.OrdinalIgnoreCase));
}

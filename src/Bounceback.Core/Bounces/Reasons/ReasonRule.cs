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
    public bool MatchesText(string text)
    {
        if (text.Length == 0) return false;
        var hit = false;
        foreach (var p in Phrases)
        {
            if (text.Contains(p, StringComparison.OrdinalIgnoreCase)) { hit = true; break; }
        }
        if (!hit || Unless is null) return hit;
        foreach (var u in Unless)
        {
            if (text.Contains(u, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    /// <summary>Class-independent codes so specific that they decide the reason before any wording is read.</summary>
    public IReadOnlyList<string> Decisive { get; init; } = [];

    /// <summary>Whether the status is one of this rule's decisive codes.</summary>
    public bool IsDecisive(EnhancedStatus status)
    {
        var ci = status.ClassIndependent;
        foreach (var s in Decisive)
        {
            if (s == ci) return true;
        }
        return false;
    }

    /// <summary>Whether the status code by itself means this reason.</summary>
    public bool MatchesStatus(EnhancedStatus status)
    {
        var ci = status.ClassIndependent;
        foreach (var s in Statuses)
        {
            if (s == ci) return true;
        }
        return false;
    }
}

namespace Bounceback.Core.Bounces;

/// <summary>
/// The time budget of every pattern on the parse path. The patterns are source-generated backtracking regexes
/// (no construction cost at start-up, compiled matching); each is written without nested or overlapping
/// quantifiers and runs on a bounded slice of text, and the budget is the guard against the input nobody foresaw:
/// a pattern that runs out of it throws, and the parser reports that message as failed instead of hanging.
/// </summary>
internal static class RegexBudget
{
    /// <summary>Milliseconds one match may take.</summary>
    public const int Milliseconds = 1000;
}

using Bounceback.Core.Codes;

namespace Bounceback.Core.Diagnosis;

/// <summary>Fix steps for the person at the keyboard and for the mail administrator, in one language.</summary>
public sealed record Steps(IReadOnlyList<string> Sender, IReadOnlyList<string> Admin)
{
    public static readonly Steps None = new([], []);
}

/// <summary>A code found in text, with its position and its explanation in one language.</summary>
/// <remarks>This is the "findings[]" element of the explain JSON contract.</remarks>
public sealed record Finding
{
    public required CodeKind Kind { get; init; }
    /// <summary>The code in its normal form: "5.7.1", "550", "0x800CCC0E", "10060", "TSS04".</summary>
    public required string Code { get; init; }
    /// <summary>The text as it stood in the input.</summary>
    public required string MatchedText { get; init; }
    /// <summary>Zero-based character offset of <see cref="MatchedText"/> in the input, and its length.</summary>
    public required int Start { get; init; }
    public required int Length { get; init; }
    /// <summary>True when the catalog has an entry for the code; false for a structural explanation from its parts.</summary>
    public required bool Known { get; init; }
    public required string Title { get; init; }
    public required string Meaning { get; init; }
    public required IReadOnlyList<string> Causes { get; init; }
    public required FaultSide FaultSide { get; init; }
    public required Severity Severity { get; init; }
    public required BounceReason Reason { get; init; }
    public required Steps Steps { get; init; }
    public required string Source { get; init; }
    /// <summary>The provider profile whose wording explained it, when one did.</summary>
    public string? Provider { get; init; }
    /// <summary>Index of the group of findings that belong together (one reply line: reply code, enhanced code, token).</summary>
    public int Group { get; init; }
    /// <summary>A note on how the code was read, e.g. that "571" was taken as 5.7.1 written without dots.</summary>
    public string? Note { get; init; }
    /// <summary>The code says the sending server stopped trying (catalog <see cref="Catalog.CatalogEntry.GaveUp"/>).</summary>
    internal bool GaveUp { get; init; }
    /// <summary>The code is a limit that resets after a time (catalog <see cref="Catalog.CatalogEntry.Resets"/>).</summary>
    internal bool Resets { get; init; }
    /// <summary>Every try fails the same way until a setting is fixed (catalog <see cref="Catalog.CatalogEntry.UntilFixed"/>).</summary>
    internal bool UntilFixed { get; init; }
    /// <summary>Explained by a wording entry (the server's words made the code specific).</summary>
    internal bool Worded { get; init; }

    /// <summary>
    /// True when this finding's explanation reads word for word as <paramref name="other"/>'s: the reply code and the
    /// enhanced code of one reply that the server's words explained alike ("554 5.7.1 Relay access denied"). A report
    /// for a person shows such a text once.
    /// </summary>
    public bool ExplainsAlike(Finding other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Known == other.Known && FaultSide == other.FaultSide && Severity == other.Severity
            && Kind.FromMailProgram() == other.Kind.FromMailProgram()
            && Title == other.Title && Meaning == other.Meaning && Note == other.Note && Source == other.Source && Provider == other.Provider
            && Causes.SequenceEqual(other.Causes);
    }
}

/// <summary>The one answer for a text: what happened, whose side it is on, whether retrying helps, what to do now.</summary>
public sealed record Diagnosis
{
    /// <summary>The code of the most specific finding, which drives the answer.</summary>
    public required string Code { get; init; }
    public required string Summary { get; init; }
    public required FaultSide FaultSide { get; init; }
    /// <summary>The side in words of the report's language; for the mail program's own error, from the user's point of view.</summary>
    public required string SideText { get; init; }
    public required Severity Severity { get; init; }
    public required BounceReason Reason { get; init; }
    /// <summary>True when retrying the same message later may work (a temporary failure).</summary>
    public required bool RetryMayHelp { get; init; }

    /// <summary>The answer to "try again later?" as a text key's last part: "yes", "no", "unknown", or "notNeeded" when
    /// the code reports no failure (a success or an intermediate reply).</summary>
    public string RetryAnswer() => Severity is Severity.Success or Severity.Intermediate ? "notNeeded"
        : RetryMayHelp ? "yes" : Severity == Severity.Unknown ? "unknown" : "no";
    public required Steps Steps { get; init; }
}

/// <summary>The result of explaining a text: every finding and one diagnosis (null when no code was found).</summary>
public sealed record ExplainReport(Language Language, IReadOnlyList<Finding> Findings, Diagnosis? Diagnosis)
{
    /// <summary>
    /// For a reply code explained only by its general meaning ("550: mailbox unavailable, the recipient's side"), the
    /// enhanced code of the same reply that says what it means ("5.7.28": Gmail's block for a rate of unwanted mail);
    /// null when there is none. A report for a person points to that one instead of giving the reply code's general
    /// meaning, which may name another side than the diagnosis.
    /// </summary>
    public Finding? SaidBetterBy(Finding reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Kind != CodeKind.Reply || reply.Provider is not null) return null;
        foreach (var f in Findings)
        {
            // A reply that the server's words explained is said better only by its provider's own entry for the enhanced
            // code (Microsoft's "550 5.7.1 RESOLVER.RST.AuthRequired; authentication required" is no missing login).
            if (f.Group == reply.Group && f.Kind == CodeKind.Enhanced && f.Known && !f.Code.EndsWith(".0.0", StringComparison.Ordinal)
                && (!reply.Worded || f.Provider is not null)) return f;
        }
        return null;
    }
}

using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Diagnosis;

/// <summary>
/// The one entry point for explaining: finds codes in text, explains each from the catalog, and turns the most
/// specific finding into one diagnosis. Thread-safe; build once and share.
/// </summary>
public sealed class Diagnoser
{
    private static readonly Lazy<Diagnoser> DefaultDiagnoser = new(() => new Diagnoser(ExplanationCatalog.Default));

    public static Diagnoser Default => DefaultDiagnoser.Value;

    public ExplanationCatalog Catalog { get; }

    public Diagnoser(ExplanationCatalog catalog) => Catalog = catalog;

    /// <summary>Explains every code in a pasted text (a lone code, a dialog, a reply line, a whole bounce).</summary>
    /// <remarks>SKELETON: the explain issue replaces this with extraction and diagnosis.</remarks>
    public ExplainReport Explain(string text, Language language) => new(language, [], null);

    /// <summary>Explains one code of a known kind (for permalinks and lookups); unknown but well-formed codes are explained from their parts.</summary>
    /// <returns>Null when the code is not well-formed for its kind.</returns>
    /// <remarks>SKELETON: the explain issue adds the structural fallback and provider lookups.</remarks>
    public Finding? ExplainCode(CodeKind kind, string code, Language language)
    {
        var entry = Catalog.Find(kind, code);
        if (entry is null) return null;
        return new Finding
        {
            Kind = kind, Code = code, MatchedText = code, Start = 0, Length = code.Length, Known = true,
            Title = entry.Title.Get(language), Meaning = entry.Meaning.Get(language), Causes = entry.Causes.Get(language),
            FaultSide = entry.FaultSide, Severity = entry.Severity ?? Severity.Unknown, Reason = entry.Reason,
            Steps = new Steps(entry.SenderSteps.Get(language), entry.AdminSteps.Get(language)), Source = entry.Source,
        };
    }

    /// <summary>The diagnosis for a bounce result's facts: its status, reply code and diagnostic text together.</summary>
    /// <remarks>SKELETON: the explain issue implements this; parse calls it to link each result to its explanation.</remarks>
    public Diagnosis? Diagnose(string? status, int? replyCode, string? diagnosticText, Language language) => null;
}

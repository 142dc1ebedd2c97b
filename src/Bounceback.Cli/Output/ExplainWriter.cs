using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Cli.Output;

/// <summary>Writes an explain report for a person: the diagnosis first, then the details of each code.</summary>
internal sealed class ExplainWriter(TextWriter output, ExplanationCatalog catalog, Language language, bool useColor)
{
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Green = "\u001b[32m";
    private const string Reset = "\u001b[0m";

    private string T(string key) => catalog.Text(key, language);

    private string Style(string text, string style) => useColor ? style + text + Reset : text;

    public void Write(ExplainReport report, bool truncated)
    {
        if (report.Diagnosis is { } d) WriteDiagnosis(d);
        output.WriteLine(Style(T("explain.heading.findings"), Bold));
        for (var i = 0; i < report.Findings.Count; i++)
        {
            var f = report.Findings[i];
            if (report.Findings.Take(i).FirstOrDefault(f.ExplainsAlike) is { } same) WriteSameAs(f, same, "label.sameAs");
            else if (report.SaidBetterBy(f) is { } better) WriteSameAs(f, better, "label.saidBetterBy");
            else WriteFinding(f);
        }
        if (truncated) output.WriteLine(T("label.truncated").Replace("{count}", report.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private void WriteDiagnosis(Diagnosis d)
    {
        output.WriteLine(Style(T("explain.heading.diagnosis"), Bold));
        output.WriteLine("  " + d.Summary);
        output.WriteLine();
        output.WriteLine($"  {T("label.side")}: {d.SideText}");
        output.WriteLine($"  {T("label.severity")}: {Style(T("severity." + d.Severity.Token()), SeverityColor(d.Severity))}");
        output.WriteLine($"  {T("label.retry")}: {T("label.retry." + d.RetryAnswer())}");
        WriteList(T("label.stepsSender"), d.Steps.Sender, "  ");
        WriteList(T("label.stepsAdmin"), d.Steps.Admin, "  ");
        output.WriteLine();
    }

    private void WriteFinding(Finding f)
    {
        var code = f.MatchedText == f.Code ? f.Code : $"{f.Code} ({f.MatchedText})";
        output.WriteLine($"  {Style(code, Bold)}  {Style(T("kind." + f.Kind.Token()), Dim)}  {f.Title}");
        if (!f.Known) output.WriteLine($"    {Style(T("label.unknownCode"), Yellow)}");
        if (f.Note is not null) output.WriteLine($"    {T("label.note")}: {f.Note}");
        output.WriteLine($"    {T("label.meaning")}: {f.Meaning}");
        WriteList(T("label.causes"), f.Causes, "    ");
        output.WriteLine($"    {T("label.side")}: {catalog.SideText(f.FaultSide, f.Kind.FromMailProgram(), language)}; {T("label.severity")}: {T("severity." + f.Severity.Token())}");
        if (f.Provider is not null)
        {
            var name = catalog.Providers.FirstOrDefault(p => p.Id == f.Provider)?.Name ?? f.Provider;
            output.WriteLine($"    {T("label.provider")}: {name}");
        }
        if (!string.IsNullOrWhiteSpace(f.Source)) output.WriteLine($"    {Style(T("label.source") + ": " + f.Source, Dim)}");
        output.WriteLine();
    }

    /// <summary>A code explained word for word as one above, or a reply code whose enhanced code says more: its heading
    /// and a pointer, not the same (or a more general) text again.</summary>
    private void WriteSameAs(Finding f, Finding same, string key)
    {
        var code = f.MatchedText == f.Code ? f.Code : $"{f.Code} ({f.MatchedText})";
        // A reply code's general title ("Mailbox unavailable") is left out where its enhanced code says what it means.
        var title = key == "label.sameAs" ? "  " + f.Title : "";
        output.WriteLine($"  {Style(code, Bold)}  {Style(T("kind." + f.Kind.Token()), Dim)}{title}");
        output.WriteLine($"    {T(key).Replace("{code}", same.Code, StringComparison.Ordinal)}");
        output.WriteLine();
    }

    private void WriteList(string label, IReadOnlyList<string> items, string indent)
    {
        if (items.Count == 0) return;
        output.WriteLine($"{indent}{label}:");
        foreach (var item in items) output.WriteLine($"{indent}  - {item}");
    }

    private static string SeverityColor(Severity s) => s switch
    {
        Severity.Permanent => Red,
        Severity.Temporary => Yellow,
        Severity.Success => Green,
        _ => "",
    };
}

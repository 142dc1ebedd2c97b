using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Xunit.Abstractions;

namespace Bounceback.Core.Tests;

/// <summary>Explaining whole real bounce messages (../shared/corpus, when present): no crash, and the status the
/// corpus expects is among the findings for nearly every bounce that has one (placeholder details x.x.9xx, which no
/// message contains, are left out).</summary>
public class CorpusExplainTests(ITestOutputHelper output)
{
    private static string? CorpusDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bounceback.slnx"))) dir = dir.Parent;
        if (dir is null) return null;
        foreach (var candidate in new[] { Path.Combine(dir.FullName, "..", "shared", "corpus", "sisimai"), Path.Combine(dir.FullName, "..", "..", "shared", "corpus", "sisimai") })
        {
            if (File.Exists(Path.Combine(candidate, "expected.tsv"))) return candidate;
        }
        return null;
    }

    [Fact]
    public void Expected_status_of_corpus_bounces_is_found_in_the_text()
    {
        var corpus = CorpusDir();
        if (corpus is null) return; // corpus not present (CI without shared/): nothing to measure
        var expected = File.ReadLines(Path.Combine(corpus, "expected.tsv")).Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length > 2 && EnhancedStatus.TryParse(f[2], out var s) && !s.IsPlaceholder)
            .GroupBy(f => f[0])
            .ToDictionary(g => g.Key, g => g.Select(f => f[2]).ToHashSet());
        int files = 0, found = 0, withDiagnosis = 0;
        var missed = new List<string>();
        foreach (var (file, statuses) in expected)
        {
            var path = Path.Combine(corpus, "emails", file);
            if (!File.Exists(path)) continue;
            var report = Diagnoser.Default.Explain(File.ReadAllText(path), Language.En);
            files++;
            if (report.Diagnosis is not null) withDiagnosis++;
            if (report.Findings.Any(f => statuses.Contains(f.Code))) found++;
            else missed.Add(file + " " + string.Join(",", statuses));
        }
        output.WriteLine($"{files} bounces with a status; expected status found in {found}, a diagnosis for {withDiagnosis}");
        foreach (var m in missed.Take(40)) output.WriteLine("missed: " + m);
        Assert.True(files == 0 || found >= files * 0.9, $"expected status found in only {found} of {files}");
    }
}

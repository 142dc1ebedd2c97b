using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using Xunit.Abstractions;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// Scores the parser on the shared sample corpus (when present) the way scripts/eval-corpus.sh does. The floors are
/// a ratchet: raise them as accuracy improves; the project's target is 98% reason and status, 99% hard/soft.
/// </summary>
public class CorpusAccuracyTests(ITestOutputHelper output)
{
    private const double MinCount = 1.0;
    private const double MinReason = 0.924;
    private const double MinStatus = 0.994;
    private const double MinHard = 0.957;

    /// <summary>A sample file's results as the command-line tool gives them: a file in mbox form is split into its messages.</summary>
    private static async Task<(List<BounceResult> Results, List<ParseOutcomeKind> Kinds)> ParseFile(string path)
    {
        var results = new List<BounceResult>();
        var kinds = new List<ParseOutcomeKind>();
        await foreach (var item in Bounceback.Core.Scanning.LocalSources.FromFileAsync(path))
        {
            using var message = item.Load();
            var outcome = BounceParser.Default.Parse(message, path, item.Index, Language.En);
            kinds.Add(outcome.Kind);
            results.AddRange(outcome.Results);
        }
        return (results, kinds);
    }

    [CorpusFact]
    public async Task Corpus_accuracy_stays_above_the_floors_and_no_message_crashes()
    {
        var root = BounceFixtures.CorpusRoot()!;
        var rows = File.ReadAllLines(Path.Combine(root, "expected.tsv")).Skip(1).Select(l => l.Split('\t')).Where(c => c.Length >= 6).GroupBy(c => c[0]);
        int files = 0, countOk = 0, total = 0, reasonOk = 0, statusRows = 0, statusOk = 0, hardOk = 0;
        foreach (var file in rows)
        {
            files++;
            var (results, kinds) = await ParseFile(Path.Combine(root, "emails", file.Key));
            Assert.DoesNotContain(ParseOutcomeKind.Failed, kinds);
            var expected = file.ToList();
            if (results.Count == expected.Count) countOk++;
            for (var i = 0; i < expected.Count; i++)
            {
                total++;
                var want = expected[i];
                var got = i < results.Count ? results[i] : null;
                if (got is not null && (want[4] == "*" || want[4].Split('|').Contains(got.Reason.Token()))) reasonOk++;
                if (EnhancedStatus.TryParse(want[2], out var ws) && !ws.IsPlaceholder)
                {
                    statusRows++;
                    if (got?.Status == want[2]) statusOk++;
                }
                if (got is not null && (want[5] == "*" || want[5].Split('|').Contains(got.HardBounce ? "true" : "false"))) hardOk++;
            }
        }
        double count = (double)countOk / files, reason = (double)reasonOk / total, status = (double)statusOk / statusRows, hard = (double)hardOk / total;
        output.WriteLine($"files {files}, recipients {total}: count {count:P1}, reason {reason:P1}, status {status:P1}, hard {hard:P1}");
        Assert.True(count >= MinCount, $"count {count:P1}");
        Assert.True(reason >= MinReason, $"reason {reason:P1}");
        Assert.True(status >= MinStatus, $"status {status:P1}");
        Assert.True(hard >= MinHard, $"hard {hard:P1}");
    }

    [CorpusFact]
    public void Corpus_messages_that_are_not_bounces_give_no_results()
    {
        var dir = Path.Combine(BounceFixtures.CorpusRoot()!, "not-bounces");
        if (!Directory.Exists(dir)) return;
        foreach (var f in Directory.EnumerateFiles(dir, "*.eml"))
        {
            Assert.Empty(BounceFixtures.Parse(File.ReadAllBytes(f), f).Results);
        }
    }
}

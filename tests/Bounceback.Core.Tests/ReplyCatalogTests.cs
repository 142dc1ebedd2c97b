using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests;

/// <summary>The reply-code family and the blocklist/filter profiles cover what the reference tables and the seed require.</summary>
public class ReplyCatalogTests
{
    [Fact]
    public void Every_reply_code_of_the_reference_table_has_its_own_entry()
    {
        var rows = ReferenceRows("smtp-reply-codes.tsv");
        if (rows is null) return; // reference tables absent (fresh clone without ../shared): nothing to compare
        var missing = rows.Select(r => r[0]).Where(code => ExplanationCatalog.Default.Find(CodeKind.Reply, code) is null).ToList();
        Assert.True(missing.Count == 0, "No reply entry for " + string.Join(", ", missing));
    }

    [Fact]
    public void Seed_reply_codes_get_a_fault_side_the_seed_allows_and_its_severity()
    {
        var rows = ReferenceRows("seed-codes.tsv");
        if (rows is null) return;
        var problems = new List<string>();
        foreach (var row in rows.Where(r => r[2] is "reply" or "reply|dotless-enhanced"))
        {
            var entry = ExplanationCatalog.Default.Find(CodeKind.Reply, row[0]);
            if (entry is null) { problems.Add($"{row[0]}: no entry"); continue; }
            if (row[3].Length > 0 && (!Vocabulary.TryParseSeverity(row[3], out var severity) || entry.Severity != severity))
                problems.Add($"{row[0]}: severity {entry.Severity}, seed says {row[3]}");
            var allowed = row[4].Split('|', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => Vocabulary.TryParseFaultSide(s, out var side) ? side : (FaultSide?)null)
                .ToList();
            if (allowed.Count > 0 && !allowed.Contains(entry.FaultSide))
                problems.Add($"{row[0]}: fault side {entry.FaultSide}, seed allows {row[4]}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData('2', Severity.Success)]
    [InlineData('3', Severity.Intermediate)]
    [InlineData('4', Severity.Temporary)]
    [InlineData('5', Severity.Permanent)]
    public void An_unregistered_reply_code_is_explained_by_its_class_and_category_rows(char first, Severity expected)
    {
        var classRow = ExplanationCatalog.Default.Find(CodeKind.Reply, $"{first}yz");
        Assert.NotNull(classRow);
        Assert.Equal(expected, classRow.Severity);
        for (var second = '0'; second <= '5'; second++)
            Assert.NotNull(ExplanationCatalog.Default.Find(CodeKind.Reply, $"x{second}z"));
    }

    [Theory]
    [InlineData("127.255.255.252")]
    [InlineData("127.255.255.254")]
    [InlineData("127.255.255.255")]
    public void Spamhaus_lookup_errors_blame_the_receiving_server_not_the_sender(string answer)
    {
        var entry = Assert.Single(ExplanationCatalog.Default.FindForProvider("spamhaus", answer));
        Assert.Equal(FaultSide.RecipientServer, entry.FaultSide);
        Assert.NotEqual(BounceReason.Blocked, entry.Reason);
    }

    [Theory]
    [InlineData("spamhaus", "127.0.0.2", BounceReason.Blocked)]
    [InlineData("spamhaus", "PBL", BounceReason.Blocked)]
    [InlineData("barracuda", "BRBL", BounceReason.Blocked)]
    [InlineData("barracuda", "cuda_nsu", BounceReason.UserUnknown)]
    [InlineData("proofpoint", "PDR", BounceReason.BadReputation)]
    public void Blocklist_tokens_are_found_with_their_reason(string provider, string token, BounceReason reason)
    {
        var entry = Assert.Single(ExplanationCatalog.Default.FindForProvider(provider, token));
        Assert.Equal(reason, entry.Reason);
    }

    [Fact]
    public void Mimecast_550_texts_are_told_apart_by_their_phrases()
    {
        var entries = ExplanationCatalog.Default.FindForProvider("mimecast", "550");
        var invalid = Assert.Single(entries, e => e.Phrases.Contains("Invalid Recipient"));
        Assert.Equal(BounceReason.UserUnknown, invalid.Reason);
        var spoofing = Assert.Single(entries, e => e.Phrases.Contains("Anti-Spoofing"));
        Assert.Equal(BounceReason.AuthFailure, spoofing.Reason);
    }

    private static List<string[]>? ReferenceRows(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bounceback.slnx"))) dir = dir.Parent;
        if (dir is null) return null;
        // ../shared next to a clone (CI, /work/main); ../../shared from a worktree under /work/wt/.
        var path = new[] { Path.Combine(dir.FullName, "..", "shared", "reference", file), Path.Combine(dir.FullName, "..", "..", "shared", "reference", file) }
            .FirstOrDefault(File.Exists);
        if (path is null) return null;
        return File.ReadLines(path).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .ToList();
    }
}

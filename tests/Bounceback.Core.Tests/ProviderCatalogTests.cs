using System.Text.RegularExpressions;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests;

/// <summary>The receiving providers' profiles and entries are usable: tokens can be found in text, codes are well formed.</summary>
public class ProviderCatalogTests
{
    public static TheoryData<string> ProviderIds() =>
        new(ExplanationCatalog.Default.Providers.Select(p => p.Id).Order());

    [Theory]
    [MemberData(nameof(ProviderIds))]
    public void Provider_token_patterns_compile_without_backtracking(string id)
    {
        var profile = ExplanationCatalog.Default.Providers.Single(p => p.Id == id);
        foreach (var pattern in profile.TokenPatterns)
        {
            var ex = Record.Exception(() => new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant));
            Assert.True(ex is null, $"{id}: token pattern '{pattern}' is not usable with NonBacktracking: {ex?.Message}");
        }
        Assert.NotEmpty(profile.Detect);
    }

    [Theory]
    [MemberData(nameof(ProviderIds))]
    public void Every_provider_token_entry_is_found_by_its_providers_token_patterns(string id)
    {
        var profile = ExplanationCatalog.Default.Providers.Single(p => p.Id == id);
        var patterns = profile.TokenPatterns
            .Select(p => new Regex($"^(?:{p})$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant))
            .ToList();
        var missed = ExplanationCatalog.Default.Entries
            .Where(e => e.Provider == id && !IsStatusOrReply(e.Code))
            .Where(e => !patterns.Any(r => r.IsMatch(e.Code)))
            .Select(e => e.Code)
            .ToList();
        Assert.True(missed.Count == 0, $"{id}: no token pattern matches {string.Join(", ", missed)}");
    }

    [Fact]
    public void Entries_sharing_a_code_within_a_provider_are_told_apart_by_different_phrases_beside_one_default()
    {
        var clashes = ExplanationCatalog.Default.Entries
            .Where(e => e.Provider is not null)
            .GroupBy(e => (e.Provider, Code: e.Code.ToUpperInvariant()))
            .Where(g => g.Count() > 1)
            // One entry without phrases is the code's default meaning, which an entry whose phrase is in the text beats.
            .Where(g => g.Count(e => e.Phrases.Count == 0) > 1
                        || g.SelectMany(e => e.Phrases.Select(p => p.ToLowerInvariant())).GroupBy(p => p).Any(p => p.Count() > 1))
            .Select(g => $"{g.Key.Provider}:{g.Key.Code}")
            .ToList();
        Assert.True(clashes.Count == 0, "Ambiguous provider entries: " + string.Join(", ", clashes));
    }

    [Theory]
    [InlineData("microsoft", "5.1.10", BounceReason.UserUnknown)]
    [InlineData("microsoft", "5.7.606", BounceReason.Blocked)]
    [InlineData("microsoft", "5.7.649", BounceReason.Blocked)]
    [InlineData("microsoft", "S3140", BounceReason.Blocked)]
    [InlineData("google", "5.7.26", BounceReason.AuthFailure)]
    [InlineData("yahoo", "TSS04", BounceReason.BadReputation)]
    public void Provider_codes_with_a_provider_specific_meaning_are_found(string provider, string code, BounceReason reason)
    {
        var entries = ExplanationCatalog.Default.FindForProvider(provider, code);
        Assert.Single(entries);
        Assert.Equal(reason, entries[0].Reason);
    }

    [Fact]
    public void Microsoft_5_2_2_is_the_senders_submission_quota_not_a_full_mailbox()
    {
        var entry = Assert.Single(ExplanationCatalog.Default.FindForProvider("microsoft", "5.2.2"));
        Assert.Equal(FaultSide.Sender, entry.FaultSide);
        Assert.NotEqual(BounceReason.MailboxFull, entry.Reason);
        var generic = ExplanationCatalog.Default.Find(CodeKind.Enhanced, "5.2.2");
        if (generic is not null) Assert.NotEqual(generic.Reason, entry.Reason);
    }

    [Fact]
    public void Provider_entry_severity_agrees_with_the_class_of_its_code_and_reply()
    {
        var wrong = new List<string>();
        foreach (var e in ExplanationCatalog.Default.Entries.Where(e => e.Provider is not null))
        {
            char? cls = EnhancedStatus.TryParse(e.Code, out var s) ? (char)('0' + s.Class)
                : ReplyCode.TryParse(e.Code, out _) ? e.Code[0] : null;
            var replyCls = e.Reply is { } r ? r.ToString(System.Globalization.CultureInfo.InvariantCulture)[0] : (char?)null;
            foreach (var c in new[] { cls, replyCls })
            {
                if (c is null) continue;
                var expected = c == '4' ? Severity.Temporary : c == '5' ? Severity.Permanent : (Severity?)null;
                // Yahoo's [TS03] comes with a 421, but Yahoo says the deferral is permanent and retrying will not succeed.
                if (e is { Provider: "yahoo", Code: "TS03" } && c == '4' && e.Severity == Severity.Permanent) continue;
                // Microsoft's 4.7.66 (TLS 1.0/1.1 refused) comes with a 421, but waiting does not change the device's TLS version.
                if (e is { Provider: "microsoft", Code: "4.7.66" } && c == '4' && e.Severity == Severity.Permanent) continue;
                if (expected is not null && e.Severity != expected) wrong.Add($"{e.Provider}:{e.Code} ({e.Severity}, class {c})");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static bool IsStatusOrReply(string code) =>
        EnhancedStatus.TryParse(code, out _) || ReplyCode.TryParse(code, out _);
}

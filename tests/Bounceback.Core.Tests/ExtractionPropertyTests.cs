using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Bounceback.Core.Extraction;
using FsCheck;
using FsCheck.Xunit;

namespace Bounceback.Core.Tests;

/// <summary>Random and hostile input never breaks extraction or diagnosis and never yields more than the cap.</summary>
public class ExtractionPropertyTests
{
    private static readonly string[] Fragments =
    [
        "5.1.1", "550", "550-", "550 ", "x.7.1", "0x800CCC0E", "800ccc0e", "10060", "socket error ", "[TSS04]", "TSS04", "S3140",
        "AS(201806281)", "error ", "fout ", "571", "\n", "\n    ", "#", ".", "-", " ", "4.7.950", "gmail.com", "yahoo.com",
        "outlook.com", "t-online.de", "DIAL", "\r\n", "\0", "\uFFFF", "é", "999999999", "5.", "5.5.", "..", "[", "]", "(", ")",
    ];

    [Property(MaxTest = 300)]
    public bool Any_text_gives_a_report_without_throwing(string? text)
    {
        var report = Diagnoser.Default.Explain(text ?? "", Language.En);
        return report.Findings.Count <= CodeExtractor.DefaultMaxCodes && (report.Findings.Count == 0) == (report.Diagnosis is null);
    }

    [Property(MaxTest = 300)]
    public bool Repeated_code_like_fragments_give_at_most_the_cap_and_valid_positions(NonNegativeInt[] picks, PositiveInt repeat)
    {
        var unit = string.Concat((picks ?? []).Select(p => Fragments[p.Get % Fragments.Length]));
        var text = string.Concat(Enumerable.Repeat(unit, Math.Min(repeat.Get, 500)));
        var result = CodeExtractor.Default.Extract(text);
        var report = Diagnoser.Default.Explain(text, Language.Nl);
        return result.Codes.Count <= CodeExtractor.DefaultMaxCodes
            && result.Codes.All(c => c.Start >= 0 && c.Start + c.Length <= text.Length && c.Group < result.Groups.Count)
            && result.Groups.All(g => g.Start >= 0 && g.Start + g.Length <= text.Length)
            && report.Findings.Count <= CodeExtractor.DefaultMaxCodes;
    }

    [Property(MaxTest = 500)]
    public bool Provider_facts_are_those_of_the_full_extraction(NonNegativeInt[] picks, PositiveInt repeat, PositiveInt cap)
    {
        // The diagnoser's short cut must answer as the full extraction does, also where codes overlap tokens or pass the cap.
        var unit = string.Concat((picks ?? []).Select(p => Fragments[p.Get % Fragments.Length]));
        var text = string.Concat(Enumerable.Repeat(unit, Math.Min(repeat.Get, 40)));
        var maxCodes = 1 + cap.Get % 20;
        var full = CodeExtractor.Default.Extract(text, maxCodes);
        var want = full.Codes.FirstOrDefault(c => c.Kind == CodeKind.Provider);
        // Read from a span alone (the diagnoser's joined text) and with the text's own string.
        var (token, providers) = CodeExtractor.Default.ExtractProviderFacts(text, null, maxCodes);
        var (tokenOfString, providersOfString) = CodeExtractor.Default.ExtractProviderFacts(text, text, maxCodes);
        return Equals(token, want) && providers.SequenceEqual(full.Providers)
            && Equals(tokenOfString, want) && providersOfString.SequenceEqual(full.Providers);
    }

    private static readonly string[] Hosts = ["mx.google.com", "mta7.am0.yahoodns.net", "eur.olc.protection.outlook.com", "mx.example.org", "TSS04", ""];

    [Property(MaxTest = 500)]
    public bool Diagnosing_a_text_and_its_host_apart_is_diagnosing_them_joined(NonNegativeInt[] picks, NonNegativeInt hostPick, bool withStatus, bool withReply)
    {
        // The bounce parser hands the host apart (joined in a pooled buffer); the answer is that of the joined string.
        var text = string.Concat((picks ?? []).Select(p => Fragments[p.Get % Fragments.Length]));
        var host = Hosts[hostPick.Get % Hosts.Length];
        var status = withStatus ? "5.7.1" : null;
        int? reply = withReply ? 550 : null;
        var apart = Diagnoser.Default.Diagnose(status, reply, text, host, Language.En, out var reasonApart);
        var joined = Diagnoser.Default.Diagnose(status, reply, text + "\n" + host, Language.En, out var reasonJoined);
        return Same(apart, joined) && reasonApart == reasonJoined;
    }

    // By content: an explanation of a text without codes is built anew at each call, its step lists with it.
    private static bool Same(Diagnosis.Diagnosis? a, Diagnosis.Diagnosis? b) =>
        a is null || b is null
            ? a is null && b is null
            : a with { Steps = b.Steps } == b && a.Steps.Sender.SequenceEqual(b.Steps.Sender) && a.Steps.Admin.SequenceEqual(b.Steps.Admin);

    [Property(MaxTest = 200)]
    public bool Diagnose_never_throws(string? status, int? reply, string? text)
    {
        _ = Diagnoser.Default.Diagnose(status, reply, text, Language.En);
        return true;
    }

    [Fact]
    public void Ten_megabytes_of_codes_give_the_capped_number_of_codes()
    {
        var text = string.Concat(Enumerable.Repeat("550 5.1.1 user unknown [TSS04] socket error 10060\n", 10 * 1024 * 1024 / 52));
        var result = CodeExtractor.Default.Extract(text);
        Assert.Equal(CodeExtractor.DefaultMaxCodes, result.Codes.Count);
        Assert.True(result.Truncated);
        Assert.NotNull(Diagnoser.Default.Explain(text, Language.En).Diagnosis);
    }

    [Fact]
    public void Ten_megabytes_on_one_line_of_near_codes_give_no_code()
    {
        var text = string.Concat(Enumerable.Repeat("5.1.1.", 10 * 1024 * 1024 / 6));
        Assert.Empty(CodeExtractor.Default.Extract(text).Codes);
    }

    [Fact]
    public void Every_character_value_is_accepted()
    {
        var text = new string(Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).ToArray());
        var report = Diagnoser.Default.Explain(text, Language.En);
        Assert.True(report.Findings.Count <= CodeExtractor.DefaultMaxCodes);
    }
}

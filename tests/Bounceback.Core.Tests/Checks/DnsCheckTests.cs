using Bounceback.Core.Checks;
using Bounceback.Core.Codes;
using Bounceback.Tests.Servers;

namespace Bounceback.Core.Tests.Checks;

public class DnsCheckTests(CheckTestWorld world) : IClassFixture<CheckTestWorld>
{
    private async Task<Dictionary<string, CheckResult>> Run(string target, Language language = Language.En)
    {
        Assert.True(CheckTarget.TryParse(target, out var t));
        var report = await new CheckRunner(world.Options).RunAsync([new CheckRequest(t)], language);
        return report.Targets.Single().Checks.ToDictionary(c => c.Id);
    }

    [Fact]
    public async Task Good_domain_passes_every_dns_check()
    {
        var r = await Run("someone@good.test");
        Assert.Equal(["dmarc", "domain-exists", "mta-sts", "mx", "null-mx", "spf", "tls-rpt"], r.Keys.Order());
        Assert.All(r.Values, c => Assert.Equal(CheckStatus.Pass, c.Status));
        Assert.Equal("2", r["mx"].Details["count"]);
        Assert.Contains("mx2.good.test (::1)", r["mx"].Details["hosts"], StringComparison.Ordinal);
        Assert.Equal("1", r["spf"].Details["lookups"]);
        Assert.Equal("reject", r["dmarc"].Details["policy"]);
        Assert.Equal("ok", r["mta-sts"].Outcome);
        Assert.Equal("ok", r["tls-rpt"].Outcome);
        Assert.Empty(r["mx"].Fix);
    }

    [Fact]
    public async Task Nonexistent_domain_fails_domain_exists_and_stops()
    {
        var r = await Run("nope.test");
        var only = Assert.Single(r.Values);
        Assert.Equal("domain-exists", only.Id);
        Assert.Equal(CheckStatus.Fail, only.Status);
        Assert.Equal("nxdomain", only.Outcome);
        Assert.NotEmpty(only.Fix);
    }

    [Fact]
    public async Task Domain_without_mx_falls_back_to_its_address_and_lacks_spf_and_dmarc()
    {
        var r = await Run("missing.test");
        Assert.Equal((CheckStatus.Warn, "implicit"), (r["mx"].Status, r["mx"].Outcome));
        Assert.Equal("192.0.2.10", r["mx"].Details["addresses"]);
        Assert.Equal((CheckStatus.Warn, "missing"), (r["spf"].Status, r["spf"].Outcome));
        Assert.Equal((CheckStatus.Warn, "missing"), (r["dmarc"].Status, r["dmarc"].Outcome));
        Assert.Equal("absent", r["mta-sts"].Outcome);
        Assert.Equal(CheckStatus.Pass, r["tls-rpt"].Status);
    }

    [Fact]
    public async Task Null_mx_is_reported_as_a_domain_that_takes_no_mail()
    {
        var r = await Run("nomail.test");
        Assert.Equal((CheckStatus.Fail, "present"), (r["null-mx"].Status, r["null-mx"].Outcome));
        Assert.Equal((CheckStatus.Fail, "null"), (r["mx"].Status, r["mx"].Outcome));
        var mixed = await Run("mixed.test");
        Assert.Equal("mixed", mixed["null-mx"].Outcome);
    }

    [Fact]
    public async Task Spf_with_eleven_lookups_fails_and_mx_without_address_fails()
    {
        var r = await Run("broken.test");
        Assert.Equal((CheckStatus.Fail, "too-many-lookups"), (r["spf"].Status, r["spf"].Outcome));
        Assert.Equal("11", r["spf"].Details["lookups"]);
        Assert.Equal((CheckStatus.Fail, "unresolved"), (r["mx"].Status, r["mx"].Outcome));
        Assert.Equal((CheckStatus.Fail, "invalid"), (r["mta-sts"].Status, r["mta-sts"].Outcome));
        Assert.Equal((CheckStatus.Fail, "invalid"), (r["tls-rpt"].Status, r["tls-rpt"].Outcome));
    }

    [Fact]
    public async Task Two_spf_records_fail_and_dmarc_none_warns()
    {
        var r = await Run("dupe.test");
        Assert.Equal((CheckStatus.Fail, "duplicate"), (r["spf"].Status, r["spf"].Outcome));
        Assert.Equal("2", r["spf"].Details["count"]);
        Assert.Equal((CheckStatus.Warn, "monitor-only"), (r["dmarc"].Status, r["dmarc"].Outcome));
    }

    [Fact]
    public async Task Bad_spf_term_and_bad_dmarc_policy_are_syntax_failures()
    {
        var r = await Run("syntax.test");
        Assert.Equal((CheckStatus.Fail, "syntax"), (r["spf"].Status, r["spf"].Outcome));
        Assert.Equal("ip4:300.1.2.3", r["spf"].Details["term"]);
        Assert.Equal((CheckStatus.Fail, "invalid"), (r["dmarc"].Status, r["dmarc"].Outcome));
    }

    [Fact]
    public async Task Include_of_a_domain_without_spf_fails()
    {
        var r = await Run("noinclude.test");
        Assert.Equal((CheckStatus.Fail, "include-missing"), (r["spf"].Status, r["spf"].Outcome));
        Assert.Equal("nospf.test", r["spf"].Details["include"]);
    }

    [Fact]
    public async Task Refused_query_is_an_error_that_says_why_not_a_failure()
    {
        var r = await Run("refused.test");
        Assert.All(r.Values, c => Assert.Equal(CheckStatus.Error, c.Status));
        Assert.Contains("REFUSED", r["domain-exists"].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unanswered_queries_end_in_errors_within_the_limit()
    {
        var r = await Run("silent.test");
        Assert.All(r.Values, c => Assert.Equal(CheckStatus.Error, c.Status));
        Assert.Contains(r.Values, c => c.Details.TryGetValue("error", out var e) && e == "timeout");
    }

    [Fact]
    public async Task Overall_limit_turns_unfinished_checks_into_timeout_errors()
    {
        Assert.True(CheckTarget.TryParse("silent.test", out var t));
        var options = world.Options with { OperationTimeout = TimeSpan.FromSeconds(30), OverallTimeout = TimeSpan.FromMilliseconds(300) };
        var report = await new CheckRunner(options).RunAsync([new CheckRequest(t)], Language.En);
        var checks = report.Targets.Single().Checks;
        Assert.Contains(checks, c => c.Id == "mx");
        Assert.All(checks, c => Assert.Equal((CheckStatus.Error, "timeout"), (c.Status, c.Outcome)));
    }

    [Fact]
    public async Task Ptr_and_forward_confirmation_are_told_apart()
    {
        var ok = await Run("192.0.2.1");
        Assert.Equal(CheckStatus.Pass, ok["ptr"].Status);
        Assert.Equal((CheckStatus.Pass, "mail.good.test"), (ok["fcrdns"].Status, ok["fcrdns"].Details["name"]));
        var liar = await Run("192.0.2.2");
        Assert.Equal(CheckStatus.Pass, liar["ptr"].Status);
        Assert.Equal((CheckStatus.Fail, "mismatch"), (liar["fcrdns"].Status, liar["fcrdns"].Outcome));
        Assert.Equal("192.0.2.99", liar["fcrdns"].Details["addresses"]);
        var none = await Run("192.0.2.3");
        Assert.Equal((CheckStatus.Fail, "missing"), (none["ptr"].Status, none["ptr"].Outcome));
    }

    [Fact]
    public async Task Texts_come_in_the_asked_language_with_details_filled_in()
    {
        var en = await Run("broken.test");
        var nl = await Run("broken.test", Language.Nl);
        Assert.Contains("11", en["spf"].Summary, StringComparison.Ordinal);
        Assert.Contains("11", nl["spf"].Summary, StringComparison.Ordinal);
        Assert.NotEqual(en["spf"].Summary, nl["spf"].Summary);
        Assert.NotEqual(en["spf"].Fix.Single(), nl["spf"].Fix.Single());
        Assert.DoesNotContain('{', nl["spf"].Summary);
    }
}

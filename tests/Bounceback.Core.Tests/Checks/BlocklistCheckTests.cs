using Bounceback.Core.Checks;
using Bounceback.Core.Codes;
using Bounceback.Tests.Servers;

namespace Bounceback.Core.Tests.Checks;

public class BlocklistCheckTests(CheckTestWorld world) : IClassFixture<CheckTestWorld>
{
    private async Task<Dictionary<string, CheckResult>> Run(string ip, Language language = Language.En)
    {
        Assert.True(CheckTarget.TryParse(ip, out var t));
        var report = await new CheckRunner(world.Options).RunAsync([new CheckRequest(t)], language);
        return report.Targets.Single().Checks.ToDictionary(c => c.Id);
    }

    [Fact]
    public void Query_name_reverses_the_address_before_the_zone()
    {
        Assert.Equal("4.3.2.1.zen.spamhaus.org", BlocklistChecks.QueryName(System.Net.IPAddress.Parse("1.2.3.4"), "zen.spamhaus.org"));
        Assert.StartsWith("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.",
            BlocklistChecks.QueryName(System.Net.IPAddress.Parse("2001:db8::1"), "bl.test"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listed_address_fails_with_the_meaning_of_its_return_code()
    {
        var r = await Run("192.0.2.2");
        var bl = r["dnsbl:bl.test"];
        Assert.Equal((CheckStatus.Fail, "listed"), (bl.Status, bl.Outcome));
        Assert.Equal("127.0.0.2", bl.Details["codes"]);
        Assert.Equal("SBL", bl.Details["lists"]);
        Assert.Contains("spam source", bl.Summary, StringComparison.Ordinal);
        var pbl = (await Run("192.0.2.10", Language.Nl))["dnsbl:bl.test"];
        Assert.Equal("PBL", pbl.Details["lists"]);
        Assert.Contains("eindgebruikers", pbl.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlisted_address_passes()
    {
        var r = await Run("192.0.2.1");
        Assert.Equal((CheckStatus.Pass, "not-listed"), (r["dnsbl:bl.test"].Status, r["dnsbl:bl.test"].Outcome));
    }

    [Fact]
    public async Task Refusal_code_is_not_a_listing()
    {
        var r = await Run("192.0.2.254");
        var bl = r["dnsbl:bl.test"];
        Assert.Equal((CheckStatus.Error, "refused"), (bl.Status, bl.Outcome));
        Assert.Equal("127.255.255.254", bl.Details["codes"]);
    }

    [Fact]
    public async Task Blocklist_that_refuses_the_query_gives_an_error()
    {
        var r = await Run("192.0.2.2");
        Assert.Equal((CheckStatus.Error, "dns-failed"), (r["dnsbl:refusing.test"].Status, r["dnsbl:refusing.test"].Outcome));
    }

    [Fact]
    public async Task Ipv6_address_is_not_sent_to_a_list_without_ipv6()
    {
        var r = await Run("2001:db8::1");
        Assert.Equal((CheckStatus.Error, "no-ipv6"), (r["dnsbl:bl.test"].Status, r["dnsbl:bl.test"].Outcome));
    }

    [Fact]
    public void Shipped_blocklists_load_with_meanings_in_both_languages()
    {
        var set = BlocklistSet.Default;
        Assert.Contains(set.Lists, l => l.Zone == "zen.spamhaus.org");
        var zen = set.Lists.Single(l => l.Zone == "zen.spamhaus.org");
        Assert.Contains(zen.Codes, c => c.Code == "127.0.0.10" && c.Name.StartsWith("PBL", StringComparison.Ordinal));
        Assert.Contains(zen.Refusals, c => c.Code == "127.255.255.254");
        Assert.All(set.Lists.SelectMany(l => l.Codes.Concat(l.Refusals)), c => Assert.True(c.Meaning.IsComplete && c.Meaning.En != c.Meaning.Nl));
        Assert.Equal(["zen.spamhaus.org"], set.NamedIn("blocked using zen.spamhaus.org; see https://www.spamhaus.org").Select(l => l.Zone));
    }
}

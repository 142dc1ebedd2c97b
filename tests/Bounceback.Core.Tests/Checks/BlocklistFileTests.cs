using System.Text;
using Bounceback.Core.Catalog;
using Bounceback.Core.Checks;
using Bounceback.Tests.Servers;

namespace Bounceback.Core.Tests.Checks;

public class BlocklistFileTests
{
    private static BlocklistSet Load(string yaml) => BlocklistSet.Load(new MemoryStream(Encoding.UTF8.GetBytes(yaml)));

    [Fact]
    public void A_blocklist_file_is_read_with_every_field()
    {
        var set = Load(CheckTestWorld.BlocklistYaml);

        Assert.Equal(["bl.test", "refusing.test"], set.Lists.Select(l => l.Zone));
        var list = set.Lists[0];
        Assert.Equal("Test List", list.Name);
        Assert.Equal(["testlist"], list.Match);
        Assert.False(list.Ipv6);
        Assert.Equal("https://bl.test/remove", list.Removal);
        Assert.Equal(["127.0.0.2", "127.0.0.10"], list.Codes.Select(c => c.Code));
        Assert.Equal("PBL", list.Codes[1].Name);
        Assert.Equal("Staat op de lijst als adres van eindgebruikers.", list.Codes[1].Meaning.Nl);
        var refusal = Assert.Single(list.Refusals);
        Assert.Equal("127.255.255.254", refusal.Name);
        Assert.Empty(set.Lists[1].Refusals);
    }

    [Fact]
    public void Zone_is_trimmed_lower_cased_and_named_after_itself_when_it_has_no_name()
    {
        var set = Load("""
            blocklists:
              - zone: " BL.Example.ORG. "
                ipv6: true
            """);

        var list = Assert.Single(set.Lists);
        Assert.Equal("bl.example.org", list.Zone);
        Assert.Equal("bl.example.org", list.Name);
        Assert.True(list.Ipv6);
        Assert.Empty(list.Codes);
    }

    [Fact]
    public void The_shipped_lists_all_have_both_languages()
    {
        Assert.NotEmpty(BlocklistSet.Default.Lists);
        Assert.All(BlocklistSet.Default.Lists.SelectMany(l => l.Codes.Concat(l.Refusals)), c =>
        {
            Assert.NotEmpty(c.Meaning.En);
            Assert.NotEmpty(c.Meaning.Nl);
        });
    }

    [Theory]
    [InlineData("blocklists: [", "")]
    [InlineData("lists: []", "unknown key 'lists'")]
    [InlineData("blocklists: { zone: bl.test }", "blocklists must be a list")]
    [InlineData("blocklists:\n  - zone: bl.test\n    colour: red", "line 3: unknown key 'colour'")]
    [InlineData("blocklists:\n  - zone: bl.test\n    ipv6: maybe", "ipv6 must be true or false")]
    [InlineData("blocklists:\n  - zone: bl.test\n    match: spamhaus", "match must be a list")]
    [InlineData("blocklists:\n  - name: no zone", "has no valid zone")]
    [InlineData("blocklists:\n  - zone: 'not a host'", "has no valid zone")]
    [InlineData("blocklists:\n  - zone: bl.test\n    codes:\n      - code: listed\n        meaning: { en: a, nl: b }", "'listed' is not an address")]
    [InlineData("blocklists:\n  - zone: bl.test\n    codes:\n      - code: 127.0.0.2\n        meaning: { en: only English }", "needs a meaning in en and nl")]
    [InlineData("blocklists:\n  - zone: bl.test\n    codes:\n      - code: 127.0.0.2\n        meaning: { en: a, de: b }", "unknown language 'de'")]
    public void A_malformed_file_is_refused_with_the_reason(string yaml, string reason)
    {
        var ex = Assert.Throws<CatalogException>(() => Load(yaml));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_has_no_lists() => Assert.Empty(Load("").Lists);
}

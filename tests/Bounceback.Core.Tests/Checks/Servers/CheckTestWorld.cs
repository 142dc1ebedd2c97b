using System.Text;
using Bounceback.Core.Checks;

namespace Bounceback.Tests.Servers;

/// <summary>
/// The test zones every check test runs against, on one in-process DNS server on 127.0.0.1:
/// good.test (all right), missing.test (no MX, SPF, DMARC), nomail.test (null MX), broken.test (SPF with 11 lookups,
/// MX without address), dupe.test (two SPF records, DMARC p=none), syntax.test (bad SPF and DMARC), nope.test
/// (NXDOMAIN), refused.test (REFUSED), blocklist bl.test and a blocklist refusing.test that refuses queries.
/// </summary>
public sealed class CheckTestWorld : IDisposable
{
    public const string BlocklistYaml = """
        blocklists:
          - zone: bl.test
            name: Test List
            match: [testlist]
            ipv6: false
            removal: https://bl.test/remove
            codes:
              - code: 127.0.0.2
                name: SBL
                meaning: { en: "Listed as a spam source.", nl: "Staat op de lijst als bron van spam." }
              - code: 127.0.0.10
                name: PBL
                meaning: { en: "Listed as an end-user address.", nl: "Staat op de lijst als adres van eindgebruikers." }
            refusals:
              - code: 127.255.255.254
                meaning: { en: "Queries through public resolvers are refused.", nl: "Vragen via openbare DNS-servers worden geweigerd." }
          - zone: refusing.test
            name: Refusing List
            match: [refusinglist]
            ipv6: false
            codes:
              - code: 127.0.0.2
                name: RL
                meaning: { en: "Listed.", nl: "Staat op de lijst." }
        """;

    public CheckTestWorld()
    {
        Dns = new TestDnsServer();
        Dns.AddA("localhost", "127.0.0.1");

        Dns.AddMx("good.test", 10, "mx1.good.test").AddMx("good.test", 20, "mx2.good.test")
            .AddA("mx1.good.test", "127.0.0.1").AddA("mx2.good.test", "::1")
            .AddTxt("good.test", "v=spf1 ip4:192.0.2.0/24 include:_spf.provider.test -all")
            .AddTxt("good.test", "google-site-verification=abc")
            .AddTxt("_spf.provider.test", "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 ~all")
            .AddTxt("_dmarc.good.test", "v=DMARC1; p=reject; rua=mailto:dmarc@good.test")
            .AddTxt("_mta-sts.good.test", "v=STSv1; id=20240101T000000")
            .AddTxt("_smtp._tls.good.test", "v=TLSRPTv1; rua=mailto:tls@good.test");

        Dns.AddA("missing.test", "192.0.2.10");

        Dns.AddMx("nomail.test", 0, ".");
        Dns.AddMx("mixed.test", 0, ".").AddMx("mixed.test", 10, "mx1.good.test");

        Dns.AddMx("broken.test", 10, "ghost.broken.test")
            .AddTxt("broken.test", "v=spf1 include:s1.broken.test include:s2.broken.test a mx -all")
            .AddTxt("s1.broken.test", "v=spf1 a mx ptr exists:%{i}.x.test -all")
            .AddTxt("s2.broken.test", "v=spf1 a mx include:s3.broken.test -all")
            .AddTxt("s3.broken.test", "v=spf1 ip4:203.0.113.7 -all")
            .AddTxt("_mta-sts.broken.test", "v=STSv1; id=not valid!")
            .AddTxt("_smtp._tls.broken.test", "v=TLSRPTv1; rua=ftp://x");

        Dns.AddMx("dupe.test", 10, "mx1.good.test")
            .AddTxt("dupe.test", "v=spf1 ip4:192.0.2.1 -all")
            .AddTxt("dupe.test", "v=spf1 include:_spf.provider.test -all")
            .AddTxt("_dmarc.dupe.test", "v=DMARC1; p=none");

        Dns.AddMx("syntax.test", 10, "mx1.good.test")
            .AddTxt("syntax.test", "v=spf1 ip4:300.1.2.3 include:nospf.test -all")
            .AddTxt("_dmarc.syntax.test", "v=DMARC1; p=maybe");

        Dns.AddMx("noinclude.test", 10, "mx1.good.test")
            .AddTxt("noinclude.test", "v=spf1 include:nospf.test -all")
            .AddA("nospf.test", "192.0.2.50");

        Dns.Refuse("refused.test");
        Dns.Refuse("refusing.test");
        Dns.Ignore("silent.test");

        // Reverse DNS: 192.0.2.1 confirmed, 192.0.2.2 points to a name with another address, 192.0.2.3 has none.
        Dns.AddPtr("192.0.2.1", "mail.good.test").AddA("mail.good.test", "192.0.2.1");
        Dns.AddPtr("192.0.2.2", "liar.good.test").AddA("liar.good.test", "192.0.2.99");

        // Blocklist bl.test: 192.0.2.2 listed (SBL), 192.0.2.10 listed (PBL), 192.0.2.254 makes the list refuse.
        Dns.AddA("2.2.0.192.bl.test", "127.0.0.2");
        Dns.AddA("10.2.0.192.bl.test", "127.0.0.10");
        Dns.AddA("254.2.0.192.bl.test", "127.255.255.254");

        Blocklists = BlocklistSet.Load(new MemoryStream(Encoding.UTF8.GetBytes(BlocklistYaml)));
    }

    public TestDnsServer Dns { get; }

    public BlocklistSet Blocklists { get; }

    /// <summary>Options aimed at this world: its DNS server, short timeouts, its blocklists, no MX probing.</summary>
    public CheckOptions Options => new()
    {
        DnsServer = Dns.EndPoint,
        OperationTimeout = TimeSpan.FromSeconds(2),
        OverallTimeout = TimeSpan.FromSeconds(15),
        Blocklists = Blocklists,
        MxPorts = [],
    };

    public void Dispose() => Dns.Dispose();
}

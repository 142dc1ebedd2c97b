using Bounceback.Core.Bounces;
using Bounceback.Core.Checks;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Tests.Checks;

public class CheckPlanningTests
{
    private static readonly CheckRunner Runner = new(new CheckOptions
    {
        OutgoingServer = new CheckTarget("smtp.example.test:587", CheckTargetKind.Server, "smtp.example.test", 587),
    });

    private static BounceResult Result(BounceReason reason, string recipient, string? status, string? diagnostic) => new()
    {
        Source = "-", Recipient = recipient, Reason = reason, HardBounce = true, Decoder = "test", Status = status, DiagnosticCode = diagnostic,
    };

    private static Diagnosis.Diagnosis Diagnosis(string code, BounceReason reason) => new()
    {
        Code = code, Summary = "", FaultSide = FaultSide.Unknown, SideText = "", Severity = Severity.Permanent, Reason = reason, RetryMayHelp = false, Steps = Steps.None,
    };

    [Fact]
    public void Unknown_host_plans_domain_checks_on_the_recipient_domain()
    {
        var plan = Runner.Plan(Result(BounceReason.HostUnknown, "jan@example.test", "5.1.2", "Host or domain name not found"));
        var request = Assert.Single(plan);
        Assert.Equal((CheckTargetKind.Domain, "example.test"), (request.Target.Kind, request.Target.Host));
    }

    [Fact]
    public void Status_512_alone_is_enough_to_plan_domain_checks()
    {
        var plan = Runner.Plan(Result(BounceReason.Undefined, "piet@other.test", "5.1.2", null));
        Assert.Equal("other.test", Assert.Single(plan).Target.Host);
    }

    [Fact]
    public void Blocklist_rejection_plans_the_named_list_for_the_quoted_address()
    {
        var plan = Runner.Plan(Result(BounceReason.Blocked, "jan@example.test", "5.7.1",
            "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org"));
        var request = Assert.Single(plan);
        Assert.Equal((CheckTargetKind.Ip, "203.0.113.9"), (request.Target.Kind, request.Target.Host));
        Assert.Equal(["zen.spamhaus.org"], request.Blocklists!.Select(l => l.Zone));
    }

    [Fact]
    public void Reputation_rejection_without_a_named_list_checks_all_lists_but_skips_private_addresses()
    {
        var plan = Runner.Plan(Diagnosis("5.7.1", BounceReason.BadReputation), "from [10.0.0.5] via 198.51.100.20: poor reputation");
        var request = Assert.Single(plan);
        Assert.Equal("198.51.100.20", request.Target.Host);
        Assert.Null(request.Blocklists);
    }

    [Fact]
    public void Connection_error_plans_the_configured_outgoing_server()
    {
        var plan = Runner.Plan(Diagnosis("0x800CCC0E", BounceReason.NetworkError), "0x800CCC0E");
        Assert.Equal(("smtp.example.test", 587), (Assert.Single(plan).Target.Host, Assert.Single(plan).Target.Port));
        Assert.Single(Runner.Plan(Diagnosis("10060", BounceReason.NetworkError), "Socket error 10060"));
        Assert.Empty(new CheckRunner(new CheckOptions()).Plan(Diagnosis("10060", BounceReason.NetworkError), "10060"));
    }

    [Fact]
    public void Mailbox_full_plans_nothing()
    {
        Assert.Empty(Runner.Plan(Result(BounceReason.MailboxFull, "jan@example.test", "4.2.2", "Mailbox full")));
    }

    [Theory]
    [InlineData("jan@example.com", CheckTargetKind.Domain, "example.com", 0)]
    [InlineData("Example.COM.", CheckTargetKind.Domain, "example.com", 0)]
    [InlineData("192.0.2.1", CheckTargetKind.Ip, "192.0.2.1", 0)]
    [InlineData("2001:db8::1", CheckTargetKind.Ip, "2001:db8::1", 0)]
    [InlineData("[2001:db8::1]", CheckTargetKind.Ip, "2001:db8::1", 0)]
    [InlineData("smtp.example.com:587", CheckTargetKind.Server, "smtp.example.com", 587)]
    [InlineData("127.0.0.1:2525", CheckTargetKind.Server, "127.0.0.1", 2525)]
    [InlineData("[::1]:25", CheckTargetKind.Server, "::1", 25)]
    public void Targets_are_read_by_their_form(string text, CheckTargetKind kind, string host, int port)
    {
        Assert.True(CheckTarget.TryParse(text, out var t));
        Assert.Equal((kind, host, port), (t.Kind, t.Host, t.Port));
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("@example.com")]
    [InlineData("host:0")]
    [InlineData("host:99999")]
    [InlineData("exa mple.com")]
    [InlineData("-bad-.com")]
    public void Nonsense_targets_are_rejected(string text) => Assert.False(CheckTarget.TryParse(text, out _));

    [Fact]
    public void Every_check_text_exists_in_both_languages_and_differs()
    {
        var strings = Catalog.ExplanationCatalog.Default.Strings.Where(s => s.Key.StartsWith("check.", StringComparison.Ordinal)).ToList();
        Assert.True(strings.Count > 80);
        Assert.All(strings, s => Assert.True(s.Value.IsComplete && s.Value.En != s.Value.Nl, s.Key));
        Assert.All(strings.Where(s => s.Key.EndsWith(".fix", StringComparison.Ordinal)),
            s => Assert.True(strings.Any(x => x.Key == s.Key[..^4] + ".summary"), s.Key));
    }
}

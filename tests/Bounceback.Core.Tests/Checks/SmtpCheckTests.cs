using System.Globalization;
using Bounceback.Core.Checks;
using Bounceback.Core.Codes;
using Bounceback.Tests.Servers;

namespace Bounceback.Core.Tests.Checks;

public class SmtpCheckTests(CheckTestWorld world) : IClassFixture<CheckTestWorld>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private async Task<Dictionary<string, CheckResult>> Probe(string host, int port, int? implicitPort = null, double stepSeconds = 5)
    {
        var options = world.Options with { ImplicitTlsPorts = implicitPort is null ? [] : [implicitPort.Value], OperationTimeout = TimeSpan.FromSeconds(stepSeconds) };
        var target = new CheckTarget($"{host}:{port}", CheckTargetKind.Server, host, port);
        var report = await new CheckRunner(options).RunAsync([new CheckRequest(target)], Language.En);
        var checks = report.Targets.Single().Checks;
        var p = port.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(["smtp:" + p, "starttls:" + p, "certificate:" + p], checks.Select(c => c.Id));
        return checks.ToDictionary(c => c.Id.Split(':')[0]);
    }

    [Fact]
    public async Task Plain_server_answers_but_offers_no_starttls()
    {
        using var server = new TestSmtpServer(SmtpServerMode.Plain);
        var r = await Probe("127.0.0.1", server.Port);
        Assert.Equal(CheckStatus.Pass, r["smtp"].Status);
        Assert.StartsWith("220 test.local", r["smtp"].Details["greeting"], StringComparison.Ordinal);
        Assert.Contains("SIZE 10240000", r["smtp"].Details["capabilities"], StringComparison.Ordinal);
        Assert.True(int.Parse(r["smtp"].Details["connectMs"], CultureInfo.InvariantCulture) >= 0);
        Assert.Equal((CheckStatus.Fail, "not-offered"), (r["starttls"].Status, r["starttls"].Outcome));
        Assert.Equal((CheckStatus.Error, "no-tls"), (r["certificate"].Status, r["certificate"].Outcome));
    }

    [Fact]
    public async Task Starttls_with_self_signed_certificate_works_but_the_certificate_is_untrusted()
    {
        using var cert = TestSmtpServer.Certificate(Now.AddDays(-1), Now.AddDays(90));
        using var server = new TestSmtpServer(SmtpServerMode.StartTls, cert);
        var r = await Probe("localhost", server.Port);
        Assert.Equal(CheckStatus.Pass, r["smtp"].Status);
        Assert.Equal((CheckStatus.Pass, "ok"), (r["starttls"].Status, r["starttls"].Outcome));
        Assert.Equal("PLAIN LOGIN", r["smtp"].Details["auth"]);
        Assert.Equal((CheckStatus.Fail, "untrusted"), (r["certificate"].Status, r["certificate"].Outcome));
        Assert.Equal("CN=localhost", r["certificate"].Details["subject"]);
        Assert.Equal("localhost", r["certificate"].Details["names"]);
    }

    [Fact]
    public async Task Expired_certificate_fails_as_expired()
    {
        using var cert = TestSmtpServer.Certificate(Now.AddDays(-100), Now.AddDays(-10));
        using var server = new TestSmtpServer(SmtpServerMode.StartTls, cert);
        var r = await Probe("localhost", server.Port);
        Assert.Equal(CheckStatus.Pass, r["starttls"].Status);
        Assert.Equal((CheckStatus.Fail, "expired"), (r["certificate"].Status, r["certificate"].Outcome));
        Assert.True(int.Parse(r["certificate"].Details["daysLeft"], CultureInfo.InvariantCulture) < 0);
    }

    [Fact]
    public async Task Implicit_tls_port_is_encrypted_from_the_start()
    {
        using var cert = TestSmtpServer.Certificate(Now.AddDays(-1), Now.AddDays(90));
        using var server = new TestSmtpServer(SmtpServerMode.ImplicitTls, cert);
        var r = await Probe("localhost", server.Port, implicitPort: server.Port);
        Assert.Equal(CheckStatus.Pass, r["smtp"].Status);
        Assert.Equal((CheckStatus.Pass, "implicit"), (r["starttls"].Status, r["starttls"].Outcome));
        Assert.NotEqual(CheckStatus.Error, r["certificate"].Status);
    }

    [Fact]
    public async Task Implicit_tls_against_a_plain_server_fails_the_handshake()
    {
        using var server = new TestSmtpServer(SmtpServerMode.Plain);
        var r = await Probe("127.0.0.1", server.Port, implicitPort: server.Port);
        Assert.Equal((CheckStatus.Fail, "tls-failed"), (r["smtp"].Status, r["smtp"].Outcome));
    }

    [Fact]
    public async Task Closed_port_is_refused()
    {
        var r = await Probe("127.0.0.1", TestSmtpServer.ClosedPort());
        Assert.Equal((CheckStatus.Fail, "refused"), (r["smtp"].Status, r["smtp"].Outcome));
        Assert.Equal((CheckStatus.Error, "no-connection"), (r["starttls"].Status, r["starttls"].Outcome));
    }

    [Fact]
    public async Task Port_that_accepts_but_never_answers_is_told_apart_from_refused()
    {
        using var server = new TestSmtpServer(SmtpServerMode.Silent);
        var r = await Probe("127.0.0.1", server.Port, stepSeconds: 1);
        Assert.Equal((CheckStatus.Fail, "no-greeting"), (r["smtp"].Status, r["smtp"].Outcome));
        Assert.True(r["smtp"].Details.ContainsKey("connectMs"));
    }

    [Fact]
    public async Task Greeting_with_554_is_a_rejection()
    {
        using var server = new TestSmtpServer(SmtpServerMode.Rejecting);
        var r = await Probe("127.0.0.1", server.Port);
        Assert.Equal((CheckStatus.Fail, "rejected"), (r["smtp"].Status, r["smtp"].Outcome));
        Assert.StartsWith("554", r["smtp"].Details["greeting"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_name_without_address_cannot_be_probed()
    {
        var r = await Probe("ghost.broken.test", 25);
        Assert.Equal((CheckStatus.Error, "no-address"), (r["smtp"].Status, r["smtp"].Outcome));
    }

    [Fact]
    public async Task Domain_check_probes_the_primary_mail_server_on_the_configured_port()
    {
        using var server = new TestSmtpServer(SmtpServerMode.Plain);
        var options = world.Options with { MxPorts = [server.Port] };
        Assert.True(CheckTarget.TryParse("good.test", out var t));
        var report = await new CheckRunner(options).RunAsync([new CheckRequest(t)], Language.En);
        var smtp = report.Targets.Single().Checks.Single(c => c.Id == "smtp:" + server.Port.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(CheckStatus.Pass, smtp.Status);
        Assert.Equal("mx1.good.test", smtp.Details["host"]);
    }
}

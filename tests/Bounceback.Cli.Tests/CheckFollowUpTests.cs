using System.Text.Json;
using Bounceback.Tests.Servers;

namespace Bounceback.Cli.Tests;

/// <summary>`parse --check`: the live checks that fit each bounce run after the parse output.</summary>
[Collection(nameof(CheckFollowUpTests))]
[CollectionDefinition(nameof(CheckFollowUpTests), DisableParallelization = true)]
public class CheckFollowUpTests(CheckTestWorld world) : IClassFixture<CheckTestWorld>
{
    // A delivery status notification written for this test (RFC 3464), one recipient per case.
    private static string Dsn(string recipient, string status, string diagnostic) => $"""
        From: Mail Delivery System <MAILER-DAEMON@relay.example.org>
        To: sender@example.org
        Subject: Undelivered Mail Returned to Sender
        Date: Mon, 23 Nov 2026 10:00:00 +0000
        Message-ID: <dsn-test-1@relay.example.org>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; relay.example.org

        Final-Recipient: rfc822; {recipient}
        Action: failed
        Status: {status}
        Diagnostic-Code: smtp; {diagnostic}

        --b1--
        """.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    private async Task<(int Code, string Output, string Error)> Parse(string message, params string[] extra)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dsn-{Guid.NewGuid():N}.eml");
        await File.WriteAllTextAsync(file, message);
        var previous = Environment.GetEnvironmentVariable("BOUNCEBACK_DNS_SERVER");
        Environment.SetEnvironmentVariable("BOUNCEBACK_DNS_SERVER", world.Dns.EndPoint.ToString());
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await BouncebackCli.RunAsync(["parse", file, "--lang", "en", .. extra], output, error, TextReader.Null, CancellationToken.None);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("BOUNCEBACK_DNS_SERVER", previous);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Unknown_domain_bounce_with_check_runs_domain_checks_on_the_recipient_domain()
    {
        var (code, output, _) = await Parse(Dsn("jan@nope.test", "5.1.2", "550 5.1.2 Host or domain name not found"), "--check");
        Assert.Equal(0, code);
        Assert.Contains("domain-exists", output, StringComparison.Ordinal);
        Assert.Contains("nope.test does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blocklist_bounce_with_check_and_json_adds_a_check_report_line()
    {
        var (_, output, _) = await Parse(Dsn("jan@good.test", "5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.2] blocked using zen.spamhaus.org"), "--check", "--jsonl");
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using var doc = JsonDocument.Parse(last);
        var target = Assert.Single(doc.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal("192.0.2.2", target.GetProperty("target").GetString());
        var ids = target.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(["ptr", "fcrdns", "dnsbl:zen.spamhaus.org"], ids);
    }

    [Fact]
    public async Task Without_check_no_live_check_runs()
    {
        var before = world.Dns.Queries;
        var (_, output, _) = await Parse(Dsn("jan@nope.test", "5.1.2", "550 5.1.2 Host or domain name not found"));
        Assert.DoesNotContain("domain-exists", output, StringComparison.Ordinal);
        Assert.Equal(before, world.Dns.Queries);
    }

    [Fact]
    public async Task Check_with_a_value_that_is_not_host_and_port_is_a_usage_error()
    {
        var (code, _, error) = await Parse(Dsn("jan@nope.test", "5.1.2", "550 5.1.2 Host or domain name not found"), "--check", "smtp.example.test");
        Assert.Equal(2, code);
        Assert.Contains("--check", error, StringComparison.Ordinal);
    }
}

/// <summary>`explain --check`: the live checks that fit the explained text.</summary>
[Collection(nameof(CheckFollowUpTests))]
public class ExplainCheckTests
{
    private static async Task<(int Code, string Output)> Explain(params string[] args)
    {
        var output = new StringWriter();
        var code = await BouncebackCli.RunAsync(["explain", .. args], output, new StringWriter(), TextReader.Null, CancellationToken.None);
        return (code, output.ToString());
    }

    [Fact]
    public async Task Connection_error_with_check_probes_the_given_outgoing_server()
    {
        var port = TestSmtpServer.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (_, output) = await Explain("0x800CCC0E", "--lang", "en", "--check", "127.0.0.1:" + port);
        Assert.Contains("smtp:" + port, output, StringComparison.Ordinal);
        Assert.Contains("refuses connections", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_without_a_fitting_check_says_so()
    {
        var (_, output) = await Explain("4.2.2", "--lang", "nl", "--check");
        Assert.Contains("Bij dit resultaat past geen live controle.", output, StringComparison.Ordinal);
    }
}

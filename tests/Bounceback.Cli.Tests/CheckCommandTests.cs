using System.Globalization;
using System.Text.Json;
using Bounceback.Tests.Servers;

namespace Bounceback.Cli.Tests;

public class CheckCommandTests(CheckTestWorld world) : IClassFixture<CheckTestWorld>
{
    private string Dns => world.Dns.EndPoint.ToString();

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BouncebackCli.RunAsync(args, output, error, TextReader.Null, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Json_output_has_the_contract_shape_and_failures_give_exit_code_1()
    {
        var (code, output, _) = await Run("check", "broken.test", "--dns-server", Dns, "--mx-ports", "none", "--json", "--lang", "en", "--timeout", "10");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["targets"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        var target = Assert.Single(doc.RootElement.GetProperty("targets").EnumerateArray());
        Assert.Equal(["checks", "target"], target.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("broken.test", target.GetProperty("target").GetString());
        var checks = target.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["domain-exists", "mx", "null-mx", "spf", "dmarc", "mta-sts", "tls-rpt"], checks.Select(c => c.GetProperty("id").GetString()));
        var spf = checks.Single(c => c.GetProperty("id").GetString() == "spf");
        Assert.Equal("fail", spf.GetProperty("status").GetString());
        Assert.Equal("11", spf.GetProperty("details").GetProperty("lookups").GetString());
        Assert.Contains("11", spf.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, spf.GetProperty("fix").ValueKind);
        Assert.Equal(["details", "fix", "id", "status", "summary"], spf.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Readable_output_in_dutch_with_only_passes_and_warnings_gives_exit_code_0()
    {
        var (code, output, _) = await Run("check", "jan@missing.test", "--dns-server", Dns, "--mx-ports", "none", "--lang", "nl");
        Assert.Equal(0, code);
        Assert.StartsWith("jan@missing.test", output, StringComparison.Ordinal);
        Assert.Contains("LET OP", output, StringComparison.Ordinal);
        Assert.Contains("Oplossing:", output, StringComparison.Ordinal);
        Assert.Contains("heeft geen SPF-record", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_target_runs_the_smtp_checks_on_its_port()
    {
        using var server = new TestSmtpServer(SmtpServerMode.Plain);
        var port = server.Port.ToString(CultureInfo.InvariantCulture);
        var (code, output, _) = await Run("check", "127.0.0.1:" + port, "--dns-server", Dns, "--json");
        using var doc = JsonDocument.Parse(output);
        var ids = doc.RootElement.GetProperty("targets")[0].GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("id").GetString());
        Assert.Equal(["smtp:" + port, "starttls:" + port, "certificate:" + port], ids);
        Assert.Equal(1, code);
    }

    [Fact]
    public async Task Blocklist_file_option_is_used_for_an_ip_target()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bl-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, CheckTestWorld.BlocklistYaml);
        try
        {
            var (code, output, _) = await Run("check", "192.0.2.2", "--dns-server", Dns, "--blocklists", file, "--lang", "en");
            Assert.Equal(1, code);
            Assert.Contains("dnsbl:bl.test", output, StringComparison.Ordinal);
            Assert.Contains("Listed as a spam source.", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "not a target")]
    [InlineData("check", "good.test", "--dns-server", "nonsense")]
    [InlineData("check", "good.test", "--timeout", "0")]
    [InlineData("check", "good.test", "--timeout", "soon")]
    [InlineData("check", "good.test", "--mx-ports", "25,x")]
    [InlineData("check", "good.test", "--blocklists", "/no/such/file.yaml")]
    public async Task Usage_errors_give_exit_code_2_and_a_message(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.NotEmpty(error.Trim());
    }
}

namespace Bounceback.Cli.Tests;

public class CliSmokeTests
{
    [Fact]
    public async Task Unknown_command_is_a_usage_error()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BouncebackCli.RunAsync(["no-such-command"], output, error, TextReader.Null, CancellationToken.None);
        Assert.NotEqual(0, code);
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Bounceback.Web.Tests;

public class HealthTests
{
    [Fact]
    public async Task Healthz_answers_ok()
    {
        await using var app = BouncebackWebApp.Build([], b => b.WebHost.UseTestServer());
        await app.StartAsync();
        var client = app.GetTestClient();
        var body = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal("ok", body);
    }
}

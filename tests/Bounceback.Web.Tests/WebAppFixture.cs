using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Bounceback.Web.Tests;

/// <summary>The real app on an in-memory test server, shared by the API and page tests of a class.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = await StartAsync(null);
        Client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>Starts an app on a test server, optionally with other limits.</summary>
    public static async Task<WebApplication> StartAsync(WebOptions? options)
    {
        var app = BouncebackWebApp.Build([], b =>
        {
            b.WebHost.UseTestServer();
            if (options is not null) b.Services.AddSingleton(options);
        });
        await app.StartAsync();
        return app;
    }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static StringContent Text(string text, string mediaType = "text/plain") =>
        new(text, System.Text.Encoding.UTF8, new MediaTypeHeaderValue(mediaType));
}

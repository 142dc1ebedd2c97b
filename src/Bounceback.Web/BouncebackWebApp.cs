using Microsoft.AspNetCore.Builder;

namespace Bounceback.Web;

/// <summary>Builds the web application (page and JSON API) over Core; `bounceback serve` runs it.</summary>
public static class BouncebackWebApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        return app;
    }
}

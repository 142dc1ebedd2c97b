using System.Reflection;
using Bounceback.Core.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bounceback.Web;

/// <summary>Builds the web application (page and JSON API) over Core; `bounceback serve` runs it.</summary>
public static class BouncebackWebApp
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'self'";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // Nothing a user sends is logged: no request logging, and framework logs only at warning level.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.TryAddSingleton(new WebOptions());
        builder.Services.AddSingleton<Analyzer>();
        builder.Services.AddProblemDetails();
        // The document names its server relative to itself ("/"): the default takes the request's Host header, which
        // anyone can set, and a cache could hand that document to others.
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = "/" }];
            return Task.CompletedTask;
        }));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, BouncebackJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, WebJsonContext.Default);
        });
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        configure?.Invoke(builder);
        builder.Services.AddRateLimiter(o => o.OnRejected = (context, _) => new ValueTask(Busy(context.HttpContext).ExecuteAsync(context.HttpContext)));
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<WebOptions>((o, web) =>
            o.AddConcurrencyLimiter(WorkPolicy, c =>
            {
                c.PermitLimit = web.MaxConcurrentWork;
                c.QueueLimit = web.MaxQueuedWork;
                c.QueueProcessingOrder = System.Threading.RateLimiting.QueueProcessingOrder.OldestFirst;
            }));
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            // Answers depend on the language the browser asks for, and an answer to a posted text or message is the
            // sender's own: not for a shared cache.
            headers.Vary = "Accept-Language";
            if (HttpMethods.IsPost(context.Request.Method)) headers.CacheControl = "no-store";
            await next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();

        app.MapMethods("/healthz", GetOrHead, () => "ok").WithSummary("Liveness: answers ok.");
        app.MapOpenApi();
        ApiEndpoints.Map(app);
        PageEndpoints.Map(app);
        MapAsset(app, "/assets/app.css", "app.css", "text/css; charset=utf-8");
        MapAsset(app, "/assets/app.js", "app.js", "text/javascript; charset=utf-8");
        // Every path, also one that looks like a file's ("/api/codes/5.7.1", "/favicon.ico"): the default fallback leaves
        // those to the bare status page. (As a RequestDelegate: the request delegate generator's interceptor for a
        // Delegate handler keeps the default "{*path:nonfile}" whatever pattern is given.)
        app.MapFallback("{*path}", context => NotFound(context).ExecuteAsync(context)).ExcludeFromDescription();
        return app;
    }

    /// <summary>The methods of every page and lookup: HEAD as well as GET (HTTP's HEAD is GET without the body, which the
    /// server leaves out).</summary>
    internal static readonly string[] GetOrHead = ["GET", "HEAD"];

    /// <summary>The policy of the explain and parse requests: at most <see cref="WebOptions.MaxConcurrentWork"/> at once,
    /// <see cref="WebOptions.MaxQueuedWork"/> more waiting; each one's body is read only when its turn comes.</summary>
    public const string WorkPolicy = "work";

    /// <summary>The answer when too many requests wait already: 503 with Retry-After, a problem (API) or the page.</summary>
    private static IResult Busy(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "5";
        return http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? ApiEndpoints.Problem(http, StatusCodes.Status503ServiceUnavailable, "web.error.busy")
            : PageEndpoints.Page(new Pages(http).Explain(null, null, "web.error.busy"), StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>What no endpoint answers: a 405 for the POST-only API paths, else a 404 problem (API) or page.</summary>
    private static IResult NotFound(HttpContext http)
    {
        var path = http.Request.Path;
        if (path.Equals("/api/explain", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/parse", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.Allow = "POST";
            return ApiEndpoints.Problem(http, StatusCodes.Status405MethodNotAllowed, "web.error.method");
        }
        // A page or lookup asked with another method than it answers: 405 with the methods it does.
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && MethodsOf(path) is { } allowed)
        {
            http.Response.Headers.Allow = allowed;
            return path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                ? ApiEndpoints.Problem(http, StatusCodes.Status405MethodNotAllowed, "web.error.method-page")
                : PageEndpoints.Page(new Pages(http).Explain(null, null, "web.error.method-page"), StatusCodes.Status405MethodNotAllowed);
        }
        return path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? ApiEndpoints.Problem(http, StatusCodes.Status404NotFound, "web.error.not-found")
            : PageEndpoints.Page(new Pages(http).NotFound(), StatusCodes.Status404NotFound);
    }

    /// <summary>The methods a page or lookup path answers ("/" takes the form's POST too); null for other paths.</summary>
    private static string? MethodsOf(PathString path)
    {
        var p = path.Value ?? "/";
        foreach (var prefix in new[] { "/nl", "/en" })
        {
            if (p.Equals(prefix, StringComparison.OrdinalIgnoreCase)) p = "/";
            else if (p.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)) p = p[prefix.Length..];
        }
        if (p == "/") return "GET, HEAD, POST";
        return p.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || p.StartsWith("/codes", StringComparison.OrdinalIgnoreCase)
            || p.StartsWith("/api/codes", StringComparison.OrdinalIgnoreCase) ? "GET, HEAD" : null;
    }

    /// <summary>Serves a file embedded in this assembly (the page's own CSS and script; nothing from outside).</summary>
    private static void MapAsset(WebApplication app, string path, string resource, string contentType)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("assets/" + resource)
            ?? throw new InvalidOperationException($"Missing embedded asset {resource}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        app.MapGet(path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Bytes(bytes, contentType);
        }).ExcludeFromDescription();
    }
}

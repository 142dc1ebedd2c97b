using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Bounceback.Web;

/// <summary>The HTML pages; every one works without JavaScript. /nl/... and /en/... choose the language too.</summary>
internal static class PageEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "", "/nl", "/en" })
        {
            var group = prefix.Length == 0 ? app.MapGroup("") : app.MapGroup(prefix);
            group.MapMethods("/", BouncebackWebApp.GetOrHead, (HttpContext http) => Page(new Pages(http).Explain(null, null, null))).ExcludeFromDescription();
            group.MapPost("/", ExplainFormAsync).RequireRateLimiting(BouncebackWebApp.WorkPolicy).ExcludeFromDescription();
            group.MapMethods("/codes", BouncebackWebApp.GetOrHead, (HttpContext http, string? q) => Page(new Pages(http).Index(q))).ExcludeFromDescription();
            group.MapMethods("/codes/{code}", BouncebackWebApp.GetOrHead, (HttpContext http, string code) =>
            {
                var findings = CodeLookup.Find(code, LanguageChoice.Of(http));
                var providers = CodeLookup.ProvidersUsing(code);
                var status = findings.Count == 0 && providers.Count == 0 ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
                return Page(new Pages(http).Code(code, null, findings, providers), status);
            }).ExcludeFromDescription();
            group.MapMethods("/codes/{provider}/{token}", BouncebackWebApp.GetOrHead, (HttpContext http, string provider, string token) =>
            {
                var findings = CodeLookup.FindForProvider(provider, token, LanguageChoice.Of(http)) ?? [];
                return Page(new Pages(http).Code(token, provider, findings, []), findings.Count == 0 ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
            }).ExcludeFromDescription();
        }
    }

    public static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        TypedResults.Text(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    /// <summary>The form post: a pasted text and/or one uploaded file; answers with the whole page.</summary>
    private static async Task<IResult> ExplainFormAsync(HttpContext http, Analyzer analyzer, WebOptions options)
    {
        var pages = new Pages(http);
        var media = RequestBody.MediaType(http.Request);
        if (media is not ("multipart/form-data" or "application/x-www-form-urlencoded"))
            return Page(pages.Explain(null, null, "web.error.media-type-form"), StatusCodes.Status415UnsupportedMediaType);
        byte[] body;
        try
        {
            body = await RequestBody.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        }
        catch (BodyTooLargeException)
        {
            return Page(pages.Explain(null, null, "web.error.too-large"), StatusCodes.Status413PayloadTooLarge);
        }
        catch (UnreadableBodyException)
        {
            return Page(pages.Explain(null, null, "web.error.body-unreadable"), StatusCodes.Status400BadRequest);
        }
        string? text;
        UploadedFile? file = null;
        if (media == "multipart/form-data")
        {
            FormInput form;
            try
            {
                form = await RequestBody.ReadMultipartAsync(http.Request, body, http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                return Page(pages.Explain(null, null, "web.error.bad-multipart"), StatusCodes.Status400BadRequest);
            }
            text = form.Fields.GetValueOrDefault("text");
            file = form.Files.Count > 0 ? form.Files[0] : null;
        }
        else
        {
            text = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).TryGetValue("text", out var v) ? v.ToString() : null;
        }
        if (string.IsNullOrWhiteSpace(text) && file is null)
            return Page(pages.Explain(text, null, "web.error.empty"), StatusCodes.Status400BadRequest);
        try
        {
            var analysis = await analyzer.AnalyzeAsync(string.IsNullOrWhiteSpace(text) ? null : text, file, LanguageChoice.Of(http), http.RequestAborted);
            return Page(pages.Explain(text, analysis, null));
        }
        catch (TimeoutException)
        {
            return Page(pages.Explain(text, null, "web.error.timeout"), StatusCodes.Status503ServiceUnavailable);
        }
    }
}

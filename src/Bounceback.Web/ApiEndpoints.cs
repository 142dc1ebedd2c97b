using System.Text.Json;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Bounceback.Core.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Bounceback.Web;

/// <summary>The JSON API: explain, parse, code lookups and search. Errors are RFC 9457 problem details.</summary>
internal static class ApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/explain", ExplainAsync).RequireRateLimiting(BouncebackWebApp.WorkPolicy)
            .WithName("Explain").WithSummary("Explains every code in a text (text/plain, or JSON {\"text\": \"...\"}).")
            .AddOpenApiOperationTransformer((op, _, _) => RequestBodyOf(op, "text/plain", "application/json"))
            .Produces<ExplainReport>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost("/parse", ParseAsync).RequireRateLimiting(BouncebackWebApp.WorkPolicy)
            .WithName("Parse").WithSummary("Parses a bounce message (message/rfc822, text/plain, or a multipart upload) into one record per recipient.")
            .AddOpenApiOperationTransformer((op, _, _) => RequestBodyOf(op, "message/rfc822", "text/plain", "multipart/form-data"))
            .Produces<IReadOnlyList<BounceResult>>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // The lookups take their question in the URL: Kestrel answers 414 (no body) to a request line over its limit.
        api.MapMethods("/codes", BouncebackWebApp.GetOrHead, (HttpContext http, string? q) =>
                TypedResults.Json(CodeLookup.Search(q, LanguageChoice.Of(http)), WebJsonContext.Default.IReadOnlyListCodeSummary))
            .WithName("SearchCodes").WithSummary("Searches the catalog by code, symbol or words.")
            .Produces<IReadOnlyList<CodeSummary>>().Produces(StatusCodes.Status414UriTooLong);
        api.MapMethods("/codes/{code}", BouncebackWebApp.GetOrHead, (HttpContext http, string code) =>
            {
                var findings = CodeLookup.Find(code, LanguageChoice.Of(http));
                return findings.Count == 0
                    ? Problem(http, StatusCodes.Status404NotFound, "web.error.unknown-code")
                    : TypedResults.Json(findings[0], WebJsonContext.Default.Finding);
            })
            .WithName("GetCode").WithSummary("Explains one code: known, explained from its parts, or a provider token.")
            .Produces<Finding>().ProducesProblem(StatusCodes.Status404NotFound).Produces(StatusCodes.Status414UriTooLong);
        api.MapMethods("/codes/{provider}/{token}", BouncebackWebApp.GetOrHead, (HttpContext http, string provider, string token) =>
            {
                var findings = CodeLookup.FindForProvider(provider, token, LanguageChoice.Of(http));
                return findings is null || findings.Count == 0
                    ? Problem(http, StatusCodes.Status404NotFound, "web.error.unknown-code")
                    : TypedResults.Json(findings, WebJsonContext.Default.IReadOnlyListFinding);
            })
            .WithName("GetProviderCode").WithSummary("A provider's explanations of one of its tokens (several when wording tells them apart).")
            .Produces<IReadOnlyList<Finding>>().ProducesProblem(StatusCodes.Status404NotFound).Produces(StatusCodes.Status414UriTooLong);
    }

    private static async Task<IResult> ExplainAsync(HttpContext http, Analyzer analyzer, WebOptions options)
    {
        var language = LanguageChoice.Of(http);
        var media = RequestBody.MediaType(http.Request);
        if (media is not ("text/plain" or "application/json")) return Problem(http, StatusCodes.Status415UnsupportedMediaType, "web.error.media-type-explain");
        byte[] body;
        try
        {
            body = await RequestBody.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        }
        catch (BodyTooLargeException)
        {
            return Problem(http, StatusCodes.Status413PayloadTooLarge, "web.error.too-large");
        }
        catch (UnreadableBodyException)
        {
            return Problem(http, StatusCodes.Status400BadRequest, "web.error.body-unreadable");
        }
        string? text;
        if (media == "application/json")
        {
            try
            {
                text = JsonSerializer.Deserialize(body, WebJsonContext.Default.ExplainRequest)?.Text;
            }
            catch (JsonException)
            {
                return Problem(http, StatusCodes.Status400BadRequest, "web.error.bad-json");
            }
        }
        else
        {
            text = RequestBody.Decode(http.Request, body);
        }
        if (string.IsNullOrWhiteSpace(text)) return Problem(http, StatusCodes.Status400BadRequest, "web.error.empty-explain");
        try
        {
            var report = await analyzer.ExplainAsync(text, language, http.RequestAborted);
            return TypedResults.Json(report, BouncebackJsonContext.Default.ExplainReport);
        }
        catch (TimeoutException)
        {
            return Timeout(http);
        }
    }

    private static async Task<IResult> ParseAsync(HttpContext http, Analyzer analyzer, WebOptions options)
    {
        var language = LanguageChoice.Of(http);
        var media = RequestBody.MediaType(http.Request);
        if (media is not ("message/rfc822" or "text/plain" or "multipart/form-data")) return Problem(http, StatusCodes.Status415UnsupportedMediaType, "web.error.media-type-parse");
        byte[] body;
        try
        {
            body = await RequestBody.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        }
        catch (BodyTooLargeException)
        {
            return Problem(http, StatusCodes.Status413PayloadTooLarge, "web.error.too-large");
        }
        catch (UnreadableBodyException)
        {
            return Problem(http, StatusCodes.Status400BadRequest, "web.error.body-unreadable");
        }
        IReadOnlyList<UploadedFile> messages;
        if (media == "multipart/form-data")
        {
            try
            {
                messages = (await RequestBody.ReadMultipartAsync(http.Request, body, http.RequestAborted)).Files;
            }
            catch (InvalidDataException)
            {
                return Problem(http, StatusCodes.Status400BadRequest, "web.error.bad-multipart");
            }
        }
        else
        {
            messages = body.Length == 0 ? [] : [new UploadedFile("-", body)];
        }
        if (messages.Count == 0 || messages.All(m => m.Content.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')))
            return Problem(http, StatusCodes.Status400BadRequest, "web.error.empty-parse");
        var results = new List<BounceResult>();
        try
        {
            foreach (var message in messages)
            {
                var outcome = await analyzer.ParseAsync(message.Content, message.Name, language, http.RequestAborted);
                if (outcome.Kind == ParseOutcomeKind.Failed) return Problem(http, StatusCodes.Status400BadRequest, "web.error.unreadable");
                results.AddRange(outcome.Results);
            }
        }
        catch (TimeoutException)
        {
            return Timeout(http);
        }
        return TypedResults.Json<IReadOnlyList<BounceResult>>(results, BouncebackJsonContext.Default.IReadOnlyListBounceResult);
    }

    /// <summary>
    /// Documents the accepted body types. (Accepts() would make routing refuse other types before the handler can
    /// answer them with a problem details 415.)
    /// </summary>
    private static Task RequestBodyOf(OpenApiOperation operation, params string[] mediaTypes)
    {
        var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
        foreach (var m in mediaTypes)
        {
            content[m] = new OpenApiMediaType
            {
                Schema = m == "application/json"
                    ? new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal) { ["text"] = new OpenApiSchema { Type = JsonSchemaType.String } },
                    }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
        return Task.CompletedTask;
    }

    private static IResult Timeout(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "5";
        return Problem(http, StatusCodes.Status503ServiceUnavailable, "web.error.timeout");
    }

    /// <summary>A problem details response whose title and detail are in the request's language.</summary>
    public static IResult Problem(HttpContext http, int status, string detailKey)
    {
        var language = LanguageChoice.Of(http);
        var catalog = Diagnoser.Default.Catalog;
        return TypedResults.Problem(
            detail: catalog.Text(detailKey, language),
            statusCode: status,
            title: catalog.Text("web.problem." + status.ToString(System.Globalization.CultureInfo.InvariantCulture), language));
    }
}

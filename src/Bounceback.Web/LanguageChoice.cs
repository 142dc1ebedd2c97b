using Bounceback.Core.Codes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Headers;

namespace Bounceback.Web;

/// <summary>Picks the answer language: ?lang= first, then a /nl/ or /en/ path prefix, then Accept-Language, else English.</summary>
internal static class LanguageChoice
{
    public static Language Of(HttpContext context)
    {
        var request = context.Request;
        if (Vocabulary.TryParseLanguage(request.Query["lang"].ToString(), out var fromQuery)) return fromQuery;
        var path = request.Path.Value ?? "";
        if (path.StartsWith("/nl/", StringComparison.OrdinalIgnoreCase) || path.Equals("/nl", StringComparison.OrdinalIgnoreCase)) return Language.Nl;
        if (path.StartsWith("/en/", StringComparison.OrdinalIgnoreCase) || path.Equals("/en", StringComparison.OrdinalIgnoreCase)) return Language.En;
        RequestHeaders headers;
        try
        {
            headers = request.GetTypedHeaders();
            var ranked = headers.AcceptLanguage
                .Where(l => l.Quality is null or > 0)
                .OrderByDescending(l => l.Quality ?? 1.0);
            foreach (var l in ranked)
            {
                if (Vocabulary.TryParseLanguage(l.Value.Value, out var fromHeader)) return fromHeader;
            }
        }
        catch (FormatException)
        {
            // A malformed Accept-Language header is ignored.
        }
        return Language.En;
    }
}

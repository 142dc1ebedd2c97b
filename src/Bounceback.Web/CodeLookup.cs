using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Web;

/// <summary>Finds the explanation of one code for a permalink or an API lookup.</summary>
internal static class CodeLookup
{
    private const int MaxCodeLength = 64;

    private static ExplanationCatalog Catalog => Diagnoser.Default.Catalog;

    /// <summary>A code from a path segment: ASP.NET Core leaves an escaped slash ("%2F") escaped there, and a POP3
    /// response code such as SYS/PERM holds one.</summary>
    private static string Unescaped(string code) => code.Trim().Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The kind a written code has by its form, or null when it has none of the generic forms.</summary>
    public static (CodeKind Kind, string Normal)? KindOf(string code)
    {
        if (EnhancedStatus.TryParse(code, out var status)) return (CodeKind.Enhanced, status.ToString());
        if (ClientErrorCode.TryParse(code, out var client)) return (CodeKind.WindowsClient, client.ToString());
        if (ReplyCode.TryParse(code, out var reply)) return (CodeKind.Reply, reply.ToString());
        if (WinsockError.TryParse(code, out var winsock)) return (CodeKind.Winsock, winsock.ToString());
        // A POP3/IMAP response code ("AUTH", "[IN-USE]", "SYS/PERM") has no form of its own: the catalog knows it or not.
        if (Catalog.Find(CodeKind.Access, code) is { } access) return (CodeKind.Access, access.Code);
        return null;
    }

    /// <summary>
    /// The explanation of a code: a generic code (known or explained from its parts), a class-independent catalog
    /// code ("x.7.1"), or, for a token of no generic form, the entries of every provider that uses it. Empty when
    /// nothing explains it.
    /// </summary>
    public static IReadOnlyList<Finding> Find(string code, Language language)
    {
        code = Unescaped(code);
        if (code.Length is 0 or > MaxCodeLength) return [];
        if (code.StartsWith("x.", StringComparison.OrdinalIgnoreCase))
            return Catalog.Find(CodeKind.Enhanced, code) is { } xEntry ? [FromEntry(xEntry, xEntry.Code, language)] : [];
        if (KindOf(code) is var (kind, normal))
            return Diagnoser.Default.ExplainCode(kind, normal, language) is { } finding ? [finding] : [];
        var byProvider = new List<Finding>();
        foreach (var provider in Catalog.Providers)
        {
            foreach (var entry in Catalog.FindForProvider(provider.Id, code)) byProvider.Add(FromEntry(entry, entry.Code, language));
        }
        return byProvider;
    }

    /// <summary>The providers that give a generic code a meaning of their own (for links from the generic page).</summary>
    public static IReadOnlyList<ProviderProfile> ProvidersUsing(string code)
    {
        code = Unescaped(code);
        if (code.Length is 0 or > MaxCodeLength || KindOf(code) is null) return [];
        return Catalog.Providers.Where(p => Catalog.FindForProvider(p.Id, code).Count > 0).ToList();
    }

    /// <summary>A provider's entries for a token; null when the provider is unknown.</summary>
    public static IReadOnlyList<Finding>? FindForProvider(string provider, string token, Language language)
    {
        var profile = Catalog.Providers.FirstOrDefault(p => p.Id.Equals(provider, StringComparison.OrdinalIgnoreCase));
        if (profile is null) return null;
        token = token.Trim();
        if (token.Length is 0 or > MaxCodeLength) return [];
        return Catalog.FindForProvider(profile.Id, token).Select(e => FromEntry(e, e.Code, language)).ToList();
    }

    public static Finding FromEntry(CatalogEntry entry, string code, Language language)
    {
        var severity = entry.Severity
            ?? (EnhancedStatus.TryParse(code, out var s) ? s.Severity : Severity.Unknown);
        return new Finding
        {
            Kind = entry.Kind, Code = code, MatchedText = code, Start = 0, Length = code.Length, Known = true,
            Title = entry.Title.Get(language), Meaning = entry.Meaning.Get(language), Causes = entry.Causes.Get(language),
            FaultSide = entry.FaultSide, Severity = severity, Reason = entry.Reason,
            Steps = new Steps(entry.SenderSteps.Get(language), entry.AdminSteps.Get(language)), Source = entry.Source,
            Provider = entry.Provider,
        };
    }

    /// <summary>The permalink path of a code (without language).</summary>
    public static string Permalink(string code, string? provider) =>
        provider is null
            ? "/codes/" + Uri.EscapeDataString(code)
            : "/codes/" + Uri.EscapeDataString(provider) + "/" + Uri.EscapeDataString(code);

    /// <summary>The catalog's entries as search results in one language.</summary>
    public static IReadOnlyList<CodeSummary> Search(string? query, Language language, int limit = 500) =>
        Catalog.Search(query, limit).Select(e => new CodeSummary(e.Code, e.Kind, e.Provider, e.Title.Get(language), Permalink(e.Code, e.Provider))).ToList();
}

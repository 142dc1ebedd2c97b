using System.Reflection;
using Bounceback.Core.Codes;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bounceback.Core.Catalog;

/// <summary>
/// The bilingual catalog of explanations, loaded once from the YAML files embedded in Core (Catalog/Data), and its
/// indexes. Immutable and safe to share between threads.
/// </summary>
public sealed class ExplanationCatalog
{
    private static readonly Lazy<ExplanationCatalog> DefaultCatalog = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<(CodeKind, string), CatalogEntry> _generic;
    private readonly Dictionary<(string Provider, string Code), List<CatalogEntry>> _byProvider;
    private readonly Dictionary<string, LocalizedText> _strings;

    /// <summary>The catalog shipped with the library.</summary>
    public static ExplanationCatalog Default => DefaultCatalog.Value;

    public IReadOnlyList<CatalogEntry> Entries { get; }
    public IReadOnlyList<ProviderProfile> Providers { get; }
    /// <summary>User-interface texts shared by the hosts (labels, vocabulary names, messages), by key.</summary>
    public IReadOnlyDictionary<string, LocalizedText> Strings => _strings;

    private ExplanationCatalog(List<CatalogEntry> entries, List<ProviderProfile> providers, Dictionary<string, LocalizedText> strings)
    {
        Entries = entries;
        Providers = providers;
        _strings = strings;
        _generic = new Dictionary<(CodeKind, string), CatalogEntry>();
        _byProvider = new Dictionary<(string, string), List<CatalogEntry>>();
        foreach (var e in entries)
        {
            var key = NormalizeCode(e.Kind, e.Code);
            if (e.Provider is null)
            {
                if (!_generic.TryAdd((e.Kind, key), e))
                    throw new CatalogException($"Duplicate {e.Kind.Token()} code '{e.Code}' in {e.File} and {_generic[(e.Kind, key)].File}.");
            }
            else
            {
                var pk = (e.Provider, key.ToUpperInvariant());
                if (!_byProvider.TryGetValue(pk, out var list)) _byProvider[pk] = list = [];
                list.Add(e);
            }
        }
    }

    /// <summary>The generic entry for a code: for enhanced codes the class-specific entry, else the x-form.</summary>
    public CatalogEntry? Find(CodeKind kind, string code)
    {
        if (kind == CodeKind.Enhanced && EnhancedStatus.TryParse(code, out var status))
        {
            return _generic.GetValueOrDefault((kind, status.ToString()))
                ?? _generic.GetValueOrDefault((kind, status.ClassIndependent));
        }
        return _generic.GetValueOrDefault((kind, NormalizeCode(kind, code)));
    }

    /// <summary>The provider's entries for a code or token (several when phrases tell them apart); empty when none.</summary>
    public IReadOnlyList<CatalogEntry> FindForProvider(string provider, string code) =>
        _byProvider.TryGetValue((provider, NormalizeCode(CodeKind.Provider, code).ToUpperInvariant()), out var list) ? list : [];

    /// <summary>A user-interface text by key, or the key itself when missing (so a gap is visible, never a crash).</summary>
    public string Text(string key, Language language) =>
        _strings.TryGetValue(key, out var t) ? t.Get(language) : key;

    /// <summary>Entries whose code, symbol, title or meaning contains every word of the query (case-insensitive, both languages).</summary>
    public IReadOnlyList<CatalogEntry> Search(string? query, int limit = 200)
    {
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return Entries.Take(limit).ToList();
        var hits = new List<(int Score, CatalogEntry Entry)>();
        foreach (var e in Entries)
        {
            var score = 0;
            var all = true;
            foreach (var w in words)
            {
                if (e.Code.Equals(w, StringComparison.OrdinalIgnoreCase)) score += 100;
                else if (e.Code.Contains(w, StringComparison.OrdinalIgnoreCase) || (e.Symbol?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false)) score += 20;
                else if (e.Title.En.Contains(w, StringComparison.OrdinalIgnoreCase) || e.Title.Nl.Contains(w, StringComparison.OrdinalIgnoreCase)) score += 5;
                else if (e.Meaning.En.Contains(w, StringComparison.OrdinalIgnoreCase) || e.Meaning.Nl.Contains(w, StringComparison.OrdinalIgnoreCase)
                         || (e.Provider?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false)) score += 1;
                else { all = false; break; }
            }
            if (all) hits.Add((score, e));
        }
        return hits.OrderByDescending(h => h.Score).Select(h => h.Entry).Take(limit).ToList();
    }

    /// <summary>The key form of a code: hex upper-case with 0x, enhanced x-form lower-case, tokens as written.</summary>
    public static string NormalizeCode(CodeKind kind, string code)
    {
        var c = code.Trim();
        return kind switch
        {
            CodeKind.WindowsClient when ClientErrorCode.TryParse(c, out var h) => h.ToString(),
            CodeKind.Enhanced when c.StartsWith("x.", StringComparison.OrdinalIgnoreCase) => "x" + c[1..],
            CodeKind.Enhanced when EnhancedStatus.TryParse(c, out var s) => s.ToString(),
            _ => c,
        };
    }

    /// <summary>Loads the catalog embedded in this assembly.</summary>
    public static ExplanationCatalog LoadEmbedded()
    {
        var asm = typeof(ExplanationCatalog).Assembly;
        var files = asm.GetManifestResourceNames()
            .Where(n => n.StartsWith("catalog/", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n, (Func<Stream>)(() => asm.GetManifestResourceStream(n)!)));
        return Load(files);
    }

    /// <summary>Loads a catalog from named YAML streams (used by tests to load a catalog of their own).</summary>
    public static ExplanationCatalog Load(IEnumerable<(string Name, Func<Stream> Open)> files)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        var entries = new List<CatalogEntry>();
        var providers = new List<ProviderProfile>();
        var strings = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var (name, open) in files)
        {
            CatalogFileDto dto;
            try
            {
                using var stream = open();
                using var reader = new StreamReader(stream);
                dto = deserializer.Deserialize<CatalogFileDto>(reader) ?? new CatalogFileDto();
            }
            catch (YamlDotNet.Core.YamlException ex)
            {
                throw new CatalogException($"Catalog file {name} is not valid: {ex.Message}", ex);
            }
            if (dto.Strings is not null)
            {
                foreach (var (k, v) in dto.Strings) strings[k] = new LocalizedText(v.En ?? "", v.Nl ?? "");
            }
            string? providerId = null;
            if (dto.Provider is not null)
            {
                providerId = dto.Provider.Id ?? throw new CatalogException($"{name}: provider without id.");
                providers.Add(new ProviderProfile(providerId, dto.Provider.Name ?? providerId, dto.Provider.Detect, dto.Provider.Tokens));
            }
            foreach (var e in dto.Entries) entries.Add(ToEntry(name, dto.Family, providerId, e));
        }
        return new ExplanationCatalog(entries, providers, strings);
    }

    private static CatalogEntry ToEntry(string file, string? family, string? provider, EntryDto e)
    {
        var code = e.Code ?? throw new CatalogException($"{file}: an entry has no code.");
        var kindToken = e.Kind ?? family;
        if (!Vocabulary.TryParseKind(kindToken, out var kind)) throw new CatalogException($"{file}: {code}: unknown kind '{kindToken}'.");
        if (!Vocabulary.TryParseFaultSide(e.FaultSide, out var side)) throw new CatalogException($"{file}: {code}: unknown faultSide '{e.FaultSide}'.");
        Severity? severity = null;
        if (e.Severity is not null)
        {
            if (!Vocabulary.TryParseSeverity(e.Severity, out var s)) throw new CatalogException($"{file}: {code}: unknown severity '{e.Severity}'.");
            severity = s;
        }
        if (!BounceReasons.TryParse(e.Reason, out var reason)) throw new CatalogException($"{file}: {code}: unknown reason '{e.Reason}'.");
        return new CatalogEntry
        {
            Code = code.Trim(),
            Kind = kind,
            Provider = provider,
            Symbol = e.Symbol,
            Title = Text(e.Title),
            Meaning = Text(e.Meaning),
            Causes = List(e.Causes),
            SenderSteps = List(e.Steps?.Sender),
            AdminSteps = List(e.Steps?.Admin),
            FaultSide = side,
            Severity = severity,
            Reason = reason,
            Source = e.Source ?? "",
            Phrases = e.Phrases,
            Reply = e.Reply,
            File = file,
        };
    }

    private static LocalizedText Text(TextDto? t) => t is null ? LocalizedText.Empty : new LocalizedText(t.En?.Trim() ?? "", t.Nl?.Trim() ?? "");

    private static LocalizedList List(ListDto? l) => l is null ? LocalizedList.Empty : new LocalizedList(l.En.Select(s => s.Trim()).ToList(), l.Nl.Select(s => s.Trim()).ToList());
}

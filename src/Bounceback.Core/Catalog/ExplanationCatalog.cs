using Bounceback.Core.Codes;

namespace Bounceback.Core.Catalog;

/// <summary>
/// The bilingual catalog of explanations, loaded once from the YAML files of Core (Catalog/Data, embedded in compiled form), and its
/// indexes. Immutable and safe to share between threads.
/// </summary>
public sealed class ExplanationCatalog
{
    private static readonly Lazy<ExplanationCatalog> DefaultCatalog = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    // Each file's entries are built when one of them is first needed (a start of the tool explaining 5.1.1 reads the
    // enhanced codes only); the indexes are built at once from the code and kind of every entry.
    private readonly FileSlot[] _files;
    private readonly Dictionary<string, int> _generic;            // kind + code key -> entry id
    private readonly Dictionary<string, int[]> _byProvider;       // provider + code key -> entry ids
    private readonly Dictionary<string, int[]> _wording;          // kind + code key -> ids of wording entries (wording.yaml)
    private readonly Dictionary<string, string?> _ownerOfStatus;  // enhanced status -> the one provider defining it (null: several)
    private readonly Dictionary<string, (CodeKind Kind, string Code)> _bySymbol;   // IXP_E_..., WSAE... -> code
    private readonly Dictionary<string, (CodeKind Kind, string Code)>.AlternateLookup<ReadOnlySpan<char>> _symbolLookup;
    private readonly Dictionary<string, LocalizedText> _strings;
    private readonly Lazy<IReadOnlyList<CatalogEntry>> _all;

    /// <summary>The catalog shipped with the library.</summary>
    public static ExplanationCatalog Default => DefaultCatalog.Value;

    /// <summary>Every entry, in file order (builds all of them on first use).</summary>
    public IReadOnlyList<CatalogEntry> Entries => _all.Value;
    public IReadOnlyList<ProviderProfile> Providers { get; }
    /// <summary>User-interface texts shared by the hosts (labels, vocabulary names, messages), by key.</summary>
    public IReadOnlyDictionary<string, LocalizedText> Strings => _strings;

    private ExplanationCatalog(IReadOnlyList<CatalogSourceFile> files)
    {
        _files = new FileSlot[files.Count];
        _strings = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        _generic = new Dictionary<string, int>(StringComparer.Ordinal);
        var byProvider = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var wording = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        _ownerOfStatus = new Dictionary<string, string?>(StringComparer.Ordinal);
        _bySymbol = new Dictionary<string, (CodeKind, string)>(StringComparer.OrdinalIgnoreCase);
        var providers = new List<ProviderProfile>();
        var id = 0;
        var fileOfId = new List<string>();
        for (var f = 0; f < files.Count; f++)
        {
            var file = files[f];
            if (file.Strings is not null)
            {
                foreach (var (k, v) in file.Strings) _strings[k] = new LocalizedText(v.En ?? "", v.Nl ?? "");
            }
            string? providerId = null;
            if (file.Provider is not null)
            {
                providerId = file.Provider.Id ?? throw new CatalogException($"{file.Name}: provider without id.");
                providers.Add(new ProviderProfile(providerId, file.Provider.Name ?? providerId, file.Provider.Detect, file.Provider.Tokens));
            }
            var kinds = new CodeKind[file.Keys.Count];
            for (var i = 0; i < file.Keys.Count; i++, id++)
            {
                var (rawCode, kindToken, symbol) = file.Keys[i];
                var code = rawCode?.Trim() ?? throw new CatalogException($"{file.Name}: an entry has no code.");
                if (!Vocabulary.TryParseKind(kindToken ?? file.Family, out var kind)) throw new CatalogException($"{file.Name}: {code}: unknown kind '{kindToken ?? file.Family}'.");
                kinds[i] = kind;
                fileOfId.Add(file.Name);
                var key = NormalizeCode(kind, code);
                if (providerId is null && !string.IsNullOrWhiteSpace(symbol)) _bySymbol.TryAdd(symbol.Trim(), (kind, code));
                if (providerId is null && IsWordingFamily(file.Family))
                {
                    // A standard code's meaning as a server's words make it specific ("450 4.2.0 ... Greylisted"):
                    // several per code, told apart by their phrases.
                    var wk = GenericKey(kind, key);
                    if (!wording.TryGetValue(wk, out var wl)) wording[wk] = wl = [];
                    wl.Add(id);
                }
                else if (providerId is null)
                {
                    if (!_generic.TryAdd(GenericKey(kind, key), id))
                        throw new CatalogException($"Duplicate {kind.Token()} code '{code}' in {file.Name} and {fileOfId[_generic[GenericKey(kind, key)]]}.");
                }
                else
                {
                    var pk = ProviderKey(providerId, key);
                    if (!byProvider.TryGetValue(pk, out var list)) byProvider[pk] = list = [];
                    list.Add(id);
                    // A provider's entry keyed by a status code (its entries for codes and tokens share one kind).
                    if (EnhancedStatus.TryParse(key, out var status))
                        _ownerOfStatus[status.ToString()] = _ownerOfStatus.TryGetValue(status.ToString(), out var owner) && owner != providerId ? null : providerId;
                }
            }
            var slot = new FileSlot(file, providerId, id - file.Keys.Count, kinds);
            _files[f] = slot;
        }
        _byProvider = byProvider.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _wording = wording.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        Providers = providers;
        _symbolLookup = _bySymbol.GetAlternateLookup<ReadOnlySpan<char>>();
        _all = new Lazy<IReadOnlyList<CatalogEntry>>(() => _files.SelectMany(f => f.Entries).ToList(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private static string GenericKey(CodeKind kind, string normalized) => kind.Token() + " " + normalized;

    private static string ProviderKey(string provider, string normalized) => provider + " " + normalized.ToUpperInvariant();

    /// <summary>The entry with a given id (its position in <see cref="Entries"/>), building its file's entries if needed.</summary>
    private CatalogEntry EntryAt(int id)
    {
        var lo = 0;
        var hi = _files.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_files[mid].BaseId <= id) lo = mid; else hi = mid - 1;
        }
        var slot = _files[lo];
        return slot.Entries[id - slot.BaseId];
    }

    /// <summary>The generic entry for a code: for enhanced codes the class-specific entry, else the x-form.</summary>
    public CatalogEntry? Find(CodeKind kind, string code)
    {
        if (kind == CodeKind.Enhanced && EnhancedStatus.TryParse(code, out var status))
        {
            if (_generic.TryGetValue(GenericKey(kind, status.ToString()), out var specific)) return EntryAt(specific);
            var found = _generic.TryGetValue(GenericKey(kind, status.ClassIndependent), out var general) ? EntryAt(general) : null;
            // A success (class 2) is never the failure its subject's general entry describes ("250 2.1.0 Ok" is no "problem
            // with an address"): without an entry of its own, it is the plain "accepted" of 2.0.0.
            if (status.Class == 2 && found is { Reason: not BounceReason.Delivered }
                && _generic.TryGetValue(GenericKey(kind, "2.0.0"), out var accepted)) return EntryAt(accepted);
            return found;
        }
        return _generic.TryGetValue(GenericKey(kind, NormalizeCode(kind, code)), out var id) ? EntryAt(id) : null;
    }

    /// <summary>The code a symbolic name stands for (WSAETIMEDOUT -> winsock 10060, IXP_E_FAILED_TO_CONNECT ->
    /// 0x800CCC0E), case-insensitive; false when the catalog knows no such name.</summary>
    public bool TryFindSymbol(ReadOnlySpan<char> symbol, out CodeKind kind, out string code)
    {
        if (_symbolLookup.TryGetValue(symbol, out var hit))
        {
            (kind, code) = hit;
            return true;
        }
        (kind, code) = (default, "");
        return false;
    }

    /// <summary>The first three letters of every symbolic name, upper-case (WSA, IXP): where a scan for names starts.</summary>
    public IReadOnlySet<string> SymbolPrefixes => _symbolPrefixes ??= _bySymbol.Keys.Where(k => k.Length >= 3).Select(k => k[..3].ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);

    private HashSet<string>? _symbolPrefixes;

    /// <summary>
    /// The provider whose own status code this is: the one provider profile that defines it, when no standard entry
    /// (IANA's registry) knows the code. Null for registered codes and for codes several providers use.
    /// </summary>
    public string? SoleProviderOf(string enhancedStatus)
    {
        if (!EnhancedStatus.TryParse(enhancedStatus, out var status)) return null;
        var key = status.ToString();
        if (!_ownerOfStatus.TryGetValue(key, out var owner) || owner is null) return null;
        return _generic.ContainsKey(GenericKey(CodeKind.Enhanced, key)) || _generic.ContainsKey(GenericKey(CodeKind.Enhanced, status.ClassIndependent)) ? null : owner;
    }

    /// <summary>The provider's entries for a code or token (several when phrases tell them apart); empty when none.</summary>
    public IReadOnlyList<CatalogEntry> FindForProvider(string provider, string code)
    {
        if (!_byProvider.TryGetValue(ProviderKey(provider, NormalizeCode(CodeKind.Provider, code)), out var ids)) return [];
        var entries = new CatalogEntry[ids.Length];
        for (var i = 0; i < ids.Length; i++) entries[i] = EntryAt(ids[i]);
        return entries;
    }

    /// <summary>The family of catalog files whose entries give a standard code's meaning where the server's words make
    /// it specific (<c>family: wording</c>; each entry names its <c>kind</c> and has phrases).</summary>
    public const string WordingFamily = "wording";

    private static bool IsWordingFamily(string? family) => string.Equals(family, WordingFamily, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The wording entries for a standard code: for an enhanced code the class-specific ones, then those of its x-form
    /// (x.7.1 serves 4.7.1 and 5.7.1); empty when none. Each has phrases, one of which must be in the text.
    /// </summary>
    public IReadOnlyList<CatalogEntry> FindWording(CodeKind kind, string code) => FindWordingSet(kind, code).Entries;

    /// <summary>
    /// <see cref="FindWording"/> with the longest word of every phrase in one case-insensitive search: a phrase can be in a
    /// text (also folded over lines) only where its longest word is, so a text without any of them needs no phrase tried.
    /// </summary>
    internal WordingSet FindWordingSet(CodeKind kind, string code)
    {
        if (_wording.Count == 0) return WordingSet.Empty;
        // Asked once per code of every recipient a bulk run parses: the answer is kept per code.
        var cacheKey = (kind, code);
        if (_wordingFound.TryGetValue(cacheKey, out var known)) return known;
        var entries = FindWordingUncached(kind, code);
        var anchors = entries.SelectMany(e => e.Phrases).Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(Anchor).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var found = entries.Length == 0 ? WordingSet.Empty : new WordingSet(entries, System.Buffers.SearchValues.Create(anchors, StringComparison.OrdinalIgnoreCase));
        if (_wordingFound.Count < 4096) _wordingFound.TryAdd(cacheKey, found);
        return found;
    }

    /// <summary>The word a phrase is looked for by: its longest word that refusals do not use all the time ("relay" of
    /// "relay access denied"), else its longest.</summary>
    private static string Anchor(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Where(w => !CommonReplyWords.Contains(w)).MaxBy(w => w.Length) ?? words.MaxBy(w => w.Length)!;
    }

    private static readonly HashSet<string> CommonReplyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "access", "denied", "detected", "fail", "failed", "high", "likely", "looks", "mailbox", "message", "must", "recipient", "record",
        "rejected", "required", "sender", "unable", "check", "block", "black", "score", "address", "please", "user", "not", "is", "as",
    };

    /// <summary>The wording entries of a code and the words their phrases are looked for by.</summary>
    internal sealed record WordingSet(CatalogEntry[] Entries, System.Buffers.SearchValues<string>? Anchors)
    {
        public static readonly WordingSet Empty = new([], null);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(CodeKind Kind, string Code), WordingSet> _wordingFound = new();

    private CatalogEntry[] FindWordingUncached(CodeKind kind, string code)
    {
        int[]? specific = null, general = null;
        if (kind == CodeKind.Enhanced && EnhancedStatus.TryParse(code, out var status))
        {
            _wording.TryGetValue(GenericKey(kind, status.ToString()), out specific);
            _wording.TryGetValue(GenericKey(kind, status.ClassIndependent), out general);
        }
        else _wording.TryGetValue(GenericKey(kind, NormalizeCode(kind, code)), out specific);
        if (specific is null && general is null) return [];
        var entries = new List<CatalogEntry>((specific?.Length ?? 0) + (general?.Length ?? 0));
        foreach (var id in specific ?? []) entries.Add(EntryAt(id));
        foreach (var id in general ?? []) entries.Add(EntryAt(id));
        return entries.ToArray();
    }

    /// <summary>One catalog file: its entries are built from the data on first use.</summary>
    private sealed class FileSlot
    {
        private readonly Lazy<CatalogEntry[]> _entries;

        public FileSlot(CatalogSourceFile source, string? provider, int baseId, CodeKind[] kinds)
        {
            Source = source;
            BaseId = baseId;
            Kinds = kinds;
            _entries = new Lazy<CatalogEntry[]>(() =>
            {
                var dtos = source.ReadEntries();
                var built = new CatalogEntry[dtos.Count];
                for (var i = 0; i < dtos.Count; i++)
                {
                    built[i] = ToEntry(source.Name, kinds[i], provider, baseId + i, dtos[i]);
                    if (IsWordingFamily(source.Family)) built[i] = built[i] with { IsWording = true };
                }
                return built;
            }, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public CatalogSourceFile Source { get; }
        public int BaseId { get; }
        public CodeKind[] Kinds { get; }
        public CatalogEntry[] Entries => _entries.Value;
    }

    /// <summary>A user-interface text by key, or the key itself when missing (so a gap is visible, never a crash).</summary>
    public string Text(string key, Language language) =>
        _strings.TryGetValue(key, out var t) ? t.Get(language) : key;

    /// <summary>
    /// Whose side a cause is on, in words. For the mail program's own error the sides are worded from the user's point
    /// of view ("your own account or mail settings"): the user may have been fetching mail, so "the sender" would be
    /// wrong. Sides without such wording keep the general one.
    /// </summary>
    public string SideText(FaultSide side, bool byMailProgram, Language language)
    {
        var key = "faultSide." + side.Token();
        return Text(byMailProgram && _strings.ContainsKey(key + ".client") ? key + ".client" : key, language);
    }

    /// <summary>Entries whose code, symbol, title or meaning contains every word of the query (case-insensitive, both languages).</summary>
    public IReadOnlyList<CatalogEntry> Search(string? query, int limit = 200)
    {
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return Entries.Where(e => !e.IsWording).Take(limit).ToList();
        var hits = new List<(int Score, CatalogEntry Entry)>();
        foreach (var e in Entries)
        {
            // A wording entry is a meaning of a code that has its own entry: not listed as a code.
            if (e.IsWording) continue;
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
            CodeKind.Access => c.Trim('[', ']').ToUpperInvariant(),
            _ => c,
        };
    }

    /// <summary>Loads the catalog embedded in this assembly (the compiled form of Catalog/Data, see <see cref="CatalogBinary"/>).</summary>
    public static ExplanationCatalog LoadEmbedded()
    {
        using var stream = typeof(ExplanationCatalog).Assembly.GetManifestResourceStream(CatalogBinary.ResourceName)
            ?? throw new CatalogException($"The compiled catalog resource '{CatalogBinary.ResourceName}' is missing; rebuild Bounceback.Core.");
        var data = new byte[stream.Length];
        stream.ReadExactly(data);
        return new ExplanationCatalog(CatalogBinary.Read(data));
    }

    /// <summary>Loads a catalog from named YAML streams (the source form; tests load catalogs of their own this way).
    /// Every entry is built and checked at once, so a malformed file fails here.</summary>
    public static ExplanationCatalog Load(IEnumerable<(string Name, Func<Stream> Open)> files)
    {
        var parsed = new List<CatalogSourceFile>();
        foreach (var (name, open) in files)
        {
            using var stream = open();
            using var reader = new StreamReader(stream);
            parsed.Add(CatalogSourceFile.FromDto(name, CatalogYaml.Read(name, reader)));
        }
        var catalog = new ExplanationCatalog(parsed);
        _ = catalog.Entries.Count;
        return catalog;
    }

    private static CatalogEntry ToEntry(string file, CodeKind kind, string? provider, int id, EntryDto e)
    {
        var code = e.Code ?? throw new CatalogException($"{file}: an entry has no code.");
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
            ReceivingSenderSteps = List(e.Steps?.Receiving?.Sender),
            ReceivingAdminSteps = List(e.Steps?.Receiving?.Admin),
            FaultSide = side,
            Severity = severity,
            Reason = reason,
            Source = e.Source ?? "",
            Phrases = e.Phrases,
            Reply = e.Reply,
            PreferDotless = e.PreferDotless,
            GaveUp = e.GaveUp,
            Resets = e.Resets,
            UntilFixed = e.UntilFixed,
            File = file,
            Id = id,
        };
    }

    private static LocalizedText Text(TextDto? t) => t is null ? LocalizedText.Empty : new LocalizedText(t.En?.Trim() ?? "", t.Nl?.Trim() ?? "");

    private static LocalizedList List(ListDto? l) => l is null ? LocalizedList.Empty : new LocalizedList(l.En.Select(s => s.Trim()).ToList(), l.Nl.Select(s => s.Trim()).ToList());
}

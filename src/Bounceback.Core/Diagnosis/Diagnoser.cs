using System.Collections.Concurrent;
using System.Globalization;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Extraction;

namespace Bounceback.Core.Diagnosis;

/// <summary>
/// The one entry point for explaining: finds codes in text, explains each from the catalog, and turns the most
/// specific finding into one diagnosis. Thread-safe; build once and share.
/// </summary>
public sealed class Diagnoser
{
    private const int MaxCacheEntries = 20_000;
    private const int MaxDiagnosticText = 8_192;
    private const int MaxMergedSteps = 8;

    private static readonly Lazy<Diagnoser> DefaultDiagnoser = new(() => new Diagnoser(ExplanationCatalog.Default));

    private readonly ConcurrentDictionary<DiagnoseKey, Diagnosis?> _cache = new();

    // The catalog's entry of each standard code asked about per recipient: the catalog builds its lookup keys (strings)
    // at every call, and a bulk run asks about the same few hundred codes again and again. Bounded like _cache.
    private readonly ConcurrentDictionary<StandardCode, CatalogEntry?> _standard = new();

    /// <summary>The diagnoser over <see cref="ExplanationCatalog.Default"/>.</summary>
    public static Diagnoser Default => DefaultDiagnoser.Value;

    /// <summary>The catalog the explanations come from.</summary>
    public ExplanationCatalog Catalog { get; }

    /// <summary>The extractor that finds codes in text for this catalog.</summary>
    public CodeExtractor Extractor { get; }

    /// <summary>Builds a diagnoser over a catalog.</summary>
    public Diagnoser(ExplanationCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        Extractor = ReferenceEquals(catalog, ExplanationCatalog.Default) ? CodeExtractor.Default : new CodeExtractor(catalog);
    }

    /// <summary>Explains every code in a pasted text (a lone code, a dialog, a reply line, a whole bounce).</summary>
    /// <param name="text">Any text; null or empty gives a report without findings.</param>
    /// <param name="language">The language of the explanation.</param>
    public ExplainReport Explain(string text, Language language)
    {
        var extraction = Extractor.Extract(text);
        if (extraction.Codes.Count == 0) return new ExplainReport(language, [], null);
        var fetching = TextContext.FetchesMail(text);
        var resolved = new List<(ExtractedCode Code, Resolution Res, Finding Finding)>(extraction.Codes.Count);
        foreach (var code in extraction.Codes)
        {
            var group = extraction.Groups[code.Group];
            var groupText = text.AsSpan(group.Start, group.Length);
            var res = Resolve(code.Kind, code.Code, code.Provider, extraction.Providers, groupText, GroupReply(extraction, code.Group));
            resolved.Add((code, res, BuildFinding(code, res, language, GroupClass(extraction, code.Group), fetching) with { MatchedText = text.Substring(code.Start, code.Length) }));
        }
        var findings = resolved.Select(r => r.Finding).ToList();
        var remote = TextContext.QuotesRemoteReply(text);
        var diagnosis = BuildDiagnosis(findings, language, f => f.Kind == CodeKind.WindowsClient && LabelledAsTheError(text, f.Start),
            stillTrying: TextContext.SaysStillTrying(text), gaveUpByText: TextContext.SaysGaveUp(text), remote: remote && !TextContext.NamesOwnOutgoingLogin(text),
            sendDialog: !remote && TextContext.ShownBySendDialog(text), platform: TextContext.NamesSendingPlatform(text),
            webmail: !remote && TextContext.ShownByWebmail(text), everyDestination: TextContext.SaysEveryDestinationFails(text),
            delayLabel: f => f.Kind is CodeKind.Enhanced or CodeKind.Reply && IsDelayLabel(text, f));
        return new ExplainReport(language, Distinct(findings, language), diagnosis);
    }

    /// <summary>Whether a code stands in Exchange's own delay label, "400 4.4.7 Message delayed".</summary>
    private static bool IsDelayLabel(string text, Finding f)
    {
        var after = f.Start + f.Length;
        if (after > text.Length) return false;
        var rest = text.AsSpan(after, Math.Min(text.Length - after, 24)).TrimStart();
        if (f.Kind == CodeKind.Reply && rest.StartsWith("4.4.7", StringComparison.Ordinal)) rest = rest[5..].TrimStart();
        return (f.Code is "4.4.7" or "400") && rest.StartsWith("Message delayed", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// One finding per distinct explanation: a bounce repeats its codes, the reader needs each once. A code that the text
    /// also shows where its wording made it specific ("554 5.7.1 ... Relay access denied") is not shown again with its
    /// general meaning where it stands alone (a program's "responseCode: 554"): the two would contradict each other.
    /// </summary>
    private List<Finding> Distinct(List<Finding> findings, Language language)
    {
        var seen = new HashSet<(CodeKind, string, string)>();
        var specific = new HashSet<(CodeKind, string)>();
        foreach (var f in findings)
        {
            if (!IsGeneral(f)) specific.Add((f.Kind, f.Code));
        }
        var distinct = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            if (specific.Contains((f.Kind, f.Code)) && IsGeneral(f)) continue;
            if (seen.Add((f.Kind, f.Code, f.Title))) distinct.Add(f);
        }
        return distinct;

        // The code's own catalog entry's explanation, not one its wording or a provider chose.
        bool IsGeneral(Finding f) => Catalog.Find(f.Kind, f.Code) is { } entry && entry.Provider is null && entry.Title.Get(language) == f.Title;
    }

    /// <summary>Explains one code of a known kind (for permalinks and lookups); unknown but well-formed codes are explained from their parts.</summary>
    /// <returns>Null when the code is not well-formed for its kind.</returns>
    public Finding? ExplainCode(CodeKind kind, string code, Language language) => ExplainCode(kind, code, language, null);

    /// <summary>Explains one code, as a given provider uses it when <paramref name="provider"/> is set (a profile id such as "google").</summary>
    /// <returns>Null when the code is not well-formed for its kind.</returns>
    public Finding? ExplainCode(CodeKind kind, string code, Language language, string? provider)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var normal = Normalize(kind, code.Trim());
        if (normal is null) return null;
        IReadOnlyList<string> providers = provider is null ? [] : [provider];
        string? tokenProvider = null;
        if (kind == CodeKind.Provider)
        {
            tokenProvider = provider ?? Catalog.Providers.FirstOrDefault(p => Catalog.FindForProvider(p.Id, normal).Count > 0)?.Id;
            if (tokenProvider is null) return null;
        }
        var res = Resolve(kind, normal, tokenProvider, providers, code.AsSpan(), null);
        var extracted = new ExtractedCode(kind, normal, 0, code.Length, 0, CodeReading.AsWritten, tokenProvider);
        return BuildFinding(extracted, res, language, null) with { MatchedText = code };
    }

    /// <summary>The diagnosis for a bounce result's facts: its status, reply code and diagnostic text together.</summary>
    /// <param name="status">The enhanced status ("5.1.1") or null.</param>
    /// <param name="replyCode">The SMTP reply code or null.</param>
    /// <param name="diagnosticText">The server's diagnostic text, which may name a provider or contain its tokens; may be null.</param>
    /// <param name="language">The language of the diagnosis.</param>
    /// <returns>Null when neither the facts nor the text hold a code.</returns>
    public Diagnosis? Diagnose(string? status, int? replyCode, string? diagnosticText, Language language) =>
        Diagnose(status, replyCode, diagnosticText, language, out _);

    /// <summary>
    /// Like <see cref="Diagnose(string?, int?, string?, Language)"/>, and also gives the reason of the catalog entry when a
    /// provider's own token (TSS04) or wording explained the text; null when only standard codes did. The bounce parser
    /// lets that reason decide, so the catalog is the one place that says what a provider's code means.
    /// </summary>
    public Diagnosis? Diagnose(string? status, int? replyCode, string? diagnosticText, Language language, out BounceReason? providerReason) =>
        Diagnose(status, replyCode, diagnosticText, null, language, out providerReason);

    /// <summary>
    /// Like <see cref="Diagnose(string?, int?, string?, Language, out BounceReason?)"/> of the diagnostic text with the
    /// remote host's name on a line after it ("text\nhost"), which tells whose wording it is when the wording does not
    /// name its provider. The two are joined in a pooled buffer: a string of them is made only when codes must be
    /// extracted from the whole text.
    /// </summary>
    /// <remarks>With <c>stillTrying</c> the report says the sending server goes on trying (a delay notice): a code that
    /// says it gave up (x.4.7) does not make the summary say so.</remarks>
    internal Diagnosis? Diagnose(string? status, int? replyCode, string? diagnosticText, string? host, Language language, out BounceReason? providerReason, bool stillTrying = false)
    {
        char[]? joined = null;
        try
        {
            var text = host is null ? (diagnosticText ?? "").AsSpan() : Joined(diagnosticText ?? "", host, out joined);
            return Diagnose(status, replyCode, text[..Math.Min(text.Length, MaxDiagnosticText)], host is null ? diagnosticText : null, language, out providerReason, stillTrying);
        }
        finally
        {
            if (joined is not null) System.Buffers.ArrayPool<char>.Shared.Return(joined);
        }
    }

    /// <summary>The text, a line end and the host's name, in a buffer rented from the shared pool.</summary>
    private static ReadOnlySpan<char> Joined(string text, string host, out char[] buffer)
    {
        var length = text.Length + 1 + host.Length;
        buffer = System.Buffers.ArrayPool<char>.Shared.Rent(length);
        text.CopyTo(buffer);
        buffer[text.Length] = '\n';
        host.CopyTo(buffer.AsSpan(text.Length + 1));
        return buffer.AsSpan(0, length);
    }

    // whole: the string the text was read from, when there is one (kept for the full explanation, not copied).
    private Diagnosis? Diagnose(string? status, int? replyCode, ReadOnlySpan<char> text, string? whole, Language language, out BounceReason? providerReason, bool stillTrying = false)
    {
        providerReason = null;
        string? enhanced = null;
        // The classifier's status is mostly written as it should be already: then that string is kept.
        if (status is not null && EnhancedStatus.TryParse(status, out var st)) enhanced = st.IsWrittenAs(status) ? status : st.ToString();
        string? reply = replyCode is >= 200 and <= 599 ? replyCode.Value.ToString(CultureInfo.InvariantCulture) : null;
        if (enhanced is null && reply is null)
        {
            if (text.Length == 0) return null;
            var report = Explain(whole is not null && text.SequenceEqual(whole) ? whole : text.ToString(), language);
            providerReason = report.Findings.FirstOrDefault(f => f.Known && f.Kind == CodeKind.Provider && f.Provider is not null)?.Reason;
            return report.Diagnosis;
        }
        // Provider wording: detect words and tokens of the diagnostic text.
        var (token, providers) = Extractor.ExtractProviderFacts(text, whole, 16);
        var span = text;
        var enhancedRes = enhanced is null ? default : Resolve(CodeKind.Enhanced, enhanced, null, providers, span, reply);
        var replyRes = reply is null ? default : Resolve(CodeKind.Reply, reply, null, providers, span, reply);
        var tokenRes = token is null ? default : Resolve(CodeKind.Provider, token.Code, token.Provider, providers, span, reply);
        var key = new DiagnoseKey(language, enhanced, reply, Id(enhancedRes.Entry), Id(replyRes.Entry), Id(tokenRes.Entry),
            token is null ? null : token.Provider + ":" + token.Code, stillTrying);
        providerReason = ProviderReason(tokenRes) ?? ProviderReason(enhancedRes) ?? ProviderReason(replyRes);
        if (_cache.TryGetValue(key, out var cached)) return cached;

        var classDigit = enhanced is not null ? enhanced[0] - '0' : reply![0] - '0';
        var findings = new List<Finding>(3);
        if (token is not null) findings.Add(BuildFinding(token with { Group = 0 }, tokenRes, language, classDigit));
        if (enhanced is not null) findings.Add(BuildFinding(new ExtractedCode(CodeKind.Enhanced, enhanced, 0, 0, 0), enhancedRes, language, classDigit));
        if (reply is not null) findings.Add(BuildFinding(new ExtractedCode(CodeKind.Reply, reply, 0, 0, 0), replyRes, language, classDigit));
        var diagnosis = BuildDiagnosis(findings, language, stillTrying: stillTrying, remote: true);
        if (_cache.Count >= MaxCacheEntries) _cache.Clear();
        _cache.TryAdd(key, diagnosis);
        return diagnosis;
    }

    private static int Id(CatalogEntry? entry) => entry?.Id ?? -1;

    /// <summary><see cref="ExplanationCatalog.Find"/>, remembered per code.</summary>
    private CatalogEntry? FindStandard(CodeKind kind, string code)
    {
        var key = new StandardCode(kind, code);
        if (_standard.TryGetValue(key, out var entry)) return entry;
        entry = Catalog.Find(kind, code);
        if (_standard.Count >= MaxCacheEntries) _standard.Clear();
        _standard.TryAdd(key, entry);
        return entry;
    }

    private readonly record struct StandardCode(CodeKind Kind, string Code);

    private readonly record struct DiagnoseKey(Language Language, string? Status, string? Reply, int EnhancedEntry, int ReplyEntry, int TokenEntry, string? Token, bool StillTrying);

    /// <summary>Which catalog entry explains a code, and whether it came from a provider's profile.</summary>
    /// <remarks><paramref name="OwnCode"/>: the code is one only that provider uses (Microsoft's 5.7.133), so its entry is
    /// the code's one meaning. <paramref name="ByCodeAlone"/>: the text did not name the provider; the code alone chose it.</remarks>
    /// <remarks><paramref name="SocketError"/>: a Windows code that only wraps a socket error (0x80072746 is 10054), explained as it.</remarks>
    private readonly record struct Resolution(CatalogEntry? Entry, string? Provider, bool ByCodeAlone = false, bool OwnCode = false, string? SocketError = null);

    private static string? Normalize(CodeKind kind, string code)
    {
        switch (kind)
        {
            case CodeKind.Enhanced:
                if (code.StartsWith("x.", StringComparison.OrdinalIgnoreCase))
                    return EnhancedStatus.TryParse("5" + code[1..], out var x) ? x.ClassIndependent : null;
                return EnhancedStatus.TryParse(code, out var s) ? s.ToString() : null;
            case CodeKind.Reply:
                return code.Length == 3 && code[0] is >= '2' and <= '5' && char.IsAsciiDigit(code[1]) && char.IsAsciiDigit(code[2]) ? code : null;
            case CodeKind.WindowsClient:
                return ClientErrorCode.TryParse(code, out var h) ? h.ToString() : null;
            case CodeKind.Winsock:
                return WinsockError.TryParse(code, out var w) ? w.ToString() : null;
            case CodeKind.Provider:
                var t = code.Trim().Trim('[', ']');
                return t.Length is > 0 and <= 40 ? t : null;
            case CodeKind.Access:
                var a = code.Trim().Trim('[', ']').ToUpperInvariant();
                return a.Length is > 0 and <= 40 ? a : null;
            default:
                return null;
        }
    }

    private Resolution Resolve(CodeKind kind, string code, string? tokenProvider, IReadOnlyList<string> providers, ReadOnlySpan<char> groupText, string? groupReply)
    {
        if (kind == CodeKind.Provider && tokenProvider is not null)
        {
            var e = PickProviderEntry(tokenProvider, code, groupText, groupReply);
            return new Resolution(e, tokenProvider);
        }
        if (kind is CodeKind.Enhanced or CodeKind.Reply && providers.Count > 0 && !code.StartsWith('x'))
        {
            // Providers named in the code's own reply first, then the others recognised in the text.
            CatalogEntry? fallback = null;
            string? fallbackProvider = null;
            // By index here and below: a foreach over a list's interface allocates an enumerator, once per recipient.
            for (var i = 0; i < providers.Count; i++)
            {
                var p = providers[i];
                var e = PickProviderEntry(p, code, groupText, groupReply);
                if (e is null) continue;
                if (Extractor.ProviderMentioned(p, groupText)) return new Resolution(e, p, OwnCode: IsOwnCode(kind, code, p));
                if (fallback is null) { fallback = e; fallbackProvider = p; }
            }
            if (fallback is not null) return new Resolution(fallback, fallbackProvider, OwnCode: IsOwnCode(kind, code, fallbackProvider!));
        }
        if (kind == CodeKind.Provider) return default;
        var standard = FindStandard(kind, code);
        // The server's words can make a standard code specific ("450 4.2.0 <addr>: Recipient address rejected:
        // Greylisted"): a wording entry of the code whose phrase is in the text explains it.
        if (standard is not null && kind is CodeKind.Enhanced or CodeKind.Reply or CodeKind.WindowsClient or CodeKind.Access or CodeKind.Winsock && PickWording(kind, code, groupText) is { } worded)
            return new Resolution(worded, null);
        // HRESULT_FROM_WIN32 of a Windows Sockets error (0x8007 and the error's number): the socket error's own entry.
        if (standard is null && kind == CodeKind.WindowsClient && ClientErrorCode.TryParse(code, out var hresult)
            && (hresult.Value & 0xFFFF0000) == 0x80070000 && (hresult.Value & 0xFFFF) is >= 10004 and <= 11031
            && FindStandard(CodeKind.Winsock, (hresult.Value & 0xFFFF).ToString(CultureInfo.InvariantCulture)) is { } socket)
            return new Resolution(socket, null, SocketError: (hresult.Value & 0xFFFF).ToString(CultureInfo.InvariantCulture));
        // A status no standard entry knows that one provider alone defines (Microsoft's 5.7.708) is that provider's,
        // also when the text does not name it: a pasted reply line seldom does.
        if (standard is null && kind == CodeKind.Enhanced && Catalog.SoleProviderOf(code) is { } owner
            && PickProviderEntry(owner, code, groupText, groupReply) is { } owned)
            return new Resolution(owned, owner, ByCodeAlone: true, OwnCode: true);
        return new Resolution(standard, null);
    }

    // A provider entry speaks for the wording only when it is the provider's own token or status code, or was picked by
    // its phrases, and the text named the provider: a code alone explains, but does not overrule the reason rules.
    private static BounceReason? ProviderReason(Resolution res) =>
        res is { Provider: not null, ByCodeAlone: false, Entry: { } e } && (e.Kind == CodeKind.Provider || e.Phrases.Count > 0 || res.OwnCode) && e.Reason != BounceReason.Undefined ? e.Reason : null;

    private bool IsOwnCode(CodeKind kind, string code, string provider) => kind == CodeKind.Enhanced && Catalog.SoleProviderOf(code) == provider;

    // The first wording entry of the code (class-specific ones first) with one of its phrases in the text.
    private CatalogEntry? PickWording(CodeKind kind, string code, ReadOnlySpan<char> groupText)
    {
        var (entries, anchors) = Catalog.FindWordingSet(kind, code);
        if (entries.Length == 0 || groupText.IsEmpty || groupText.IndexOfAny(anchors!) < 0) return null;
        var spacedOtherwise = LooseText.HasIrregularSpace(groupText);
        for (var i = 0; i < entries.Length; i++)
        {
            var phrases = entries[i].Phrases;
            for (var j = 0; j < phrases.Count; j++)
            {
                var p = phrases[j];
                // As written first; across folded white space only for a phrase of several words.
                if (!string.IsNullOrWhiteSpace(p) && (groupText.Contains(p, StringComparison.OrdinalIgnoreCase)
                    || (spacedOtherwise && p.Contains(' ') && LooseText.Contains(groupText, p))))
                    return entries[i];
            }
        }
        return null;
    }

    // The provider's entry for a code: one whose phrases occur in the group's text beats one without phrases;
    // a matching reply code breaks ties.
    private CatalogEntry? PickProviderEntry(string provider, string code, ReadOnlySpan<char> groupText, string? groupReply)
    {
        var entries = Catalog.FindForProvider(provider, code);
        if (entries.Count == 0) return null;
        CatalogEntry? best = null;
        var bestScore = -1;
        // Only a text with white space other than single spaces can hold a phrase that it does not hold as written.
        var spacedOtherwise = LooseText.HasIrregularSpace(groupText);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            int score;
            if (e.Phrases.Count == 0) score = 1;
            else
            {
                var hit = false;
                for (var j = 0; j < e.Phrases.Count && !hit; j++)
                {
                    var p = e.Phrases[j];
                    hit = !string.IsNullOrWhiteSpace(p) && (spacedOtherwise ? LooseText.Contains(groupText, p) : groupText.Contains(p, StringComparison.OrdinalIgnoreCase));
                }
                if (!hit) continue;
                score = 3;
            }
            if (e.Reply is { } entryReply && groupReply is not null && IsWrittenAs(entryReply, groupReply)) score++;
            if (score > bestScore) { best = e; bestScore = score; }
        }
        return best;
    }

    /// <summary>Whether the text is the number as written in invariant digits ("550"), without a string of it.</summary>
    private static bool IsWrittenAs(int number, string text)
    {
        Span<char> digits = stackalloc char[11];
        return number.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture) && text.AsSpan().SequenceEqual(digits[..length]);
    }

    private static string? GroupReply(ExtractionResult extraction, int group)
    {
        foreach (var c in extraction.Codes)
        {
            if (c.Group == group && c.Kind == CodeKind.Reply) return c.Code;
        }
        return null;
    }

    private static int? GroupClass(ExtractionResult extraction, int group)
    {
        foreach (var c in extraction.Codes)
        {
            if (c.Group == group && c.Kind is CodeKind.Enhanced or CodeKind.Reply && c.Code[0] is '2' or '4' or '5') return c.Code[0] - '0';
        }
        return null;
    }

    private static int? ClassOf(CodeKind kind, string code) =>
        kind is CodeKind.Enhanced or CodeKind.Reply && code.Length > 0 && code[0] is >= '1' and <= '5' ? code[0] - '0' : null;

    // fetching: the text is about fetching mail (POP3, IMAP); a code that happens in either direction then gets the steps
    // its entry gives for receiving, when it has them.
    private Finding BuildFinding(ExtractedCode code, Resolution res, Language lang, int? groupClass, bool fetching = false)
    {
        var classDigit = ClassOf(code.Kind, code.Code) ?? groupClass;
        var note = Note(code, lang) ?? (res.ByCodeAlone ? ProviderByCodeNote(code.Code, res.Provider, lang) : null)
            ?? (res.SocketError is { } socketError ? Fill(Catalog.Text("note.socketError", lang), ("code", code.Code), ("socket", socketError)) : null);
        if (res.Entry is { } e)
        {
            var severity = e.Severity ?? (classDigit is { } cd ? Vocabulary.SeverityOfClass(cd) : Severity.Unknown);
            return new Finding
            {
                Kind = code.Kind, Code = code.Code, MatchedText = code.Code, Start = code.Start, Length = code.Length, Known = true,
                Title = e.Title.Get(lang), Meaning = e.Meaning.Get(lang), Causes = e.Causes.Get(lang),
                FaultSide = e.FaultSide, Severity = severity, Reason = e.Reason,
                Steps = fetching && !e.ReceivingSenderSteps.IsEmpty
                    ? new Steps(e.ReceivingSenderSteps.Get(lang), e.ReceivingAdminSteps.Get(lang))
                    : new Steps(e.SenderSteps.Get(lang), e.AdminSteps.Get(lang)),
                Source = e.Source, Provider = res.Provider, Group = code.Group, Note = note, GaveUp = e.GaveUp, Resets = e.Resets, UntilFixed = e.UntilFixed, Worded = e.IsWording,
            };
        }
        return Structural(code, res.Provider, lang, classDigit) with { Note = note };
    }

    private string ProviderByCodeNote(string code, string? provider, Language lang) =>
        Fill(Catalog.Text("note.providerByCode", lang), ("code", code), ("provider", Catalog.Providers.FirstOrDefault(p => p.Id == provider)?.Name ?? provider ?? ""));

    private string? Note(ExtractedCode code, Language lang)
    {
        switch (code.Reading)
        {
            case CodeReading.DotlessEnhanced:
                return Fill(Catalog.Text("note.dotless", lang), ("code", code.Code), ("written", code.Code.Replace(".", "", StringComparison.Ordinal)));
            case CodeReading.ReplyOrDotless:
                var other = string.Join('.', code.Code.ToCharArray());
                var entry = Catalog.Find(CodeKind.Enhanced, other);
                return Fill(Catalog.Text("note.replyOrDotless", lang), ("code", code.Code), ("other", other), ("otherTitle", entry?.Title.Get(lang) ?? other));
            case CodeReading.Symbol:
                var named = Catalog.Find(code.Kind, code.Code);
                return Fill(Catalog.Text("note.symbol", lang), ("code", code.Code), ("symbol", named?.Symbol ?? code.Code));
            case CodeReading.DotlessOrReply:
                var written = code.Code.Replace(".", "", StringComparison.Ordinal);
                var reply = Catalog.Find(CodeKind.Reply, written);
                return Fill(Catalog.Text("note.dotlessOrReply", lang), ("code", code.Code), ("written", written), ("otherTitle", reply?.Title.Get(lang) ?? written));
            default:
                return null;
        }
    }

    // An explanation built from a code's parts when the catalog has no entry for the code itself.
    private Finding Structural(ExtractedCode code, string? provider, Language lang, int? classDigit)
    {
        // A mail program's or Windows' own number: no server's words stand next to it, and the steps are the program's.
        var byMailProgram = code.Kind.FromMailProgram();
        var unknownDetail = Fill(Catalog.Text(byMailProgram ? "fallback.unknownDetail.client" : "fallback.unknownDetail", lang), ("code", code.Code));
        var parts = new List<CatalogEntry>();
        string title;
        var meaning = new List<string>();
        var side = FaultSide.Unknown;
        var reason = BounceReason.Undefined;
        string source;
        switch (code.Kind)
        {
            case CodeKind.Enhanced:
            {
                var subject = code.Code.Split('.') is { Length: 3 } p ? p[1] : "0";
                AddPart(parts, CodeKind.Enhanced, "x." + subject);
                if (classDigit is { } c && !code.Code.StartsWith('x')) AddPart(parts, CodeKind.Enhanced, c.ToString(CultureInfo.InvariantCulture));
                title = parts.Count > 0 ? parts[0].Title.Get(lang) : Catalog.Text("fallback.enhanced.title", lang);
                source = "RFC 3463";
                break;
            }
            case CodeKind.Reply:
            {
                AddPart(parts, CodeKind.Reply, "x" + code.Code[1] + "z");
                AddPart(parts, CodeKind.Reply, code.Code[0] + "yz");
                title = parts.Count > 0 ? parts[^1].Title.Get(lang) : Catalog.Text("fallback.reply.title", lang);
                source = "RFC 5321";
                break;
            }
            case CodeKind.WindowsClient:
            {
                var inRange = ClientErrorCode.TryParse(code.Code, out var h) && (h.Value & 0xFFFFFF00) == 0x800CCC00;
                var key = inRange ? "fallback.client.transport" : "fallback.client.other";
                title = Catalog.Text(key + ".title", lang);
                meaning.Add(Catalog.Text(key + ".meaning", lang));
                side = FaultSide.SenderClient;
                source = inRange ? "imnxport.h" : "Windows";
                break;
            }
            case CodeKind.Winsock:
                title = Catalog.Text("fallback.winsock.title", lang);
                meaning.Add(Catalog.Text("fallback.winsock.meaning", lang));
                source = "Windows Sockets";
                break;
            case CodeKind.Access:
                title = Catalog.Text("fallback.access.title", lang);
                meaning.Add(Catalog.Text("fallback.access.meaning", lang));
                side = FaultSide.SenderServer;
                source = "RFC 2449, RFC 5530";
                break;
            default:
            {
                var name = Catalog.Providers.FirstOrDefault(p => p.Id == provider)?.Name ?? provider ?? "";
                // "Microsoft (Microsoft 365, Exchange Online, Outlook.com)": the title takes the name without its list,
                // as the title's own "(exact detail unknown)" follows it.
                var shortName = name.IndexOf(" (", StringComparison.Ordinal) is var cut and > 0 ? name[..cut] : name;
                title = Fill(Catalog.Text("fallback.provider.title", lang), ("provider", shortName));
                unknownDetail = "";
                meaning.Add(Fill(Catalog.Text("fallback.provider.meaning", lang), ("provider", name)));
                source = name;
                break;
            }
        }
        foreach (var part in parts)
        {
            meaning.Add(part.Meaning.Get(lang));
            if (side == FaultSide.Unknown) side = part.FaultSide;
            if (reason == BounceReason.Undefined) reason = part.Reason;
        }
        meaning.Add(unknownDetail);
        return new Finding
        {
            Kind = code.Kind, Code = code.Code, MatchedText = code.Code, Start = code.Start, Length = code.Length, Known = false,
            Title = Fill(Catalog.Text("fallback.title", lang), ("title", title.TrimEnd('.'))),
            Meaning = string.Join(" ", meaning.Where(m => !string.IsNullOrWhiteSpace(m))),
            Causes = parts.SelectMany(p => p.Causes.Get(lang)).Distinct(StringComparer.Ordinal).ToList(),
            FaultSide = side,
            Severity = classDigit is { } cl ? Vocabulary.SeverityOfClass(cl) : Severity.Unknown,
            Reason = reason,
            Steps = byMailProgram && parts.Count == 0
                ? new Steps([Catalog.Text("fallback.client.sender.1", lang), Catalog.Text("fallback.client.sender.2", lang), Catalog.Text("fallback.client.sender.3", lang)],
                    [Catalog.Text("fallback.client.admin.1", lang)])
                : new Steps(
                    parts.SelectMany(p => p.SenderSteps.Get(lang)).Distinct(StringComparer.Ordinal).ToList(),
                    parts.SelectMany(p => p.AdminSteps.Get(lang)).Distinct(StringComparer.Ordinal).ToList()),
            Source = source,
            Provider = provider,
            Group = code.Group,
        };
    }

    private void AddPart(List<CatalogEntry> parts, CodeKind kind, string code)
    {
        var e = Catalog.Find(kind, code);
        if (e is not null) parts.Add(e);
    }

    /// <summary>Replies about logging in or encryption (RFC 3207, RFC 4954), which a mail program gets from its own server.</summary>
    private static readonly HashSet<string> LoginReplies = new(StringComparer.Ordinal) { "530", "534", "535", "538" };

    /// <summary>How strongly a finding should drive the diagnosis: provider wording (its own token first) beats a detailed
    /// enhanced code, which beats a reply code, then Windows client codes, then Winsock numbers; within a reply the enhanced
    /// code (even one explained from its parts) refines the reply code; success codes come last.</summary>
    private static int Rank(Finding f, bool groupHasReply)
    {
        int rank;
        if (!f.Known)
        {
            rank = f.Kind switch { CodeKind.Enhanced => groupHasReply ? 45 : 15, CodeKind.Provider => 14, CodeKind.Reply => 10, CodeKind.WindowsClient => 8, _ => 6 };
        }
        // (A provider's explanation of its status beats its explanation of the reply beside it, as for standard codes.)
        else if (f.Provider is not null) rank = f.Kind switch { CodeKind.Provider => 65, CodeKind.Enhanced => 61, _ => 60 };
        else
        {
            rank = f.Kind switch
            {
                CodeKind.Enhanced when groupHasReply || !f.Code.EndsWith(".0", StringComparison.Ordinal) => 50,
                CodeKind.Enhanced => 35,
                CodeKind.Reply => 40,
                // A POP3/IMAP response code says what the server refused; the mail program's code beside it only that
                // the server answered with an error.
                CodeKind.Access => 32,
                CodeKind.WindowsClient => 30,
                CodeKind.Winsock => 20,
                _ => 25,
            };
            // A reply the server's words made specific beats a bare reply code, not an enhanced code with a detail.
            if (f.Worded && f.Kind == CodeKind.Reply) rank = 45;
        }
        if (f.Severity is Severity.Success or Severity.Intermediate) rank -= 100;
        return rank;
    }

    // Plain loops rather than LINQ over tuples: each LINQ operator over a value tuple is a generic instantiation the
    // JIT compiles at first use (ReadyToRun cannot pre-compile them either), and this ran for the first diagnosis of
    // every run. The order is the same: rank, then the size of the finding's group, then position.
    private static bool HasRejectedSenderCode(IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
        {
            if (f is { Kind: CodeKind.WindowsClient, Known: true, Code: "0x800CCC78" }) return true;
        }
        return false;
    }

    private static bool LabelledAsTheError(string text, int start) => CodeExtractor.AfterErrorNumberLabel(text, start);

    /// <param name="findings">The findings of the text.</param>
    /// <param name="lang">The language.</param>
    /// <param name="labelled">Whether the text labels a finding as the error itself; such a finding wins a tie.</param>
    /// <param name="stillTrying">The sending server goes on trying: no finding's <see cref="Finding.GaveUp"/> counts.</param>
    /// <param name="remote">The reply is quoted in a bounce as the next server's answer ("host mx said: ...", a bounce's
    /// diagnostic), not shown by the user's mail program.</param>
    /// <param name="sendDialog">The text is a mail program's or webmail's error on sending ("Sending of the message
    /// failed. ... The mail server responded: ..."): its reply is the user's own outgoing server's.</param>
    /// <param name="gaveUpByText">The text says the sending server gave up ("retry timeout exceeded"), though no code of it
    /// does.</param>
    /// <param name="platform">The text names a platform that sent the mail for the user (a newsletter or helpdesk tool, a
    /// sending service): authentication and block refusals get the platform's steps.</param>
    /// <param name="webmail">The text is a webmail's error (Roundcube, Horde, Zimbra's web client): a relay refusal is the
    /// set-up of its server, which the user cannot change.</param>
    /// <param name="everyDestination">The text says mail to every destination waits, or goes through a smarthost: a
    /// connection or DNS failure is then the sending server's own.</param>
    /// <param name="delayLabel">Whether a finding is Exchange's own label of a delay ("400 4.4.7 Message delayed"), which says
    /// only that the message waits: the status of an attempt beside it says why.</param>
    private Diagnosis? BuildDiagnosis(IReadOnlyList<Finding> findings, Language lang, Func<Finding, bool>? labelled = null, bool stillTrying = false, bool remote = false,
        bool sendDialog = false, bool gaveUpByText = false, bool platform = false, bool webmail = false, bool everyDestination = false,
        Func<Finding, bool>? delayLabel = null)
    {
        if (findings.Count == 0) return null;
        var groupsWithReply = new HashSet<int>();
        var groupsWithLoginReply = new HashSet<int>();
        var groupsWithWording = new HashSet<int>();
        var groupSize = new Dictionary<int, int>();
        foreach (var f in findings)
        {
            if (f.Kind == CodeKind.Reply) groupsWithReply.Add(f.Group);
            if (f.Kind == CodeKind.Reply && f.Known && LoginReplies.Contains(f.Code)) groupsWithLoginReply.Add(f.Group);
            if (f.Worded) groupsWithWording.Add(f.Group);
            groupSize[f.Group] = groupSize.GetValueOrDefault(f.Group) + 1;
        }
        var ranks = new int[findings.Count];
        var best = 0;
        var attemptBesideLabel = delayLabel is not null && findings.Any(f => f.Kind is CodeKind.Enhanced or CodeKind.Reply && !delayLabel(f))
            && findings.Any(delayLabel);
        for (var i = 0; i < findings.Count; i++)
        {
            // One more decides only between Windows client codes: no other rank lies within one of theirs.
            ranks[i] = Rank(findings[i], groupsWithReply.Contains(findings[i].Group)) + (labelled?.Invoke(findings[i]) == true ? 1 : 0);
            // A login or encryption reply (530 "authentication required", 535 "login failed") says more than the
            // catch-all x.7.0 beside it.
            if (groupsWithLoginReply.Contains(findings[i].Group) && findings[i] is { Kind: CodeKind.Enhanced, Known: true, Provider: null } e
                && e.Code.EndsWith(".0", StringComparison.Ordinal)) ranks[i] = 38;
            // The catch-all x.0.0 says less than a code of its reply that the server's words made specific ("550 Bad
            // SPF records ..." beside 5.0.0).
            if (groupsWithWording.Contains(findings[i].Group) && findings[i] is { Kind: CodeKind.Enhanced, Worded: false, Provider: null } c
                && c.Code.EndsWith(".0.0", StringComparison.Ordinal)) ranks[i] = 38;
            // A bare reply code (550 "mailbox unavailable", about a recipient) says less than Outlook's number for the step it
            // answered when that step was the sender's address (0x800CCC78, IXP_E_SMTP_REJECTED_SENDER): "Server response:
            // 550 Sender address is not allowed".
            // (A reply whose own meaning is already about the sender, 553, keeps its rank.)
            if (findings[i] is { Kind: CodeKind.Reply, Worded: false, Provider: null, Known: true, FaultSide: FaultSide.Recipient or FaultSide.RecipientServer } && ranks[i] == 40
                && HasRejectedSenderCode(findings)) ranks[i] = 29;
            // A general x.y.0 says less than a status of the same subject with a detail elsewhere in the text: Exchange's
            // "451 4.4.0 Primary target IP address responded with: "421 4.4.2 Connection dropped ..."" is about the 4.4.2.
            if (findings[i] is { Kind: CodeKind.Enhanced, Provider: null } general && general.Code.EndsWith(".0", StringComparison.Ordinal)
                && ranks[i] >= 49 && (HasDetailedStatusOfSubject(findings, general.Code) || QuotesDetailedStatus(findings, general))) ranks[i] = 49;
            // Exchange's delay notice: "Remote Server at mx (ip) returned '400 4.4.7 Message delayed'" and then each attempt's
            // own reply ("451 4.7.1 ... Greylisted"), which says why it waits.
            if (attemptBesideLabel && delayLabel!(findings[i])) ranks[i] = Math.Min(ranks[i], 20);
            if (i > 0 && (ranks[i] > ranks[best] || (ranks[i] == ranks[best] && Outranks(findings[i], findings[best], groupSize)))) best = i;
        }
        var driver = findings[best];
        var group = DriverGroup(findings, ranks, driver);
        var side = FaultSide.Unknown;
        var severity = Severity.Unknown;
        var reason = BounceReason.Undefined;
        var gaveUp = false;
        var resets = false;
        var untilFixed = false;
        foreach (var f in group)
        {
            gaveUp |= f.GaveUp && !stillTrying;
            resets |= f.Resets;
            untilFixed |= f.UntilFixed;
            if (side == FaultSide.Unknown) side = f.FaultSide;
            if (severity == Severity.Unknown) severity = f.Severity;
            if (reason == BounceReason.Undefined) reason = f.Reason;
        }
        // The socket error beside a mail program's code ("Socket Error: 11002, Error Number: 0x800CCC0D") is what the
        // network layer actually met; whether it passes (a DNS server that did not answer in time) is its to say.
        if (driver.Kind == CodeKind.WindowsClient)
        {
            foreach (var f in group)
            {
                if (f.Kind == CodeKind.Winsock && f.Known && f.Severity is Severity.Temporary or Severity.Permanent) { severity = f.Severity; break; }
            }
        }
        // The same for a mail server's connection: a socket error that its notice quotes for the connection it tried ("441
        // 4.4.1 ... Winsock error code: 10051") says whose network failed, where the status only says that it did.
        else if (reason == BounceReason.NetworkError && driver.Kind is CodeKind.Enhanced or CodeKind.Reply)
        {
            foreach (var f in group)
            {
                if (f is { Kind: CodeKind.Winsock, Worded: true, FaultSide: not FaultSide.Unknown }) { side = f.FaultSide; break; }
            }
        }
        // A temporary refusal quoted inside a notice that gave up ("Message expired ... 421 4.7.0 [TSS04]", Exim's "retry
        // timeout exceeded" above Gmail's 452 4.2.2): nothing tries again by itself any more.
        if (!gaveUp && !stillTrying && severity == Severity.Temporary)
        {
            foreach (var f in findings) gaveUp |= f.GaveUp;
            // (Also when the notice says so in words only: Exim's "retry timeout exceeded", qmail's "I'm not going to try again".)
            gaveUp |= gaveUpByText;
        }
        var byMailProgram = driver.Kind.FromMailProgram();
        // A relay refusal in the user's own program is their outgoing server's (no login); quoted in a bounce it is the
        // next server's, which does not take mail for the recipient's domain (a wrong or old MX).
        string? dialogSteps = null;
        if (remote && reason == BounceReason.NoRelaying && side is FaultSide.SenderClient or FaultSide.Sender)
        {
            side = FaultSide.RecipientServer;
            dialogSteps = "step.relay.remote";
        }
        // The same refusal shown by a webmail is its server's set-up: the webmail logs in to its outgoing server (or is
        // trusted by it) as the provider configured it, and the user has no setting to change.
        else if (reason == BounceReason.NoRelaying && webmail && !HasClientCode(findings) && side is FaultSide.SenderClient or FaultSide.Sender or FaultSide.SenderServer)
        {
            side = FaultSide.SenderServer;
            dialogSteps = "step.relay.webmail";
        }
        // The same refusal in the user's own program's dialog is their outgoing server's: only logging in helps.
        else if (reason == BounceReason.NoRelaying && (sendDialog || HasClientCode(findings)) && side is FaultSide.SenderClient or FaultSide.Sender or FaultSide.SenderServer)
        {
            dialogSteps = "step.relay.own";
        }
        // A setting of the mail program (a login, STARTTLS) in a reply that one server gave another: the program that
        // left it out was the sending server (Postfix logging in to its smarthost, a server that did not start TLS).
        // (Not a message the program wrote against the standards, a missing Message-ID: the program that wrote it is at fault,
        // whichever server passed it on.)
        else if (remote && side == FaultSide.SenderClient && !HasClientCode(findings) && reason is not (BounceReason.NotCompliantRfc or BounceReason.ContentError))
        {
            side = FaultSide.SenderServer;
        }
        // A server that cannot reach any destination (every queue in Retry with a connection or DNS failure, or its smarthost
        // that does not answer) meets its own network, resolver or relay, not a recipient's server that is down.
        else if (everyDestination && !sendDialog && reason == BounceReason.NetworkError && !HasClientCode(findings)
            && side is FaultSide.RecipientServer or FaultSide.Recipient or FaultSide.Network)
        {
            side = FaultSide.SenderServer;
            dialogSteps = "step.queue.all";
        }
        if (DialogSide(findings, driver, side) is { } dialogSide)
        {
            side = dialogSide;
            byMailProgram = true;
        }
        else if (sendDialog && driver.Kind is CodeKind.Reply or CodeKind.Enhanced && side is FaultSide.RecipientServer or FaultSide.SenderServer)
        {
            // The server that answered a mail program is the user's own outgoing server: a full disk or a limit there is
            // their provider's, and an address on a block list is the user's own connection (sending without logging in,
            // where the outgoing server checks block lists of home connections). The codes' own steps speak of a sending
            // server that keeps trying and of delisting a server; here the message is still with the user.
            // Too many recipients for one message (x.5.3) is the user's own message, which they split themselves.
            side = reason == BounceReason.Blocked ? FaultSide.SenderClient : NamesTooManyRecipients(driver) ? FaultSide.Sender : FaultSide.SenderServer;
            // (A limit on recipients or connections keeps its own steps: sending the same again fails the same way.)
            // (A relay refusal keeps the steps chosen for it above.)
            dialogSteps ??= reason == BounceReason.Blocked ? "step.dialog.blocked"
                : severity == Severity.Temporary && reason is BounceReason.SystemFull or BounceReason.SystemError or BounceReason.NetworkError or BounceReason.Undefined
                    ? "step.dialog.temporary" : null;
            byMailProgram = true;
        }
        // Mail that a platform sent for the user (a newsletter, a helpdesk's reply): an authentication refusal is fixed in
        // the platform's domain settings and a refusal of its sending server by the platform, not by sending otherwise.
        if (dialogSteps is null && platform && !byMailProgram && side is FaultSide.Sender or FaultSide.SenderServer)
        {
            dialogSteps = reason switch
            {
                BounceReason.AuthFailure => "step.platform.auth",
                BounceReason.Blocked or BounceReason.BadReputation => "step.platform.blocked",
                _ => null,
            };
        }
        var steps = dialogSteps is null
            ? new Steps(Merge(group, driver, sender: true), Merge(group, driver, sender: false))
            : new Steps([Catalog.Text(dialogSteps, lang)], [Catalog.Text(dialogSteps + ".admin", lang)]);
        // A temporary refusal in a notice whose queue gave up: the code's own steps for the sender speak of a server that
        // keeps trying ("Wait; Microsoft keeps trying"), but the message came back. (A code that is itself the expiry, 4.4.7,
        // has steps written for that.)
        if (gaveUp && severity == Severity.Temporary && dialogSteps is null && !byMailProgram && !driver.GaveUp)
        {
            steps = steps with { Sender = [Catalog.Text("step.gaveup", lang)] };
        }
        return new Diagnosis
        {
            Code = driver.Code,
            Summary = Summary(driver.Title, side, severity, byMailProgram, lang, gaveUp, resets, sendDialog && byMailProgram && !driver.Kind.FromMailProgram(),
                untilFixed && severity == Severity.Temporary && !gaveUp),
            FaultSide = side,
            SideText = Catalog.SideText(side, byMailProgram, lang),
            Severity = severity,
            Reason = reason,
            // A temporary refusal for a setting fails every try until the setting is fixed.
            RetryMayHelp = (severity == Severity.Temporary && !untilFixed) || gaveUp || resets,
            Steps = steps,
        };
    }

    /// <summary>
    /// The side in a mail program's error dialog: a server's reply shown beside a Windows mail client code
    /// ("Server Response: '421 Too many connections', Error Number: 0x800CCC67") is the answer of the user's own
    /// outgoing server, which the program talks to, so the client code's side (the sender, the sender's server or
    /// program) holds, not the generic "receiving server" of the reply code. Null when the text is no such dialog or the
    /// reply's side is not a server's.
    /// </summary>
    /// <summary>Whether a code is the status "too many recipients" (x.5.3).</summary>
    private static bool NamesTooManyRecipients(Finding driver) =>
        driver.Kind == CodeKind.Enhanced && EnhancedStatus.TryParse(driver.Code, out var s) && s is { Subject: 5, Detail: 3 };

    private static FaultSide? DialogSide(IReadOnlyList<Finding> findings, Finding driver, FaultSide side)
    {
        if (driver.Kind is not (CodeKind.Reply or CodeKind.Enhanced) || driver.Provider is not null
            || side is not (FaultSide.RecipientServer or FaultSide.SenderServer)) return null;
        foreach (var f in findings)
        {
            if (f.Kind == CodeKind.WindowsClient && f.Known && f.FaultSide is FaultSide.Sender or FaultSide.SenderServer or FaultSide.SenderClient)
                return f.FaultSide;
        }
        return null;
    }

    /// <summary>Whether another enhanced status of the same subject as <paramref name="general"/> (an x.y.0) has a detail.</summary>
    private static bool HasDetailedStatusOfSubject(IReadOnlyList<Finding> findings, string general)
    {
        if (!EnhancedStatus.TryParse(general, out var g)) return false;
        foreach (var f in findings)
        {
            if (f.Kind == CodeKind.Enhanced && EnhancedStatus.TryParse(f.Code, out var s) && s.Subject == g.Subject && s.Detail != 0) return true;
        }
        return false;
    }

    /// <summary>
    /// Whether a general routing status (x.4.0) is followed by a status with a detail: the routing
    /// status wraps the next server's answer it quotes (Exchange's "451 4.4.0 Primary target IP address responded with:
    /// "454 4.7.5 Certificate validation failure""), which says what went wrong; so does a general status of another
    /// subject ("454 4.7.0 Temporary authentication failure").
    /// </summary>
    private static bool QuotesDetailedStatus(IReadOnlyList<Finding> findings, Finding general)
    {
        if (!EnhancedStatus.TryParse(general.Code, out var g) || g.Subject != 4) return false;
        foreach (var f in findings)
        {
            if (f.Kind == CodeKind.Enhanced && f.Start > general.Start
                && EnhancedStatus.TryParse(f.Code, out var s) && (s.Detail != 0 || s.Subject != g.Subject) && s.Class == g.Class) return true;
        }
        return false;
    }

    /// <summary>Whether a known Windows mail client code is among the findings: the text is the mail program's own dialog.</summary>
    private static bool HasClientCode(IReadOnlyList<Finding> findings)
    {
        foreach (var f in findings)
        {
            if (f.Kind == CodeKind.WindowsClient && f.Known) return true;
        }
        return false;
    }

    /// <summary>At equal rank: a permanent failure over a temporary one (a ticket with a delay warning and then the final
    /// refusal is about the refusal), then the larger group.</summary>
    private static bool Outranks(Finding a, Finding b, Dictionary<int, int> groupSize)
    {
        if (a.Severity != b.Severity && a.Severity is Severity.Permanent && b.Severity is Severity.Temporary) return true;
        if (a.Severity != b.Severity && b.Severity is Severity.Permanent && a.Severity is Severity.Temporary) return false;
        return groupSize[a.Group] > groupSize[b.Group];
    }

    /// <summary>The findings of the driver's group: the driver first, then by rank (highest first), then by position.</summary>
    private static List<Finding> DriverGroup(IReadOnlyList<Finding> findings, int[] ranks, Finding driver)
    {
        var members = new List<int>();
        for (var i = 0; i < findings.Count; i++)
        {
            if (findings[i].Group != driver.Group) continue;
            // Insertion in order; groups are a few findings.
            var at = members.Count;
            while (at > 0 && Before(i, members[at - 1])) at--;
            members.Insert(at, i);
        }
        var group = new List<Finding>(members.Count);
        foreach (var i in members) group.Add(findings[i]);
        return group;

        bool Before(int a, int b)
        {
            var aDriver = ReferenceEquals(findings[a], driver);
            var bDriver = ReferenceEquals(findings[b], driver);
            if (aDriver != bDriver) return aDriver;
            if (ranks[a] != ranks[b]) return ranks[a] > ranks[b];
            return a < b;
        }
    }

    /// <summary>
    /// The steps of the group's codes, the driver's first. A reply code's steps are generic ("check the address" for any
    /// 550): when a more precise code (an enhanced status, a provider's code) drives the diagnosis and gave steps of its
    /// own, they are left out, as they would repeat its advice in other words or contradict it (a 5.7.1 spam refusal is
    /// no address problem, and "use the enhanced status code" is moot when there is one); so are a mail program's code's
    /// beside the POP3 or IMAP server's own response code. Codes that complement each other (Outlook's 0x800CCC0E and Winsock's 10060) are all kept.
    /// </summary>
    private static List<string> Merge(List<Finding> group, Finding driver, bool sender)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var merged = new List<string>();
        foreach (var f in group)
        {
            // A provider's own entry speaks for its code: the standard codes beside it only give general advice, which
            // may not fit (Yahoo's TSS09 says retrying will not help; the 4.7.x beside it says "wait").
            // The POP3 or IMAP server's own response code ([SYS/TEMP], [IN-USE]) says why the login or fetch failed; the
            // mail program's code beside it (0x800CCC90) only says that it did, and its steps guess at passwords.
            var generic = (f.Kind == CodeKind.Reply && driver.Kind != CodeKind.Reply) || (driver.Provider is not null && driver.Known && f.Provider is null)
                || (driver.Kind == CodeKind.Access && f.Kind == CodeKind.WindowsClient)
                // Likewise the server's status beside a mail program's "the server refused a recipient" (0x800CCC79): its
                // steps guess at a missing login, the status says what was wrong.
                || (driver.Kind == CodeKind.Enhanced && driver.Known && f.Kind == CodeKind.WindowsClient);
            if (generic && merged.Count >= MinSpecificSteps) continue;
            foreach (var s in sender ? f.Steps.Sender : f.Steps.Admin)
            {
                if (merged.Count < MaxMergedSteps && seen.Add(s.Trim())) merged.Add(s);
            }
        }
        return merged;
    }

    /// <summary>How many steps a precise code must give before a reply code's generic ones are left out.</summary>
    private const int MinSpecificSteps = 1;

    /// <summary>The diagnosis's summary: what happened, whose side, and whether trying again helps. For the mail
    /// program's own error (a Windows mail client code, a socket error) the message is still in the Outbox and no server
    /// refused it, so the sentence on trying again says that.</summary>
    private string Summary(string title, FaultSide side, Severity severity, bool byMailProgram, Language lang, bool gaveUp = false, bool resets = false,
        bool sendDialog = false, bool untilFixed = false)
    {
        var what = Fill(Catalog.Text("summary.what", lang), ("title", title.Trim().TrimEnd('.')));
        // (A success or an intermediate reply has no cause, so no side to name.)
        var who = severity is Severity.Success or Severity.Intermediate ? ""
            : side == FaultSide.Unknown
            ? Catalog.Text("summary.side.unknown", lang)
            : Fill(Catalog.Text("summary.side", lang), ("side", Catalog.SideText(side, byMailProgram, lang)));
        var retryKey = "summary.retry." + severity.Token();
        // A queue that gave up (x.4.7) retries no more, whatever its class says.
        // A limit that resets (a daily quota) refuses for now only; a queue that gave up (x.4.7) retries no more.
        var retry = resets && severity is Severity.Temporary or Severity.Permanent ? Catalog.Text("summary.retry.resets", lang)
            : gaveUp && severity is Severity.Temporary or Severity.Permanent ? Catalog.Text("summary.retry.gaveUp", lang)
            // A refusal for a setting: the server tries again, and fails each time until the setting is fixed (a mail
            // program's dialog: nothing tries again, and trying fails until then).
            : untilFixed ? Catalog.Text(sendDialog ? "summary.retry.permanent.client" : "summary.retry.untilFixed", lang)
            // A send dialog's refusal: the message was not sent, and nothing sends it again by itself.
            : sendDialog && severity == Severity.Temporary ? Catalog.Text("summary.retry.temporary.dialog", lang)
            : byMailProgram && severity is Severity.Temporary or Severity.Permanent && Catalog.Strings.ContainsKey(retryKey + ".client")
            ? Catalog.Text(retryKey + ".client", lang)
            : Catalog.Text(retryKey, lang);
        return string.Join(" ", new[] { what, who, retry }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }

    private static string Fill(string template, params (string Name, string Value)[] values)
    {
        foreach (var (name, value) in values) template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return template;
    }
}

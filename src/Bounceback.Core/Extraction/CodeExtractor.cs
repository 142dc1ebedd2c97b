using System.Globalization;
using System.Text.RegularExpressions;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Extraction;

/// <summary>
/// Finds error codes in free text: enhanced status codes (5.7.1, x.1.1), SMTP reply codes (550), enhanced codes written
/// without dots (571), Windows mail client codes (0x800CCC0E), Winsock numbers (10060, with socket context) and provider
/// tokens ([TSS04], S3140), and groups the codes that belong to one reply. Linear in the input; the number of codes is capped.
/// Thread-safe; build once per catalog and share.
/// </summary>
public sealed partial class CodeExtractor
{
    /// <summary>The default cap on the number of codes returned for one text.</summary>
    public const int DefaultMaxCodes = 200;

    private const int MaxGroupBefore = 600;
    private const int MaxGroupAfter = 2000;
    private const int MaxContinuationLines = 40;

    // Source-generated (no regex construction at start-up). The pattern has no nested or overlapping quantifiers, so
    // backtracking is bounded per position; the timeout is the guard the standards ask for all the same.
    [GeneratedRegex(@"(?:0[xX])?[89][0-9A-Fa-f]{7}|[245xX]\.[0-9]{1,3}\.[0-9]{1,3}|[0-9]{3,5}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 5000)]
    private static partial Regex CandidateRegex();

    // Words after which a bare three-digit number is a code ("error 571", "foutcode 550", "said: 550").
    private static readonly string[] CodeWords =
    [
        "error", "errors", "code", "codes", "fout", "fouten", "melding", "status", "reply", "replied", "response", "said",
        "returned", "smtp", "esmtp", "antwoord", "antwoordde", "reden", "reason", "nummer", "number", "nr", "bericht",
        // Outlook's "Server response:" in Dutch and German: "Serverreactie:", "Serverantwort:", "Antwort des Servers:".
        "reactie", "antwort", "servers",
        // A user's question: "wat betekent 554?".
        "betekent", "betekenis",
    ];

    private static readonly string[] Connectors = ["en", "of", "or", "and", "und", "bzw"];

    private readonly ExplanationCatalog _catalog;
    // Provider token patterns come from the catalog data. They are short literal-led patterns (TSS\d{2}, AS\(\d+\)), run
    // by the backtracking interpreter, which is built far faster than the NonBacktracking engine (start-up matters for
    // the command-line tool); the match timeout bounds any pattern a future catalog entry might add.
    private const RegexOptions TokenOptions = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private static readonly TimeSpan TokenTimeout = TimeSpan.FromSeconds(2);

    private readonly (string Provider, string Word)[] _detect;
    // The detect words of more than one word, which white space other than a single space can split.
    private readonly (string Provider, string Word, string Anchor)[] _spacedDetect;
    // For texts with non-ASCII characters: every detect word in one multi-string search (case-insensitive), so the
    // text is scanned once for all of them, and the words by first character. Built at first need: building the
    // search was some 8 ms of a JIT start, and most runs never need it.
    private readonly Lazy<AnyTextSearch> _detectAny;
    // The same search for ASCII texts (nearly all), much cheaper on short ones; null when the words do not allow it.
    private readonly DetectWordSearch? _detectAscii;
    private readonly (string Provider, Regex Pattern)[] _tokens;
    private readonly string? _anyTokenPattern;
    private Regex? _anyToken;
    // Bulk parsing runs the token search once per recipient: after this many uses it is swapped for a faster copy
    // of the same pattern (built once in the background); a short run such as one explain never pays for building it.
    private const int CompileAfterUses = 256;
    private int _tokenUses;
    private readonly string[] _symbolPrefixes;

    /// <summary>Builds an extractor for the providers and codes of a catalog.</summary>
    public CodeExtractor(ExplanationCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        _detect = DetectWords(catalog);
        _brands = new(() => BrandsOf(catalog));
        _spacedDetect = _detect.Where(d => d.Word.Contains(' '))
            .Select(d => (d.Provider, d.Word, d.Word.Split(' ', StringSplitOptions.RemoveEmptyEntries).MaxBy(part => part.Length)!)).ToArray();
        _detectAscii = DetectWordSearch.Create(_detect);
        var detect = _detect;
        _detectAny = new(() => new AnyTextSearch(
            System.Buffers.SearchValues.Create(detect.Select(d => d.Word).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), StringComparison.OrdinalIgnoreCase),
            detect.GroupBy(d => char.ToUpperInvariant(d.Word[0])).ToDictionary(g => g.Key, g => g.ToArray())));
        var tokenProviders = new List<string>();
        var tokenRegexes = new List<Regex>();
        var tokenPatterns = new List<string>();
        foreach (var p in catalog.Providers)
        {
            var patterns = p.TokenPatterns.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
            if (patterns.Count == 0) continue;
            try
            {
                var combined = string.Join("|", patterns.Select(t => "(?:" + t + ")"));
                tokenRegexes.Add(new Regex("^(?:" + combined + ")$", TokenOptions, TokenTimeout));
                tokenProviders.Add(p.Id);
                tokenPatterns.Add(combined);
            }
            catch (ArgumentException)
            {
                // A pattern the engine cannot run safely is left out; the provider catalog tests report it.
            }
        }
        _tokens = new (string, Regex)[tokenRegexes.Count];
        for (var i = 0; i < _tokens.Length; i++) _tokens[i] = (tokenProviders[i], tokenRegexes[i]);
        _symbolPrefixes = catalog.SymbolPrefixes.Order(StringComparer.Ordinal).ToArray();
        // One pass over the text for every provider's tokens; each match is then attributed with the anchored patterns.
        _anyTokenPattern = tokenPatterns.Count == 0 ? null : string.Join("|", tokenPatterns.Select(t => "(?:" + t + ")"));
        _anyToken = _anyTokenPattern is null ? null : new Regex(_anyTokenPattern, TokenOptions, TokenTimeout);
    }

    // Arrays and loops where the elements are tuples: LINQ or lists over a value tuple are generic code the JIT compiles
    // at first use (ReadyToRun cannot pre-compile it), a cost every start paid for this constructor.
    private static (string Provider, string Word)[] DetectWords(ExplanationCatalog catalog)
    {
        var count = 0;
        foreach (var p in catalog.Providers)
        {
            foreach (var w in p.Detect)
            {
                if (!string.IsNullOrWhiteSpace(w)) count++;
            }
        }
        var words = new (string Provider, string Word)[count];
        var i = 0;
        foreach (var p in catalog.Providers)
        {
            foreach (var w in p.Detect)
            {
                if (!string.IsNullOrWhiteSpace(w)) words[i++] = (p.Id, w.Trim());
            }
        }
        return words;
    }

    /// <summary>The detect-word search for texts with non-ASCII characters.</summary>
    private sealed record AnyTextSearch(System.Buffers.SearchValues<string> Words, Dictionary<char, (string Provider, string Word)[]> ByFirst);

    /// <summary>The extractor for <see cref="ExplanationCatalog.Default"/>.</summary>
    public static CodeExtractor Default => DefaultExtractor.Value;

    private static readonly Lazy<CodeExtractor> DefaultExtractor = new(() => new CodeExtractor(ExplanationCatalog.Default));

    /// <summary>Finds the codes in a text, in order of position, at most <paramref name="maxCodes"/>.</summary>
    public ExtractionResult Extract(string? text, int maxCodes = DefaultMaxCodes)
    {
        if (string.IsNullOrEmpty(text) || maxCodes <= 0) return ExtractionResult.Empty;
        // Codes retyped from a screen ("0x800CCCOE", "550 5 1 1"), written as codes, in the same positions.
        text = TypedCodeRepair.Repair(text, (kind, code) => _catalog.Find(kind, code) is not null);
        var found = new List<Raw>();
        var detected = DetectProviders(text);
        bool truncated;
        try
        {
            truncated = FindNumericCodes(text, found, maxCodes);
            List<Raw>? withTokens = found;
            truncated |= FindTokens(text, ref withTokens, ref detected, maxCodes);
            FindTypedTokens(text, found, ref detected);
            truncated |= FindSymbols(text, found, maxCodes);
            truncated |= FindAccessCodes(text, found, maxCodes);
            if (found.Count == 0) FindLooseReplyCode(text, found);
        }
        catch (RegexMatchTimeoutException)
        {
            truncated = true; // what was found so far stands; the rest of the text is not searched
        }
        if (found.Count == 0) return new ExtractionResult([], [], OrderProviders(detected), false);
        found.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        // A symbolic name next to its own number ("0x800CCC0E (IXP_E_FAILED_TO_CONNECT)") adds nothing.
        found.RemoveAll(r => r.Reading == CodeReading.Symbol && found.Exists(o => o.Reading != CodeReading.Symbol && o.Kind == r.Kind && o.Code == r.Code));
        // A text that writes a status code with its dots ("SMTP-code: 550 ... 5.7.1") writes its reply code as a reply
        // code: the note that 550 might be 5.5.0 without dots is noise there.
        if (found.Exists(static r => r is { Kind: CodeKind.Enhanced, Reading: CodeReading.AsWritten }))
        {
            for (var i = 0; i < found.Count; i++)
            {
                if (found[i].Reading == CodeReading.ReplyOrDotless) found[i] = found[i] with { Reading = CodeReading.AsWritten };
            }
        }
        var kept = new List<Raw>(Math.Min(found.Count, maxCodes));
        foreach (var r in found)
        {
            if (kept.Count > 0 && r.Start < kept[^1].Start + kept[^1].Length) continue; // overlapping token
            if (kept.Count == maxCodes) { truncated = true; break; }
            kept.Add(r);
        }
        var (codes, groups) = Group(text, kept);
        return new ExtractionResult(codes, groups, OrderProviders(detected), truncated);
    }

    /// <summary>
    /// What <see cref="Extract"/> would give for the providers of a text: the first provider token among the codes it
    /// returns (null when none) and the recognised providers, in the same order.
    /// </summary>
    /// <remarks>For the diagnoser, which runs once per recipient and needs nothing else of the extraction. Most texts
    /// hold no provider token; then the numeric codes, symbols and groups cannot change either answer and are not
    /// searched. When a token is found, whether it survives among the other codes (overlaps, the cap) is settled by
    /// the full extraction.</remarks>
    /// <remarks>The text need not be a string (the diagnoser's wording and host name, joined in a pooled buffer): one is
    /// made only for the full extraction, unless <paramref name="whole"/> is the text as a string already.</remarks>
    internal (ExtractedCode? Token, IReadOnlyList<string> Providers) ExtractProviderFacts(ReadOnlySpan<char> text, string? whole, int maxCodes = DefaultMaxCodes)
    {
        if (text.IsEmpty || maxCodes <= 0) return (null, []);
        var detected = DetectProviders(text);
        List<Raw>? tokens = null;
        try
        {
            FindTokens(text, ref tokens, ref detected, maxCodes);
        }
        catch (RegexMatchTimeoutException)
        {
            (tokens ??= []).Add(default); // let the full extraction decide, as it would have
        }
        if (tokens is null) return (null, OrderProviders(detected));
        var full = Extract(whole is not null && text.SequenceEqual(whole) ? whole : text.ToString(), maxCodes);
        return (full.Codes.FirstOrDefault(c => c.Kind == CodeKind.Provider), full.Providers);
    }

    /// <summary>The provider profiles whose detect words occur in the text (case-insensitive), first occurrence first.</summary>
    public IReadOnlyList<string> RecogniseProviders(string? text) =>
        string.IsNullOrEmpty(text) ? [] : OrderProviders(DetectProviders(text));

    /// <summary>Whether the provider's detect words occur in the given part of the text.</summary>
    public bool ProviderMentioned(string provider, ReadOnlySpan<char> text)
    {
        foreach (var (p, w) in _detect)
        {
            if (p == provider && (text.Contains(w, StringComparison.OrdinalIgnoreCase) || (w.Contains(' ') && LooseText.Contains(text, w)))) return true;
        }
        return false;
    }

    private readonly record struct Raw(CodeKind Kind, string Code, int Start, int Length, CodeReading Reading, string? Provider);

    /// <summary>Each provider whose detect words occur in the text, with the position of the first; null for none (most
    /// texts), so that no dictionary is made for them. A word of several ("Barracuda Reputation") is also found where a
    /// report field or a relay folded it over lines.</summary>
    private Dictionary<string, int>? DetectProviders(ReadOnlySpan<char> text)
    {
        var first = DetectProvidersAsWritten(text);
        if (_spacedDetect.Length == 0 || !LooseText.HasIrregularSpace(text)) return first;
        foreach (var (p, w, anchor) in _spacedDetect)
        {
            // The word's longest part first, in one vectorised search: most texts hold none of them.
            if (first?.ContainsKey(p) == true || !text.Contains(anchor, StringComparison.OrdinalIgnoreCase)) continue;
            var at = LooseText.IndexOf(text, w);
            if (at >= 0) (first ??= NewDetected())[p] = at;
        }
        return first;
    }

    private Dictionary<string, int>? DetectProvidersAsWritten(ReadOnlySpan<char> text)
    {
        Dictionary<string, int>? first = null;
        var span = text;
        if (_detectAscii is not null)
        {
            if (_detectAscii.TryFindFirst(span, ref first)) return first;
            first = null;
        }
        var (words, byFirst) = _detectAny.Value;
        var at = 0;
        while (at < span.Length)
        {
            var i = span[at..].IndexOfAny(words);
            if (i < 0) break;
            at += i;
            // Every provider whose word starts here; the first position of each provider is what counts. Only the
            // words that start with this character (upper-cased as the case-insensitive comparison does) can.
            if (byFirst.TryGetValue(char.ToUpperInvariant(span[at]), out var candidates))
            {
                foreach (var (p, w) in candidates)
                {
                    if (first?.ContainsKey(p) != true && span[at..].StartsWith(w, StringComparison.OrdinalIgnoreCase)) (first ??= NewDetected())[p] = at;
                }
            }
            at++;
        }
        return first;
    }

    internal static Dictionary<string, int> NewDetected() => new(StringComparer.Ordinal);

    // Most texts name no provider or one: those need no sorting.
    private static IReadOnlyList<string> OrderProviders(Dictionary<string, int>? detected) => detected?.Count switch
    {
        null or 0 => [],
        1 => [detected.Keys.First()],
        _ => detected.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key).ToList(),
    };

    private bool FindNumericCodes(string text, List<Raw> found, int maxCodes)
    {
        var lineStart = 0;
        var lineScan = 0;
        var lastEndOnLine = -1;
        foreach (var m in CandidateRegex().EnumerateMatches(text))
        {
            var start = m.Index;
            var end = m.Index + m.Length;
            // Advance the line start (linear over the whole text).
            while (true)
            {
                var nl = text.IndexOf('\n', lineScan, start - lineScan);
                if (nl < 0) { lineScan = start; break; }
                lineStart = nl + 1;
                lineScan = nl + 1;
                lastEndOnLine = -1;
            }
            var span = text.AsSpan(start, m.Length);
            Raw? raw = null;
            if (span.Length >= 8 && (span[0] is '8' or '9' || span[1] is 'x' or 'X')) raw = ReadHex(text, start, end);
            else if (span.Length >= 5 && span[1] == '.') raw = ReadEnhanced(text, start, end);
            else if (span.Length == 3) raw = ReadThreeDigits(text, start, end, lineStart, lastEndOnLine);
            else if (span.Length == 5) raw = ReadWinsock(text, start, end, lineStart);
            if (raw is null) continue;
            if (found.Count >= maxCodes) return true;
            found.Add(raw.Value);
            lastEndOnLine = end;
        }
        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static char At(ReadOnlySpan<char> text, int i) => i >= 0 && i < text.Length ? text[i] : '\0';

    // No letter or digit glued to either side; no digit group continuing with '.', ',', ':' or '/' (IPs, versions, times, dates).
    private static bool HasNumberBoundaries(string text, int start, int end, bool allowDashAfter, bool allowDashBefore = false)
    {
        var before = At(text, start - 1);
        if (IsWordChar(before)) return false;
        if (before is '.' or ',' or ':' or '/' or '+' && char.IsDigit(At(text, start - 2))) return false;
        if (before == '-' && !allowDashBefore && char.IsDigit(At(text, start - 2))) return false;
        var after = At(text, end);
        if (IsWordChar(after)) return false;
        if (after is '.' or ',' or ':' or '/' && char.IsDigit(At(text, end + 1))) return false;
        if (after == '-' && !allowDashAfter && char.IsDigit(At(text, end + 1))) return false;
        return true;
    }

    private Raw? ReadHex(string text, int start, int end)
    {
        if (IsWordChar(At(text, start - 1)) || IsWordChar(At(text, end))) return null;
        var span = text.AsSpan(start, end - start);
        var hasPrefix = span.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        var digits = hasPrefix ? span[2..] : span;
        // All digits only after the dialog's label ("Foutnummer: 80042109", a number retyped without its "0x"), or for a
        // code of the catalog in a text that names Outlook ("Outlook ... en dan staat er 80042109"): an order or phone
        // number is neither.
        var allDigits = !hasPrefix && !digits.ContainsAny("ABCDEFabcdef");
        if (allDigits && !AfterErrorNumberLabel(text, start) && !(text.Contains("outlook", StringComparison.OrdinalIgnoreCase)
            && ClientErrorCode.TryParse(span, out var known) && _catalog.Find(CodeKind.WindowsClient, known.ToString()) is not null)) return null;
        // Without "0x", only Windows' own ranges (0x800CCCxx, 0x8004xxxx, 0x8007xxxx, 0x8000xxxx), and not a mail
        // queue's id before its colon (Postfix's "9C1F22A0: to=<...>").
        if (!hasPrefix && (!digits.StartsWith("800", StringComparison.Ordinal) || At(text, end) == ':')) return null;
        if (!ClientErrorCode.TryParse(span, out var code) || code.IsShadowCopyError) return null;
        return new Raw(CodeKind.WindowsClient, code.ToString(), start, end - start, CodeReading.AsWritten, null);
    }

    /// <summary>Labels an error dialog puts before the error's own number ("Error Number: 0x800CCC92"), as against a
    /// server's or socket's error shown beside it ("Server Error: 0x800CCC90"), in Outlook's languages.</summary>
    private static readonly string[] ErrorNumberLabels = ["error number:", "foutnummer:", "fehlernummer:", "numéro d'erreur :", "numéro d'erreur:", "número de error:"];

    /// <summary>Whether the number at <paramref name="start"/> follows such a label.</summary>
    internal static bool AfterErrorNumberLabel(string text, int start)
    {
        var before = text.AsSpan(Math.Max(0, start - 24), Math.Min(start, 24)).TrimEnd();
        foreach (var label in ErrorNumberLabels)
        {
            if (before.EndsWith(label, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static Raw? ReadEnhanced(string text, int start, int end)
    {
        if (!HasNumberBoundaries(text, start, end, allowDashAfter: false, allowDashBefore: true) && !(start >= 4 && CommaJoinedPair(text, start - 4))) return null;
        var span = text.AsSpan(start, end - start);
        if (span[0] is 'x' or 'X')
        {
            if (!EnhancedStatus.TryParse("5" + span[1..].ToString(), out var x) || x.Subject > 7) return null;
            return new Raw(CodeKind.Enhanced, x.ClassIndependent, start, end - start, CodeReading.AsWritten, null);
        }
        if (!EnhancedStatus.TryParse(span, out var status) || status.Subject > 7) return null;
        if (AfterSoftwareName(text, start, status.Class)) return null;
        return new Raw(CodeKind.Enhanced, status.ToString(), start, end - start, CodeReading.AsWritten, null);
    }

    // Mail, web-shop and system software whose version numbers look like a status of class 2 ("Magento 2.4.6", "Dovecot
    // 2.3.21" read as 2.3.2): a search for "postfix 5.1.1" still means the status.
    private static readonly string[] SoftwareNames =
    [
        "magento", "wordpress", "woocommerce", "prestashop", "joomla", "drupal", "dovecot", "postfix", "exim", "sendmail", "roundcube", "horde", "sogo",
        "phpmailer", "symfony", "laravel", "nodemailer", "node", "python", "mailkit", "mimekit", "zimbra", "nextcloud", "iredmail", "opensmtpd", "rspamd",
        "amavis", "amavisd", "haraka", "cyrus", "mailman", "sympa", "gnutls",
    ];

    // The words that announce a version of any number, and software whose versions also start with 4 or 5
    // ("SpamAssassin 4.0.1" in a pasted X-Spam-Checker-Version, "PHP 5.6.40", "Android 5.1.1" on an old tablet).
    private static readonly string[] VersionWords = ["version", "versie", "ver", "v", "spamassassin", "php", "android", "ios", "ipados", "macos"];

    // The word right before the number (one space apart) names a software or a version: a version number.
    private static bool AfterSoftwareName(string text, int start, int statusClass)
    {
        var i = start - 1;
        if (At(text, i) != ' ') return false;
        var wordEnd = i;
        while (i > 0 && char.IsAsciiLetter(text[i - 1]) && wordEnd - i < 16) i--;
        if (i == wordEnd || (i > 0 && IsWordChar(text[i - 1]))) return false;
        var word = text.AsSpan(i, wordEnd - i);
        foreach (var name in VersionWords)
        {
            if (word.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        if (statusClass != 2) return false;
        foreach (var name in SoftwareNames)
        {
            if (word.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private Raw? ReadThreeDigits(string text, int start, int end, int lineStart, int lastEndOnLine)
    {
        if (!HasNumberBoundaries(text, start, end, allowDashAfter: true) && !CommaJoinedPair(text, start)) return null;
        if (NamesAnHttpError(text, end) || HttpStatusOfAnApi(text, start, end, lineStart)) return null;
        var atLineStart = OnlyLeadIn(text.AsSpan(lineStart, start - lineStart));
        // (Not a number of class 3 before a status: no intermediate reply carries one, "office 365 5.2.2" is a product's name.)
        var followedByEnhanced = text[start] != '3' && FollowedByEnhanced(text, end);
        // A well-formed reply code that opens a line and goes on in words ("554 Message rejected", "550 <kim@...>:
        // unknown") is how a server writes its reply; a status written without dots stands alone or after a word such
        // as "error". ("571 Delivery not authorized" is no well-formed reply: still read as 5.7.1.)
        var inWords = atLineStart && At(text, end) == ' ' && (char.IsLetter(At(text, end + 1)) || At(text, end + 1) == '<')
            && ReplyCode.IsWellFormed(int.Parse(text.AsSpan(start, 3), NumberStyles.None, CultureInfo.InvariantCulture));
        // A reply quoted in a sentence about mail ('I see "251 User not local; will forward to ..."'): a well-formed code
        // that opens the quotation and goes on in words (not a price or a street number: "450 euro").
        var quoted = At(text, start - 1) is '"' or '\'' or '\u201C' or '\u2018' && At(text, end) == ' ' && char.IsLetter(At(text, end + 1))
            && ReplyCode.IsWellFormed(int.Parse(text.AsSpan(start, 3), NumberStyles.None, CultureInfo.InvariantCulture)) && ContainsAny(text, MailWords);
        var replyLine = followedByEnhanced || (atLineStart && At(text, end) == '-') || inWords || quoted || NamedSmtp(text, start, end, lineStart);
        if (!(atLineStart || followedByEnhanced || quoted || AfterCodeWord(text, start, lineStart) || AfterListedCode(text, start, lastEndOnLine)))
            return null;
        return ClassifyThreeDigits(text, start, replyLine);
    }

    private Raw? ClassifyThreeDigits(string text, int start, bool replyLine)
    {
        var d = text.AsSpan(start, 3);
        var value = int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture);
        var c = d[0] - '0';
        var s = d[1] - '0';
        var t = d[2] - '0';
        var wellFormed = ReplyCode.IsWellFormed(value);
        var code = d.ToString();
        var replyEntry = _catalog.Find(CodeKind.Reply, code);
        var hasReplyEntry = replyEntry is not null;
        var dotless = c is 2 or 4 or 5 && s <= 7;
        var dotlessCode = string.Create(CultureInfo.InvariantCulture, $"{c}.{s}.{t}");
        var hasDotlessEntry = dotless && _catalog.Find(CodeKind.Enhanced, dotlessCode) is not null;
        var dotlessFirst = !replyLine && hasDotlessEntry && replyEntry is { PreferDotless: true };
        if (wellFormed && !dotlessFirst && (hasReplyEntry || replyLine || !hasDotlessEntry))
        {
            var reading = !replyLine && hasDotlessEntry ? CodeReading.ReplyOrDotless : CodeReading.AsWritten;
            return new Raw(CodeKind.Reply, code, start, 3, reading, null);
        }
        if (dotless && !replyLine) return new Raw(CodeKind.Enhanced, dotlessCode, start, 3, hasReplyEntry ? CodeReading.DotlessOrReply : CodeReading.DotlessEnhanced, null);
        if (c is >= 2 and <= 5) return new Raw(CodeKind.Reply, code, start, 3, CodeReading.AsWritten, null);
        return null;
    }

    // Words that make a text about mail, for a reply code a user writes in a sentence ("mailbox vol 552", "ik krijg een
    // 554 terug"). The stems match their inflections ("mails", "mailbox", "verstuurd").
    private static readonly string[] MailWords =
    [
        "mail", "server", "smtp", "bounce", "bericht", "message", "versturen", "verstuur", "verzend", "send", "sent",
        "terug", "returned", "ontvang", "receiv", "deliver", "bezorg", "afgeleverd", "outlook", "postvak",
    ];

    /// <summary>
    /// When a text holds no code in the usual places, a well-formed 4xx or 5xx reply code the catalog explains, written
    /// anywhere in a sentence about mail: the way users report what they saw ("er staat iets van mailbox vol 552").
    /// Only the first is taken. A number after a capitalised word that is no code word ("Kerkstraat 421", "Bus 552") is
    /// a house, room or line number, not a code.
    /// </summary>
    private void FindLooseReplyCode(string text, List<Raw> found)
    {
        if (!ContainsAny(text, MailWords)) return;
        foreach (var m in CandidateRegex().EnumerateMatches(text))
        {
            if (m.Length != 3) continue;
            var start = m.Index;
            if (text[start] is not ('4' or '5') || !HasNumberBoundaries(text, start, start + 3, allowDashAfter: false)) continue;
            if (At(text, start + 3) is '.' or ',' && char.IsAsciiDigit(At(text, start + 4))) continue;
            if (At(text, start - 1) == ' ' && char.IsAsciiDigit(At(text, start - 2))
                || At(text, start + 3) == ' ' && char.IsAsciiDigit(At(text, start + 4))) continue; // a phone number's group
            var code = text.AsSpan(start, 3);
            if (!ReplyCode.IsWellFormed(int.Parse(code, NumberStyles.None, CultureInfo.InvariantCulture))
                || _catalog.Find(CodeKind.Reply, code.ToString()) is null) continue;
            var lineStart = text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
            if (AfterProperName(text, start, lineStart) || AfterCountedNoun(text, start, lineStart) || BeforeUnit(text, start + 3)) continue;
            if (ClassifyThreeDigits(text, start, replyLine: false) is { } raw)
            {
                found.Add(raw);
                return;
            }
        }
    }

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var w in words)
        {
            if (text.Contains(w, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    // Units a number counts in a sentence ("552 bytes", "na 450 seconden"): a quantity, not a code.
    private static readonly string[] Units =
    [
        "byte", "kb", "mb", "gb", "sec", "second", "seconde", "min", "minute", "minuut", "minuten", "uur", "hour", "day",
        "dag", "keer", "times", "mail", "bericht", "message", "recipient", "ontvanger", "%", "ms",
    ];

    // Nouns a number identifies ("line 552", "kamer 421", "ticket 550"): a place or an item, not a code.
    private static readonly string[] CountedNouns =
    [
        "line", "regel", "lijn", "page", "pagina", "room", "kamer", "zaal", "bus", "port", "poort", "version", "versie",
        "order", "bestelling", "invoice", "factuur", "ticket", "item", "huisnummer", "straat", "number", "nummer", "nr",
    ];

    private static bool AfterCountedNoun(string text, int start, int lineStart)
    {
        var i = start - 1;
        while (i >= lineStart && text[i] is ' ' or '.' or ':' or '#') i--;
        var wordEnd = i + 1;
        while (i >= lineStart && char.IsLetter(text[i])) i--;
        var word = text.AsSpan(i + 1, wordEnd - i - 1);
        foreach (var n in CountedNouns)
        {
            if (word.EndsWith(n, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool BeforeUnit(string text, int end)
    {
        var i = end;
        while (i < text.Length && i - end < 2 && text[i] == ' ') i++;
        var rest = text.AsSpan(i, Math.Min(16, text.Length - i));
        foreach (var u in Units)
        {
            if (rest.StartsWith(u, StringComparison.OrdinalIgnoreCase)
                && (rest.Length == u.Length || !char.IsLetter(rest[u.Length]) || u.Length >= 3)) return true;
        }
        return false;
    }

    // The word before the number starts with a capital letter and is no code word: a street, a room, a bus line.
    private static bool AfterProperName(string text, int start, int lineStart)
    {
        var i = start - 1;
        while (i >= lineStart && text[i] == ' ') i--;
        var wordEnd = i + 1;
        while (i >= lineStart && char.IsLetter(text[i])) i--;
        if (wordEnd - i - 1 == 0 || !char.IsUpper(text[i + 1])) return false;
        return !AfterCodeWord(text, start, lineStart);
    }

    private static Raw? ReadWinsock(string text, int start, int end, int lineStart)
    {
        if (!HasNumberBoundaries(text, start, end, allowDashAfter: false)) return null;
        if (!WinsockError.TryParse(text.AsSpan(start, end - start), out var error)) return null;
        var from = Math.Max(lineStart, start - 80);
        var before = text.AsSpan(from, start - from);
        var lineEnd = text.IndexOf('\n', end);
        var after = text.AsSpan(end, (lineEnd < 0 ? text.Length : lineEnd) - end);
        var context = before.Contains("socket", StringComparison.OrdinalIgnoreCase) || before.Contains("winsock", StringComparison.OrdinalIgnoreCase)
            || before.Contains("WSA", StringComparison.Ordinal)
            // Python on Windows: "ConnectionRefusedError: [WinError 10061] No connection could be made ...".
            || before.EndsWith("WinError ", StringComparison.OrdinalIgnoreCase)
            // A user's "error 10053" or "foutcode 10061": no other kind of code has five digits in this range.
            || before.EndsWith("error ", StringComparison.OrdinalIgnoreCase) || before.EndsWith("fout ", StringComparison.OrdinalIgnoreCase)
            || before.EndsWith("foutcode ", StringComparison.OrdinalIgnoreCase)
            || (OnlyLeadIn(text.AsSpan(lineStart, start - lineStart)) && after.Trim().Length == 0);
        return context ? new Raw(CodeKind.Winsock, error.ToString(), start, end - start, CodeReading.AsWritten, null) : null;
    }

    // What may stand before a code at the start of a line: spaces, quote marks, '#', '>' and similar.
    private static bool OnlyLeadIn(ReadOnlySpan<char> prefix)
    {
        foreach (var ch in prefix)
        {
            if (!char.IsWhiteSpace(ch) && ch is not ('>' or '#' or '<' or '(' or '[' or '"' or '\'' or '*' or '|' or ':' or '-')) return false;
        }
        return true;
    }

    /// <summary>
    /// Whether a reply code at <paramref name="replyStart"/> and its enhanced code are joined by a comma alone, as
    /// PHPMailer writes its error ("... not owned by user info@example.nl,553,5.7.1"): the two are read as codes, though a
    /// number, a comma and a number otherwise read as one decimal number ("553,5").
    /// </summary>
    private static bool CommaJoinedPair(string text, int replyStart)
    {
        if (replyStart < 0 || replyStart + 9 > text.Length) return false;
        for (var k = 0; k < 3; k++)
        {
            if (!char.IsAsciiDigit(text[replyStart + k])) return false;
        }
        if (text[replyStart + 3] != ',' || text[replyStart + 4] != text[replyStart] || text[replyStart] is not ('2' or '4' or '5') || text[replyStart + 5] != '.') return false;
        var before = At(text, replyStart - 1);
        if (IsWordChar(before) || before is '.' or ',' && char.IsDigit(At(text, replyStart - 2))) return false;
        // The enhanced code's subject and detail, then the end of the number.
        var i = replyStart + 6;
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && digits < 3) { i++; digits++; }
        if (digits == 0 || At(text, i) != '.') return false;
        i++;
        digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && digits < 3) { i++; digits++; }
        return digits > 0 && !IsWordChar(At(text, i)) && !(At(text, i) is '.' or ',' && char.IsDigit(At(text, i + 1)));
    }

    private static bool FollowedByEnhanced(string text, int end)
    {
        var i = end;
        if (CommaJoinedPair(text, end - 3)) return true;
        // Python's smtplib puts the reply in a tuple: "(530, b'5.7.0 Must issue a STARTTLS command first.')".
        if (At(text, i) == ',' && At(text, i + 1) == ' ' && (At(text, i + 2) is '\'' or '"' || At(text, i + 2) == 'b' && At(text, i + 3) is '\'' or '"'))
            return FollowedByEnhanced(text, At(text, i + 2) == 'b' ? i + 4 : i + 3);
        // MailKit's exceptions put a colon after the reply code: "535: 5.7.139 Authentication unsuccessful".
        if (At(text, i) == ':' && At(text, i + 1) == ' ') i++;
        if (At(text, i) is ' ' or '-') i++;
        if (At(text, i) == ' ') i++;
        if (At(text, i) == '#') i++;
        return At(text, i) is '2' or '4' or '5' && At(text, i + 1) == '.' && char.IsAsciiDigit(At(text, i + 2));
    }

    private static bool AfterCodeWord(string text, int start, int lineStart)
    {
        var i = start - 1;
        var skipped = 0;
        while (i >= lineStart && skipped < 8 && !char.IsLetterOrDigit(text[i])) { i--; skipped++; }
        var wordEnd = i + 1;
        while (i >= lineStart && wordEnd - i <= 24 && char.IsLetter(text[i])) i--;
        var word = text.AsSpan(i + 1, wordEnd - i - 1);
        // (Exim's lead-in also when a number ends it: "... after MAIL FROM:<a@example.org> SIZE=40112: 550 ...".)
        if (word.Length == 0) return At(text, SkipSpacesBack(text, start - 1, lineStart)) == ':' && EximLead(text.AsSpan(lineStart, start - lineStart));
        // A settings label, not a reply: Outlook's "Outgoing server (SMTP): 587" names the port.
        if (word.Equals("smtp", StringComparison.OrdinalIgnoreCase) && At(text, i) == '(' && At(text, wordEnd) == ')') return false;
        foreach (var w in CodeWords)
        {
            // (Not the code a program waited for: Symfony's 'Expected response code "250" but got code "554"'.)
            if (word.EndsWith(w, StringComparison.OrdinalIgnoreCase)) return !Expected(text, i, lineStart);
        }
        // Exim's lead-in, which names the step before the colon: "SMTP error from remote mail server after RCPT
        // TO:<kim@example.net>: 550 ...", "... after initial connection: 421 ...".
        if (At(text, SkipSpacesBack(text, start - 1, lineStart)) == ':' && EximLead(text.AsSpan(lineStart, start - lineStart))) return true;
        // A lead-in that ends in a colon right before the number: "Het antwoord van de server was: '553 ...'",
        // "The server responded: 554 ...", Postfix's "refused to talk to me: 554 ...".
        if (text.AsSpan(wordEnd, start - wordEnd).Contains(':'))
        {
            foreach (var w in ColonWords)
            {
                if (word.Equals(w, StringComparison.OrdinalIgnoreCase)) return true;
            }
        }
        return false;
    }

    // HTTP statuses that SMTP does not define, which a web API answers ("401 Unauthorized", "429 Too Many Requests").
    private static readonly int[] HttpOnlyStatuses = [400, 401, 403, 404, 405, 408, 409, 413, 415, 422, 429];

    // The words by which a line speaks of a web API rather than a mail server.
    private static readonly string[] ApiWords = ["api", "http", "https", "endpoint", "rest", "webhook"];

    /// <summary>Whether the number is an HTTP status that SMTP does not define, on a line that speaks of a web API (a
    /// sending service's "API request failed. Error code: 401"): no mail code.</summary>
    private static bool HttpStatusOfAnApi(string text, int start, int end, int lineStart)
    {
        var number = (text[start] - '0') * 100 + (text[start + 1] - '0') * 10 + (text[start + 2] - '0');
        if (Array.IndexOf(HttpOnlyStatuses, number) < 0) return false;
        var lineEnd = text.IndexOf('\n', end);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
        if (line.Length > 400) return false;
        foreach (var word in ApiWords)
        {
            for (var at = line.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = NextIndex(line, word, at))
            {
                var after = at + word.Length;
                if ((at == 0 || !char.IsLetter(line[at - 1])) && (after >= line.Length || !char.IsLetter(line[after]))) return true;
            }
        }
        return false;

        static int NextIndex(ReadOnlySpan<char> line, string word, int at)
        {
            var next = line[(at + 1)..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            return next < 0 ? -1 : at + 1 + next;
        }
    }

    /// <summary>Whether the number is a web sign-in's HTTP status, named by the error after its colon in snake case
    /// (Google's "Error 400: admin_policy_enforced", "Error 403: access_denied"): no mail code.</summary>
    private static bool NamesAnHttpError(string text, int end)
    {
        if (At(text, end) != ':') return false;
        var i = end + 1;
        while (At(text, i) == ' ') i++;
        var letters = 0;
        var underscore = false;
        for (; i < text.Length && (char.IsAsciiLetterLower(text[i]) || text[i] == '_'); i++)
        {
            if (text[i] == '_') underscore = letters > 0;
            else letters++;
        }
        return underscore && letters >= 4 && text[i - 1] != '_';
    }

    private static int SkipSpacesBack(string text, int i, int lineStart)
    {
        while (i >= lineStart && text[i] == ' ') i--;
        return i;
    }

    private static bool EximLead(ReadOnlySpan<char> line) =>
        line.Contains("from remote mail server after ", StringComparison.OrdinalIgnoreCase) || line.Contains("from remote mailer after ", StringComparison.OrdinalIgnoreCase);

    // Whether a well-formed reply code is named as SMTP's right before it: "SMTP Error (535)", "SMTP-fout 550",
    // "smtp; 554" (a DSN's diagnostic type), "SMTP 421". Such a number is the server's reply, not a status without dots.
    private static bool NamedSmtp(string text, int start, int end, int lineStart)
    {
        if (!ReplyCode.IsWellFormed(int.Parse(text.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture))) return false;
        var i = start - 1;
        for (var words = 0; words < 2; words++)
        {
            var skipped = 0;
            while (i >= lineStart && skipped < 3 && !char.IsLetterOrDigit(text[i])) { i--; skipped++; }
            var wordEnd = i + 1;
            while (i >= lineStart && wordEnd - i <= 8 && char.IsLetter(text[i])) i--;
            var word = text.AsSpan(i + 1, wordEnd - i - 1);
            if (word.Equals("smtp", StringComparison.OrdinalIgnoreCase)) return true;
            if (!IsReplyWord(word)) return false;
        }
        return false;

        static bool IsReplyWord(ReadOnlySpan<char> word) =>
            word.Equals("error", StringComparison.OrdinalIgnoreCase) || word.Equals("fout", StringComparison.OrdinalIgnoreCase)
            || word.Equals("fehler", StringComparison.OrdinalIgnoreCase) || word.Equals("code", StringComparison.OrdinalIgnoreCase)
            || word.Equals("reply", StringComparison.OrdinalIgnoreCase) || word.Equals("response", StringComparison.OrdinalIgnoreCase);
    }

    // Whether "expected" or "expecting" stands before the code word that ends before index wordStart + 1, at most one
    // other word between them ("Expected response code", "expected code").
    private static bool Expected(string text, int wordStart, int lineStart)
    {
        var i = wordStart;
        for (var words = 0; words < 2; words++)
        {
            while (i >= lineStart && text[i] == ' ') i--;
            var end = i + 1;
            while (i >= lineStart && end - i <= 12 && char.IsLetter(text[i])) i--;
            var word = text.AsSpan(i + 1, end - i - 1);
            if (word.Length == 0) return false;
            if (word.Equals("expected", StringComparison.OrdinalIgnoreCase) || word.Equals("expecting", StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    // Words that end a lead-in to a reply when a colon follows them.
    // (And a mail server log's outcome before the reply: "deferred: 421 RP-001 ...", "bounced: 550 ...".)
    private static readonly string[] ColonWords = ["was", "is", "me", "responded", "answered", "luidde", "meldde", "zei", "lautete", "deferred", "bounced"];

    // "571 of 550", "421, 450": a number listed right after another code on the same line.
    private static bool AfterListedCode(string text, int start, int lastEndOnLine)
    {
        if (lastEndOnLine < 0 || start - lastEndOnLine > 6) return false;
        var gap = text.AsSpan(lastEndOnLine, start - lastEndOnLine).Trim(" ,;/&+");
        if (gap.Length == 0) return true;
        foreach (var c in Connectors)
        {
            if (gap.Equals(c, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    // found, detected: made at the first token found, or the first provider a token names that the detect words did not.
    private bool FindTokens(ReadOnlySpan<char> text, ref List<Raw>? found, ref Dictionary<string, int>? detected, int maxCodes)
    {
        var anyToken = _anyToken;
        if (anyToken is null) return false;
        if (Interlocked.Increment(ref _tokenUses) == CompileAfterUses) BuildFasterTokenRegex();
        var count = 0;
        foreach (var m in anyToken.EnumerateMatches(text))
        {
            if (m.Length == 0) continue;
            var start = m.Index;
            var end = m.Index + m.Length;
            if (IsWordChar(At(text, start - 1)) || IsWordChar(At(text, end))) continue;
            var span = text.Slice(start, m.Length);
            if (TokenProvider(span, detected) is not { } provider) continue;
            var inner = span.Trim("[]");
            var hasDigit = inner.ContainsAnyInRange('0', '9');
            var distinctive = hasDigit && (inner.Length >= 4 || span.Length != inner.Length);
            if (detected?.ContainsKey(provider) != true && !distinctive) continue;
            if (count++ >= maxCodes) return true;
            (found ??= []).Add(new Raw(CodeKind.Provider, inner.ToString(), start, m.Length, CodeReading.AsWritten, provider));
            NoteProvider(ref detected, provider, start);
        }
        return false;
    }

    /// <summary>The provider of a token: one recognised in the text whose pattern matches the whole token, else the
    /// first that matches; null when none does.</summary>
    private string? TokenProvider(ReadOnlySpan<char> token, Dictionary<string, int>? detected)
    {
        string? provider = null;
        foreach (var (id, pattern) in _tokens)
        {
            if (!pattern.IsMatch(token)) continue;
            if (detected?.ContainsKey(id) == true) return id;
            provider ??= id;
        }
        return provider;
    }

    /// <summary>Records where a token names its provider, keeping the first position.</summary>
    private static void NoteProvider(ref Dictionary<string, int>? detected, string provider, int at)
    {
        detected ??= NewDetected();
        if (!detected.TryGetValue(provider, out var first) || at < first) detected[provider] = at;
    }

    /// <summary>
    /// A provider token a person typed in lower case, in its brackets ("[tss04]" for Yahoo's "[TSS04]"): read as the
    /// token. Only in brackets: a lower-case run of letters and digits without them is any word. At most a few.
    /// </summary>
    private void FindTypedTokens(string text, List<Raw> found, ref Dictionary<string, int>? detected)
    {
        const int MaxInner = 10, MaxTyped = 8;
        var typed = 0;
        for (var open = text.IndexOf('['); open >= 0 && typed < MaxTyped; open = open + 1 < text.Length ? text.IndexOf('[', open + 1) : -1)
        {
            var close = text.IndexOf(']', open + 1);
            if (close < 0) return;
            var inner = text.AsSpan(open + 1, close - open - 1);
            if (inner.Length is < 3 or > MaxInner || !inner.ContainsAnyInRange('a', 'z') || !inner.ContainsAnyInRange('0', '9')) continue;
            var letters = true;
            foreach (var c in inner) letters &= char.IsAsciiLetterOrDigit(c);
            if (!letters) continue;
            var token = string.Concat("[", inner.ToString().ToUpperInvariant(), "]");
            if (TokenProvider(token, detected) is not { } provider) continue;
            typed++;
            found.Add(new Raw(CodeKind.Provider, token[1..^1], open, close - open + 1, CodeReading.AsWritten, provider));
            NoteProvider(ref detected, provider, open);
        }
        FindTypedBareTokens(text, found, detected, MaxTyped - typed);
    }

    /// <summary>
    /// A provider token typed in lower case without its brackets ("yahoo 421 tss04", "icloud cs01", "outlook s3150"): read
    /// only when the text names that provider, since a lower-case run of letters and digits is otherwise any word.
    /// </summary>
    private void FindTypedBareTokens(string text, List<Raw> found, Dictionary<string, int>? detected, int max)
    {
        const int MinLength = 3, MaxLength = 10;
        if (max <= 0 || !text.AsSpan().ContainsAnyInRange('0', '9')) return;
        var named = NamedProviders(text, detected);
        if (named.Count == 0) return;
        var typed = 0;
        for (var i = 0; i < text.Length && typed < max; i++)
        {
            if (!char.IsAsciiLetterLower(text[i]) || (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '[' or '-' or '_' or '.' or '@' or '/'))) continue;
            var end = i;
            var digits = false;
            while (end < text.Length && end - i <= MaxLength && (char.IsAsciiLetterLower(text[end]) || char.IsAsciiDigit(text[end])))
            {
                digits |= char.IsAsciiDigit(text[end]);
                end++;
            }
            var length = end - i;
            var after = end < text.Length ? text[end] : ' ';
            if (length is >= MinLength and <= MaxLength && digits && !char.IsAsciiLetterOrDigit(after) && after is not ('@' or '.' or '-' or '_' or '/' or ']'))
            {
                var word = text.AsSpan(i, length).ToString().ToUpperInvariant();
                var provider = TokenProvider(string.Concat("[", word, "]"), detected) ?? TokenProvider(word, detected);
                if (provider is not null && named.Contains(provider))
                {
                    typed++;
                    found.Add(new Raw(CodeKind.Provider, word, i, length, CodeReading.AsWritten, provider));
                }
            }
            i = end;
        }
    }

    /// <summary>The providers a text names: those its detect words found, and those whose brand it names as a word
    /// ("yahoo", "icloud", "outlook"; the words of the provider's name in the catalog, less generic ones).</summary>
    private HashSet<string> NamedProviders(string text, Dictionary<string, int>? detected)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        if (detected is not null) named.UnionWith(detected.Keys);
        foreach (var (id, brand) in _brands.Value)
        {
            for (var at = text.IndexOf(brand, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(brand, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + brand.Length;
                if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end >= text.Length || !char.IsLetter(text[end]))) { named.Add(id); break; }
            }
        }
        return named;
    }

    private readonly Lazy<(string Id, string Brand)[]> _brands;

    /// <summary>Words of providers' names that name no brand.</summary>
    private static readonly HashSet<string> GenericNameWords = new(StringComparer.OrdinalIgnoreCase)
        { "mail", "online", "exchange", "workspace", "business", "email", "the", "and", "com", "net", "services", "security", "cloud" };

    private static (string Id, string Brand)[] BrandsOf(ExplanationCatalog catalog)
    {
        var brands = new List<(string, string)>();
        foreach (var p in catalog.Providers)
        {
            foreach (var word in p.Name.Split([' ', '(', ')', ',', '/', '.', '-', '&'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Length >= 3 && word.All(char.IsLetter) && !GenericNameWords.Contains(word)) brands.Add((p.Id, word.ToLowerInvariant()));
            }
        }
        return [.. brands];
    }

    /// <summary>Replaces the token regex, in the background, with one that scans faster once it is built.</summary>
    /// <remarks>A method of its own: the lambda's captured variables, declared in the caller, made it allocate their
    /// closure at every call.</remarks>
    private void BuildFasterTokenRegex()
    {
        var pattern = _anyTokenPattern!;
        // Where code can be compiled at run time (the JIT), a compiled copy; in the Native AOT tool, which cannot
        // compile, the non-backtracking engine, which finds the same matches and scans faster than the interpreter.
        var faster = System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled ? RegexOptions.Compiled : RegexOptions.NonBacktracking;
        _ = Task.Run(() => _anyToken = new Regex(pattern, TokenOptions | faster, TokenTimeout));
    }

    /// <summary>The words a POP3 or IMAP server's reply starts with before a response code in brackets: "-ERR [AUTH] ...",
    /// "a1 NO [AUTHENTICATIONFAILED] ...", "* OK [ALERT] ...", or that a mail program writes before the server's text in
    /// place of them (Thunderbird: "The mail server ... responded: [AUTH] ...", in Dutch "antwoordde:", German "antwortete:";
    /// Apple Mail: "The server returned the error: [ALERT] ...", in Dutch "fout:", German "Fehler:").</summary>
    private static readonly string[] AccessReplyWords = ["-ERR ", "NO ", "BAD ", "OK ", "BYE ", "responded: ", "antwoordde: ", "antwortete: ", "error: ", "fout: ", "fehler: "];

    /// <summary>IMAP and POP3 response codes (RFC 5530, RFC 3206) that stand for themselves in brackets, read without
    /// the reply's status word before them.</summary>
    private static readonly string[] DistinctiveAccessCodes =
        ["AUTHENTICATIONFAILED", "AUTHORIZATIONFAILED", "OVERQUOTA", "UNAVAILABLE", "PRIVACYREQUIRED", "CONTACTADMIN", "SERVERBUG", "SYS/TEMP", "SYS/PERM", "LOGIN-DELAY", "IN-USE"];

    // POP3 and IMAP response codes (RFC 2449, RFC 5530): a bracketed word right after the reply's status ("-ERR",
    // "NO", "BAD", "OK", "BYE"; the IMAP words in capitals, as servers write them), when the catalog explains it.
    // One pass over the '[' characters; a code is at most 30 characters.
    private bool FindAccessCodes(string text, List<Raw> found, int maxCodes)
    {
        const int MaxCode = 30;
        var count = 0;
        for (var open = text.IndexOf('['); open >= 0; open = open + 1 < text.Length ? text.IndexOf('[', open + 1) : -1)
        {
            var close = text.AsSpan(open + 1, Math.Min(MaxCode + 1, text.Length - open - 1)).IndexOf(']');
            if (close <= 0) continue;
            var code = text.AsSpan(open + 1, close);
            if (!IsResponseCode(code) || !(AfterReplyWord(text, open) || Distinctive(code) || AtLineStart(text, open))) continue;
            var normal = code.ToString().ToUpperInvariant();
            if (_catalog.Find(CodeKind.Access, normal) is null) continue;
            if (count++ >= maxCodes) return true;
            found.Add(new Raw(CodeKind.Access, normal, open, close + 2, CodeReading.AsWritten, null));
        }
        return false;

        static bool IsResponseCode(ReadOnlySpan<char> code)
        {
            if (!char.IsAsciiLetter(code[0])) return false;
            foreach (var c in code)
            {
                if (!char.IsAsciiLetter(c) && c is not ('-' or '/')) return false;
            }
            return true;
        }

        // A response code no other text puts in brackets, as servers write it (capitals), wherever it is quoted: Python's
        // "b'[AUTHENTICATIONFAILED] Invalid credentials'", Apple Mail's "The server returned the error: [OVERQUOTA] ...",
        // a helpdesk's own sentence.
        static bool Distinctive(ReadOnlySpan<char> code)
        {
            foreach (var d in DistinctiveAccessCodes)
            {
                if (code.SequenceEqual(d)) return true;
            }
            return false;
        }

        // A bracketed code that opens a line (after blanks or a quote mark), as a server's text pasted on its own.
        static bool AtLineStart(string text, int open)
        {
            var i = open - 1;
            while (i >= 0 && text[i] is ' ' or '\t' or '>' or '"' or '\'') i--;
            return i < 0 || text[i] == '\n';
        }

        static bool AfterReplyWord(string text, int open)
        {
            foreach (var word in AccessReplyWords)
            {
                if (open < word.Length) continue;
                var before = text.AsSpan(open - word.Length, word.Length);
                // POP3's "-ERR" and a mail program's words in any case; IMAP's words as written, so that "no [" in a
                // sentence is not taken.
                var same = word[0] == '-' || char.IsAsciiLetterLower(word[0]) ? before.Equals(word, StringComparison.OrdinalIgnoreCase) : before.SequenceEqual(word);
                if (same && (open == word.Length || !char.IsAsciiLetterOrDigit(text[open - word.Length - 1]))) return true;
            }
            return false;
        }
    }

    // Symbolic names of Windows mail client and Winsock errors (IXP_E_FAILED_TO_CONNECT, WSAETIMEDOUT): each run of
    // identifier characters that starts like one of the catalog's names is looked up; one linear pass.
    private bool FindSymbols(string text, List<Raw> found, int maxCodes)
    {
        if (_symbolPrefixes.Length == 0) return false;
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsSymbolChar(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && IsSymbolChar(text[i])) i++;
            var length = i - start;
            if (length is < 6 or > 64) continue;
            var span = text.AsSpan(start, length);
            var prefixed = false;
            foreach (var p in _symbolPrefixes)
            {
                if (span.StartsWith(p, StringComparison.OrdinalIgnoreCase)) { prefixed = true; break; }
            }
            if (!prefixed || !_catalog.TryFindSymbol(span, out var kind, out var code)) continue;
            if (count++ >= maxCodes) return true;
            found.Add(new Raw(kind, code, start, length, CodeReading.Symbol, null));
        }
        return false;

        static bool IsSymbolChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    }

    private (List<ExtractedCode>, List<CodeGroup>) Group(string text, List<Raw> codes)
    {
        var result = new List<ExtractedCode>(codes.Count);
        var groups = new List<CodeGroup>();
        var scan = 0;               // text before this position has been walked
        var lineStart = 0;          // start of the line containing scan
        var groupOpen = false;      // whether the lines walked since the group's last code all continue it
        var groupIndex = -1;
        var groupStart = 0;
        var groupFirstCode = 0;
        var groupLastEnd = 0;
        var groupEnd = 0;           // where the group's text ends, once known
        string? groupReply = null;

        void CloseGroup(int end)
        {
            var from = Math.Max(groupStart, groupFirstCode - MaxGroupBefore);
            var to = Math.Min(end, groupLastEnd + MaxGroupAfter);
            to = Math.Max(to, groupLastEnd);
            groups.Add(new CodeGroup(groupIndex, from, to - from));
        }

        foreach (var code in codes)
        {
            // Walk the lines between the previous code and this one.
            while (true)
            {
                var nl = text.IndexOf('\n', scan, code.Start - scan);
                if (nl < 0) { scan = code.Start; break; }
                if (groupOpen && !Continues(text, nl + 1, groupReply))
                {
                    groupOpen = false;
                    groupEnd = nl;
                }
                lineStart = nl + 1;
                scan = nl + 1;
            }
            if (groupIndex < 0 || !groupOpen)
            {
                if (groupIndex >= 0) CloseGroup(groupEnd);
                groupIndex++;
                groupStart = LabelsTheLineBefore(text, lineStart, code, groupIndex == 0 ? -1 : groupLastEnd) ? PreviousLineStart(text, lineStart) : lineStart;
                groupFirstCode = code.Start;
                groupReply = null;
                groupOpen = true;
            }
            if (code.Kind == CodeKind.Reply && groupReply is null) groupReply = code.Code;
            groupLastEnd = code.Start + code.Length;
            result.Add(new ExtractedCode(code.Kind, code.Code, code.Start, code.Length, groupIndex, code.Reading, code.Provider));
        }
        if (groupIndex >= 0)
        {
            // The last group runs on over its continuation lines.
            var end = text.IndexOf('\n', scan);
            var lines = 0;
            while (end >= 0 && lines++ < MaxContinuationLines && end - groupLastEnd < MaxGroupAfter && Continues(text, end + 1, groupReply))
                end = text.IndexOf('\n', end + 1);
            CloseGroup(end < 0 ? text.Length : end);
        }
        return (result, groups);
    }

    // A line continues the previous reply when it is folded (starts with white space) or repeats the reply's code. A
    // delivery report's "Diagnostic-Code:" field continues the "Status:" field before it: its words say what that status
    // meant ("Status: 5.4.4" and then "Diagnostic-Code: X-Postfix; Host or domain name not found").
    private static bool Continues(string text, int lineStart, string? reply)
    {
        if (text.AsSpan(lineStart).StartsWith("Diagnostic-Code:", StringComparison.OrdinalIgnoreCase)
            && PreviousLine(text, lineStart).StartsWith("Status:", StringComparison.OrdinalIgnoreCase)) return true;
        var c = At(text, lineStart);
        if (c is ' ' or '\t')
        {
            var i = lineStart;
            while (At(text, i) is ' ' or '\t') i++;
            return At(text, i) is not ('\n' or '\r' or '\0');
        }
        return reply is not null && text.AsSpan(lineStart).StartsWith(reply, StringComparison.Ordinal) && At(text, lineStart + 3) is '-' or ' ';
    }

    // A line that holds only a label and the code ("SMTP code: 550" under PHPMailer's "SMTP server error: ... Detail:
    // ...") names the code of the line before it, when no other code stands there: the words are that line's.
    private static bool LabelsTheLineBefore(string text, int lineStart, Raw code, int lastCodeEnd)
    {
        if (lineStart == 0 || lastCodeEnd >= PreviousLineStart(text, lineStart)) return false;
        var label = text.AsSpan(lineStart, code.Start - lineStart).Trim();
        if (label.Length is < 2 or > 24 || label[^1] != ':') return false;
        foreach (var c in label[..^1])
        {
            if (!char.IsLetter(c) && c is not (' ' or '-')) return false;
        }
        var lineEnd = text.IndexOf('\n', code.Start + code.Length);
        return text.AsSpan(code.Start + code.Length, (lineEnd < 0 ? text.Length : lineEnd) - code.Start - code.Length).Trim().IsEmpty;
    }

    private static int PreviousLineStart(string text, int lineStart) =>
        lineStart < 2 ? 0 : text.LastIndexOf('\n', lineStart - 2) + 1;

    // The line that ends just before lineStart (without its line break), or empty at the text's start.
    private static ReadOnlySpan<char> PreviousLine(string text, int lineStart)
    {
        if (lineStart <= 0) return [];
        var end = lineStart - 1;
        if (end > 0 && text[end - 1] == '\r') end--;
        var start = text.LastIndexOf('\n', Math.Max(0, end - 1), Math.Min(end, 4096)) + 1;
        return text.AsSpan(start, end - start);
    }
}

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// What a mail gateway or program added around a notice: below it, a footer (a signature delimiter, "-- " on a line of
/// its own, RFC 3676, or a line that opens a gateway's scan note or a company's disclaimer); above it, a banner that
/// marks mail from outside ("CAUTION: This email originated from outside of the organization ..."). Neither says
/// anything about the failure, and their words must not decide the reason (a recipient without a diagnostic of its
/// own is judged by the notice's wording) nor stand where a decoder expects the notice's first paragraph.
/// </summary>
internal static class GatewayText
{
    /// <summary>Wording of a banner that a receiving gateway puts above mail from outside the organisation.</summary>
    private static readonly string[] BannerWording =
    [
        "originated from outside", "originated outside", "from an external sender",
        "came from outside your organization", "came from outside your organisation", "you don't often get email from",
        // The same in Dutch, German and French.
        "van buiten de organisatie", "van buiten uw organisatie", "außerhalb der organisation", "außerhalb ihrer organisation",
        "de l'extérieur de l'organisation", "de l'extérieur de votre organisation",
    ];

    /// <summary>
    /// What a banner warns of or tells to do, one of which it holds besides its wording: a notice's own sentence may say
    /// where a message originated ("relaying denied: your message originated outside this network").
    /// </summary>
    private static readonly string[] BannerCues =
    [
        "click", "link", "attachment", "caution", "warning", "external", "learn why", "careful",
        "klik", "bijlage", "let op", "anhänge", "vorsicht", "achtung", "lien", "pièces jointes", "prudence", "attention",
    ];

    /// <summary>How a banner's tag opens it ("[EXTERNAL]", "EXTERNAL EMAIL:"): words a notice may use further on.</summary>
    private static readonly string[] BannerTags = ["[external", "external email", "external e-mail", "external:", "caution: external", "warning: external"];

    /// <summary>Most lines of a banner paragraph.</summary>
    private const int MaxBannerLines = 5;

    /// <summary>
    /// The length of a banner paragraph at the start of <paramref name="text"/> with the blank lines after it (where the
    /// notice proper starts), or 0 when the text does not open with one.
    /// </summary>
    public static int BannerLength(ReadOnlySpan<char> text)
    {
        var lead = text.Length - text.TrimStart().Length;
        var at = lead;
        for (var lines = 0; lines < MaxBannerLines; lines++)
        {
            // No blank line after the first paragraph: it is not one above a notice.
            var next = text[at..].IndexOf('\n');
            if (next < 0) return 0;
            at += next + 1;
            var end = text[at..].IndexOf('\n');
            if (!(end < 0 ? text[at..] : text.Slice(at, end)).IsWhiteSpace()) continue;
            if (!IsBanner(text[lead..at])) return 0;
            var after = text[at..];
            return at + (after.Length - after.TrimStart().Length);
        }
        return 0;
    }

    private static bool IsBanner(ReadOnlySpan<char> paragraph)
    {
        foreach (var tag in BannerTags)
        {
            if (paragraph.StartsWith(tag, StringComparison.OrdinalIgnoreCase)) return true;
        }
        var worded = false;
        foreach (var wording in BannerWording) worded |= paragraph.Contains(wording, StringComparison.OrdinalIgnoreCase);
        if (!worded) return false;
        foreach (var cue in BannerCues)
        {
            if (paragraph.Contains(cue, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>Starts of a footer's first line (compared ignoring case, after the line's indentation).</summary>
    private static readonly string[] Openings =
    [
        "this email has been scanned", "this e-mail has been scanned", "this message has been scanned", "this mail has been scanned",
        "this email has been checked", "this e-mail has been checked", "this message has been checked for",
        "virus-free.", "no virus found in this", "confidentiality notice", "disclaimer:",
    ];

    /// <summary>Words of a scanner's finding: a line that opens like a footer but reports a virus is the notice itself.</summary>
    private static readonly string[] Findings = ["found", "detected", "infected", "contain"];

    private static readonly PhraseSearch OpeningSearch = new(Openings);

    /// <summary>Most lines a footer has: what runs on longer is more than a footer.</summary>
    private const int MaxFooterLines = 15;

    /// <summary>
    /// The index in <paramref name="text"/> where a footer starts (at a line's start, after its first line unless
    /// <paramref name="mayOpen"/>, and running to the end of the text), or -1.
    /// </summary>
    /// <param name="text">The text of one part.</param>
    /// <param name="mayOpen">Whether a footer may be the whole text: a part of its own after the notice's.</param>
    public static int FooterStart(ReadOnlySpan<char> text, bool mayOpen = false)
    {
        var lead = text.Length - text.TrimStart().Length;
        if (mayOpen && lead < text.Length && IsOpening(text[lead..]) && IsTail(text)) return 0;
        // A footer is a short tail: only the last lines are searched, however long the notice.
        var tail = TailStart(text);
        var delimiter = SignatureDelimiter(text, Math.Max(0, tail - 1));
        if (delimiter >= 0 && !IsTail(text[delimiter..])) delimiter = -1;
        var scan = OpeningSearch.Scan(text[tail..(delimiter < 0 ? text.Length : delimiter)]);
        for (var found = scan.Next(); found >= 0; found = scan.Next())
        {
            var at = tail + found;
            var lineStart = text[..at].LastIndexOfAny('\n', '\r') + 1;
            if (lineStart == 0 || !text[lineStart..at].IsWhiteSpace()) continue;
            var lineEnd = text[at..].IndexOfAny('\n', '\r');
            var line = lineEnd < 0 ? text[at..] : text.Slice(at, lineEnd);
            if (ReportsAFinding(line) || !IsTail(text[lineStart..])) continue;
            return lineStart;
        }
        return delimiter;
    }

    /// <summary>Where the last <see cref="MaxFooterLines"/> line breaks and the text after them start (0 when there are fewer).</summary>
    private static int TailStart(ReadOnlySpan<char> text)
    {
        var end = text.Length;
        for (var breaks = 0; breaks <= MaxFooterLines; breaks++)
        {
            var at = text[..end].LastIndexOf('\n');
            if (at < 0) return 0;
            end = at;
        }
        return end + 1;
    }

    /// <summary>
    /// Whether the text from a footer's start to the end is only a footer: a few lines, and no forwarded or quoted
    /// message below it (a person's signature comes above the bounce they forward), nor a server's reply (a notice
    /// template whose signature comes before the list of failed addresses: "-- \nIT Service Desk\n\n&lt;kim@...&gt;:
    /// host mx said: 550 ...").
    /// </summary>
    private static bool IsTail(ReadOnlySpan<char> rest) =>
        rest.Count('\n') <= MaxFooterLines && !rest.Contains("forward", StringComparison.OrdinalIgnoreCase)
        && !rest.Contains("original message", StringComparison.OrdinalIgnoreCase) && !rest.Contains("-----", StringComparison.Ordinal)
        && !rest.Contains(" said: ", StringComparison.OrdinalIgnoreCase) && !rest.Contains("in reply to ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the first line from <paramref name="from"/> on that is exactly "-- " starts (not the text's first line), or -1.</summary>
    private static int SignatureDelimiter(ReadOnlySpan<char> text, int from)
    {
        while (true)
        {
            var at = text[from..].IndexOf("\n-- ", StringComparison.Ordinal);
            if (at < 0) return -1;
            var start = from + at + 1;
            var after = start + 3;
            if (after == text.Length || text[after] is '\n' or '\r') return start;
            from = start;
        }
    }

    /// <summary>Whether the text opens with a footer's first line (or a signature delimiter).</summary>
    private static bool IsOpening(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny('\n', '\r');
        var line = end < 0 ? text : text[..end];
        if (line.SequenceEqual("-- ")) return true;
        foreach (var opening in Openings)
        {
            if (line.StartsWith(opening, StringComparison.OrdinalIgnoreCase)) return !ReportsAFinding(line);
        }
        return false;
    }

    private static bool ReportsAFinding(ReadOnlySpan<char> line)
    {
        // "No virus found in this message": the all-clear of a scanner's footer.
        if (line.Contains("no virus", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var word in Findings)
        {
            if (line.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}

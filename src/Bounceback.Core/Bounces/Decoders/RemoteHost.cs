using System.Buffers;
using System.Text.RegularExpressions;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// The remote server a diagnostic names, for reports that carry no Remote-MTA field: the wording mail servers use
/// when they quote the server that refused ("host mx.example.net[192.0.2.1] said:", "host mx.example.net
/// [192.0.2.1]:", "host: mx.example.net", "mx.example.net [192.0.2.1] did not like our RCPT TO", "Server
/// mx.example.net[192.0.2.1] failed with:", "connect to mx.example.net[192.0.2.1]:25:", "lost connection with
/// mx.example.net[192.0.2.1]", qmail's "192.0.2.1 does not like recipient" and "remote host 192.0.2.1 said").
/// </summary>
/// <remarks>Only wording that names the remote side counts: "Client host [192.0.2.9] blocked" names the sender's
/// own address and gives nothing, Exchange's "Generating server:" is the reporting server, and "host example.net not
/// found" names a domain that no server answered for. The host name is preferred to the address; a host name needs
/// a dot.</remarks>
internal static partial class RemoteHost
{
    /// <summary>How much of a diagnostic is searched.</summary>
    private const int MaxChars = 4096;

    /// <summary>The remote server's host name (or its address when no name is given), or null.</summary>
    public static string? Find(string? diagnostic)
    {
        if (string.IsNullOrEmpty(diagnostic)) return null;
        var text = diagnostic.Length > MaxChars ? diagnostic[..MaxChars] : diagnostic;
        // The leftmost of the three wordings; each pattern starts with a literal, so the search skips ahead cheaply.
        Match? best = null;
        string? host = null;
        foreach (var m in new[] { Keyword().Match(text), Connection().Match(text) })
        {
            if (m.Success && (best is null || m.Index < best.Index)) (best, host) = (m, m.Groups["h"].Success ? m.Groups["h"].Value : m.Groups["ip"].Value);
        }
        for (var said = AddressSaid().Match(text); said.Success && (best is null || said.Index < best.Index); said = said.NextMatch())
        {
            // "mx.example.net [192.0.2.1] said": the host name is the token right before the bracket.
            if (HostBefore(text, said.Index) is { } named && (best is null || named.Start < best.Index))
            {
                host = named.Host;
                break;
            }
        }
        if (host is not null) return host.TrimEnd('.').ToLowerInvariant();
        // Most diagnostics hold none of the wordings that name only an address, and that pattern has no literal start to
        // skip ahead by: it was tried at every digit.
        if (!text.AsSpan().ContainsAny(AddressOnlyWording)) return null;
        var address = AddressOnly().Match(text);
        return address.Success ? address.Groups["ip"].Value : null;
    }

    /// <summary>The host name that ends right before <paramref name="bracket"/> (spaces between allowed), and where it starts.</summary>
    private static (string Host, int Start)? HostBefore(string text, int bracket)
    {
        var end = bracket;
        while (end > 0 && text[end - 1] == ' ') end--;
        var start = end;
        while (start > 0 && (char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '-')) start--;
        if (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '_')) return null;
        var token = text[start..end];
        return WholeHost().IsMatch(token) ? (token, start) : null;
    }

    // A host name: labels of letters, digits and hyphens, at least one dot, a top label of letters.
    private const string Host = @"(?<h>[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63})\.?";
    private const string Ip = @"(?:IPv6:)?(?<ip>\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})";

    /// <summary>"host mx.example.net[192.0.2.1] said", "host: mx.example.net", "Server mx.example.net[192.0.2.1] failed with".</summary>
    [GeneratedRegex(@"(?<!generating )\b(?:host|server)\b:?\s+" + Host + @"(?:\s*\[" + Ip + @"\])?(?=[\s:,;)]|$)(?!\s+(?:not found|unknown|does not exist|has no))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex Keyword();

    /// <summary>"connect to mx.example.net[192.0.2.1]:25", "lost connection with mx.example.net[192.0.2.1]".</summary>
    [GeneratedRegex(@"\b(?:connect to|connection to|connection with) " + Host + @"\[" + Ip + @"\]",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex Connection();

    /// <summary>"[192.0.2.1] did not like our", "[192.0.2.1]: said": an address in brackets followed by a remote server's verb.</summary>
    [GeneratedRegex(@"\[" + Ip + @"\]:?\s+(?:said|did not like|failed with|does not like|refused)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex AddressSaid();

    [GeneratedRegex(@"\A[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63}\.?\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex WholeHost();

    /// <summary>
    /// Words that every match of <see cref="AddressOnly"/> holds, compared as it compares them: without the "k" of "like",
    /// which the pattern also matches as the Kelvin sign (U+212A) and ordinal comparison does not.
    /// </summary>
    private static readonly SearchValues<string> AddressOnlyWording =
        SearchValues.Create(["remote host", "remote server", "does not li", "failed after i sent"], StringComparison.OrdinalIgnoreCase);

    /// <summary>qmail and others that give only the address: "192.0.2.1 does not like recipient", "remote host 192.0.2.1 said".</summary>
    [GeneratedRegex(
        @"(?:\bremote (?:host|server) \[?(?<ip>\d{1,3}(?:\.\d{1,3}){3})\]?(?: said|:)" +
        @"|(?<![\w.])(?<ip>\d{1,3}(?:\.\d{1,3}){3}) (?:does not like recipient|failed after I sent|does not like sender))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex AddressOnly();
}

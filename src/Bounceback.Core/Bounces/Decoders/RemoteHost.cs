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
        var m = Named().Match(text);
        if (m.Success) return m.Groups["h"].Success ? m.Groups["h"].Value.TrimEnd('.').ToLowerInvariant() : m.Groups["ip"].Value;
        m = AddressOnly().Match(text);
        return m.Success ? m.Groups["ip"].Value : null;
    }

    // A host name: labels of letters, digits and hyphens, at least one dot, a top label of letters.
    private const string Host = @"(?<h>[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63})\.?";
    private const string Ip = @"(?:IPv6:)?(?<ip>\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})";

    /// <summary>A host (with or without its address) in wording that says it is the remote server.</summary>
    [GeneratedRegex(
        @"(?:(?<!generating )\b(?:host|server)\b:?\s+" + Host + @"(?:\s*\[" + Ip + @"\])?(?=[\s:,;)]|$)(?!\s+(?:not found|unknown|does not exist|has no))" +
        @"|\b(?:connect to|connection to|connection with) " + Host + @"\[" + Ip + @"\]" +
        @"|(?<![\w.-])" + Host + @"\s*\[" + Ip + @"\]:?\s+(?:said|did not like|failed with|does not like|refused))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex Named();

    /// <summary>qmail and others that give only the address: "192.0.2.1 does not like recipient", "remote host 192.0.2.1 said".</summary>
    [GeneratedRegex(
        @"(?:\bremote (?:host|server) \[?(?<ip>\d{1,3}(?:\.\d{1,3}){3})\]?(?: said|:)" +
        @"|(?<![\w.])(?<ip>\d{1,3}(?:\.\d{1,3}){3}) (?:does not like recipient|failed after I sent|does not like sender))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex AddressOnly();
}

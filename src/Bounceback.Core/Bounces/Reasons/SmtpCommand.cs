using System.Text.RegularExpressions;

namespace Bounceback.Core.Bounces.Reasons;

/// <summary>Finds which SMTP command a failure answered, from the wording servers use to say so.</summary>
public static partial class SmtpCommand
{
    /// <summary>RCPT, MAIL, DATA, HELO/EHLO or CONNECT; null when the text does not say.</summary>
    public static string? Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var span = text.Length > 16384 ? text[..16384] : text;
        var m = Said().Match(span);
        if (!m.Success) return null;
        var c = m.Groups["c"].Value.ToUpperInvariant();
        if (c.StartsWith("RCPT", StringComparison.Ordinal)) return "RCPT";
        if (c.StartsWith("MAIL", StringComparison.Ordinal)) return "MAIL";
        if (c.Contains("DATA", StringComparison.Ordinal)) return "DATA";
        if (c.StartsWith("HELO", StringComparison.Ordinal) || c.StartsWith("EHLO", StringComparison.Ordinal)) return "EHLO";
        if (c.Contains("CONNECT", StringComparison.Ordinal) || c.Contains("GREETING", StringComparison.Ordinal)) return "CONNECT";
        return null;
    }

    [GeneratedRegex(@"(?:in reply to |after |did not like our |>>> |while sending |after sending |error (?:in|on) )(?<c>end of data|end of DATA|RCPT TO|RCPT|MAIL FROM|MAIL|DATA|HELO|EHLO|initial connection|greeting)", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Said();
}

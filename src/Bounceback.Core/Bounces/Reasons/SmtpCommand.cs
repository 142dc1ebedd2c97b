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
        // In a session transcript the failing command is the last one sent before the first error reply.
        var firstError = FirstErrorReply(span);
        if (firstError > 0)
        {
            Match? last = null;
            for (var t = Said().Match(span); t.Success && t.Index < firstError; t = t.NextMatch()) last = t;
            if (last is not null) m = last;
            // With pipelining the RCPT replies arrive after ">>> DATA": two replies in a row mean the first answered RCPT.
            if (m.Value.StartsWith(">>>", StringComparison.Ordinal) && m.Groups["c"].Value.Equals("DATA", StringComparison.OrdinalIgnoreCase))
            {
                var next = span.IndexOf("<<< ", firstError + 4, StringComparison.Ordinal);
                var sent = span.IndexOf(">>> ", firstError, StringComparison.Ordinal);
                if (next > 0 && (sent < 0 || next < sent)) return "RCPT";
            }
        }
        var c = m.Groups["c"].Value.ToUpperInvariant();
        if (c.StartsWith("RCPT", StringComparison.Ordinal)) return "RCPT";
        if (c.StartsWith("MAIL", StringComparison.Ordinal)) return "MAIL";
        if (c.Contains("DATA", StringComparison.Ordinal)) return "DATA";
        if (c.StartsWith("HELO", StringComparison.Ordinal) || c.StartsWith("EHLO", StringComparison.Ordinal)) return "EHLO";
        if (c.Contains("CONNECT", StringComparison.Ordinal) || c.Contains("GREETING", StringComparison.Ordinal)) return "CONNECT";
        return null;
    }

    private static int FirstErrorReply(string text)
    {
        var a = text.IndexOf("<<< 5", StringComparison.Ordinal);
        var b = text.IndexOf("<<< 4", StringComparison.Ordinal);
        return a < 0 ? b : b < 0 ? a : Math.Min(a, b);
    }

    [GeneratedRegex(@"(?:in reply to |after |did not like our |>>> |while sending |after sending |error (?:in|on) )(?<c>end of data|end of DATA|RCPT TO|RCPT|MAIL FROM|MAIL|DATA|HELO|EHLO|initial connection|greeting)", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Said();
}

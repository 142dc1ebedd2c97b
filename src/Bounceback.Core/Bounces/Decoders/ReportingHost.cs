using System.Buffers;
using System.Text.RegularExpressions;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// The server that wrote a plain-text notice, for notices without a Reporting-MTA field: the host the notice names
/// for itself ("This is the mail system at host relay.example.net.", "the Postfix program at host ...", "the
/// qmail-send program at ..."), else the domain of a mailer daemon's From address (MAILER-DAEMON@relay.example.net).
/// </summary>
internal static partial class ReportingHost
{
    /// <summary>The reporting server's host name, or null.</summary>
    public static string? Find(MimeMessage message, string? noticeText)
    {
        if (!string.IsNullOrEmpty(noticeText))
        {
            var head = noticeText.AsSpan(0, Math.Min(noticeText.Length, 2048));
            // One search says whether any introduction is there at all (most notices have none); then each is tried in order.
            if (head.ContainsAny(AnyIntroduction))
            {
                foreach (var intro in SelfIntroductions)
                {
                    var at = head.IndexOf(intro, StringComparison.OrdinalIgnoreCase);
                    if (at >= 0 && HostAt().Match(noticeText, at + intro.Length) is { Success: true } m) return m.Groups["h"].Value.ToLowerInvariant();
                }
            }
        }
        // Only a mailer daemon's or postmaster's address names the reporting server.
        if (!MessageParts.FromContains(message, "mailer-daemon@", "postmaster@")) return null;
        foreach (var mailbox in message.From.Mailboxes)
        {
            // Cut as spans: only the domain returned becomes a string.
            var address = mailbox.Address.AsSpan();
            var at = address.LastIndexOf('@');
            if (at <= 0) continue;
            var local = address[..at];
            var domain = address[(at + 1)..].TrimEnd('.');
            if (domain.Contains('.') && (local.Equals("MAILER-DAEMON", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase)))
            {
                return new string(domain).ToLowerInvariant();
            }
        }
        return null;
    }

    /// <summary>How a notice names the host that wrote it, each followed by that host's name.</summary>
    private static readonly string[] SelfIntroductions = ["mail system at host ", "Postfix program at host ", "Postfix program at ", "qmail-send program at "];

    private static readonly SearchValues<string> AnyIntroduction = SearchValues.Create(SelfIntroductions, StringComparison.OrdinalIgnoreCase);

    /// <summary>A host name right where the match starts.</summary>
    [GeneratedRegex(@"\G(?<h>[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex HostAt();
}

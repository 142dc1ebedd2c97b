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
            var head = noticeText.Length > 2048 ? noticeText[..2048] : noticeText;
            if (SelfNamed().Match(head) is { Success: true } m) return m.Groups["h"].Value.ToLowerInvariant();
        }
        foreach (var mailbox in message.From.Mailboxes)
        {
            var at = mailbox.Address.LastIndexOf('@');
            if (at <= 0) continue;
            var local = mailbox.Address[..at];
            var domain = mailbox.Address[(at + 1)..].TrimEnd('.');
            if (domain.Contains('.', StringComparison.Ordinal) && (local.Equals("MAILER-DAEMON", StringComparison.OrdinalIgnoreCase) || local.Equals("postmaster", StringComparison.OrdinalIgnoreCase)))
            {
                return domain.ToLowerInvariant();
            }
        }
        return null;
    }

    [GeneratedRegex(@"(?:mail system at host|(?:Postfix|qmail-send) program at(?: host)?) (?<h>[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)+[A-Za-z]{2,63})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex SelfNamed();
}

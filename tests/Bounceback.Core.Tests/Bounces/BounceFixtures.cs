using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Locates the fixture messages and the shared corpus, and parses bytes the way the product does.</summary>
internal static class BounceFixtures
{
    public static string FixtureRoot => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static IEnumerable<string> Messages() =>
        Directory.Exists(FixtureRoot)
            ? Directory.EnumerateFiles(FixtureRoot, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];

    /// <summary>The shared corpus next to the repository (../shared/corpus/sisimai), or null when absent.</summary>
    public static string? CorpusRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bounceback.slnx"))) dir = dir.Parent;
        if (dir is null) return null;
        var corpus = Path.Combine(dir.FullName, "..", "shared", "corpus", "sisimai");
        if (!Directory.Exists(Path.Combine(corpus, "emails"))) corpus = "/work/shared/corpus/sisimai";
        return Directory.Exists(Path.Combine(corpus, "emails")) ? Path.GetFullPath(corpus) : null;
    }

    public static ParseOutcome Parse(byte[] bytes, string source = "test")
    {
        using var stream = new MemoryStream(bytes);
        return BounceParser.Default.Parse(stream, source, null, Language.En);
    }

    /// <summary>Parses a message written in a test as text (UTF-8).</summary>
    public static ParseOutcome Parse(string message) => Parse(Encoding.UTF8.GetBytes(message));

    public static byte[] WithLineEndings(byte[] lf, string ending)
    {
        var text = Encoding.Latin1.GetString(lf).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text.Replace("\n", ending, StringComparison.Ordinal));
    }

    /// <summary>A one-recipient RFC 3464 report with the given status, remote host and diagnostic (for rule tests).</summary>
    public static byte[] OneRecipientReport(string status, string diagnostic, string remoteMta) =>
        Report(("ann@shop.example", "failed", status, diagnostic, remoteMta));

    /// <summary>A delivery status report with one group of fields per recipient (a null Remote-MTA is left out).</summary>
    public static byte[] Report(params (string Recipient, string Action, string Status, string Diagnostic, string? RemoteMta)[] groups)
    {
        var report = new System.Text.StringBuilder(
            "From: Mail Delivery System <MAILER-DAEMON@out.letters.example>\n" +
            "To: news@letters.example\n" +
            "Subject: Undelivered Mail Returned to Sender\n" +
            "Date: Mon, 02 Mar 2026 10:00:00 +0000\n" +
            "MIME-Version: 1.0\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n" +
            "--b1\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n" +
            "--b1\nContent-Type: message/delivery-status\n\n" +
            "Reporting-MTA: dns; out.letters.example\n\n");
        foreach (var (recipient, action, status, diagnostic, remoteMta) in groups)
        {
            report.Append($"Final-Recipient: rfc822; {recipient}\nAction: {action}\nStatus: {status}\n");
            if (remoteMta is not null) report.Append($"Remote-MTA: dns; {remoteMta}\n");
            report.Append($"Diagnostic-Code: smtp; {diagnostic}\n\n");
        }
        return System.Text.Encoding.UTF8.GetBytes(report.Append("--b1--\n").ToString());
    }
}

/// <summary>A fact that runs only when the shared sample corpus is present.</summary>
internal sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (BounceFixtures.CorpusRoot() is null) Skip = "The shared corpus (../shared/corpus/sisimai) is not present.";
    }
}

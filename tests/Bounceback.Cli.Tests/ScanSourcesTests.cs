using System.Globalization;
using System.Text.Json.Nodes;

namespace Bounceback.Cli.Tests;

/// <summary>`bounceback parse` over several sources when one of them fails: the failure is reported, the others are read.</summary>
[Collection(nameof(ImapPasswordVariable))]
public sealed class ScanSourcesTests
{
    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures");

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => ImapPasswordVariable.RunAsync("not-used", args);

    private static string DeadMailbox() => $"imap://anna@127.0.0.1:{ImapPasswordVariable.DeadPort().ToString(CultureInfo.InvariantCulture)}/INBOX";

    [Fact]
    public async Task A_mailbox_that_cannot_be_reached_is_reported_and_the_folder_after_it_is_still_read_whole()
    {
        var folder = Path.Combine(Fixtures, "rfc3464");
        var (aloneCode, alone, _) = await Run("parse", "--jsonl", "--lang", "en", folder);
        Assert.Equal(ExitCodes.Ok, aloneCode);
        Assert.NotEmpty(alone.Trim());
        var mailbox = DeadMailbox();

        var (code, output, error) = await Run("parse", "--jsonl", "--lang", "en", mailbox, folder);

        Assert.Equal(ExitCodes.Incomplete, code);
        Assert.Equal(alone, output);
        Assert.Contains("Could not connect to " + mailbox, error, StringComparison.Ordinal);
        Assert.Contains("1 of 2 sources", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_failure_is_reported_between_the_sources_and_the_summary_counts_what_was_read()
    {
        var first = Path.Combine(Fixtures, "postfix");
        var last = Path.Combine(Fixtures, "exim");
        var (_, expected, _) = await Run("parse", "--jsonl", "--lang", "nl", first, last);
        var results = Path.Combine(Path.GetTempPath(), $"bounceback-sources-{Guid.NewGuid():N}.jsonl");
        try
        {
            var (code, summary, error) = await Run("parse", "--jsonl", "--lang", "nl", "--output", results, "--summary-json", first, DeadMailbox(), last);

            Assert.Equal(ExitCodes.Incomplete, code);
            // The records of both folders, then the totals of both.
            Assert.Equal(expected, await File.ReadAllTextAsync(results));
            Assert.Equal(expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, (int)JsonNode.Parse(summary)!["recipients"]!);
            Assert.Contains("Geen verbinding met", error, StringComparison.Ordinal);
            Assert.Contains("1 van de 3 bronnen", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(results);
        }
    }

    [Fact]
    public async Task When_no_source_can_be_opened_nothing_is_written_and_the_exit_code_says_so()
    {
        var (first, second) = (DeadMailbox(), DeadMailbox());

        var (code, output, error) = await Run("parse", "--json", "--lang", "en", first, second);

        Assert.Equal(ExitCodes.SourceFailed, code);
        Assert.Equal("", output);
        Assert.Contains(first, error, StringComparison.Ordinal);
        Assert.Contains(second, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_file_is_reported_the_rest_is_read_and_the_run_is_incomplete()
    {
        if (OperatingSystem.IsWindows()) return;
        var dir = Directory.CreateTempSubdirectory("bounceback-sources-").FullName;
        try
        {
            // A link to nothing: listed as a file, but opening it fails (whoever runs the test, root included).
            var broken = Path.Combine(dir, "a-gone.eml");
            File.CreateSymbolicLink(broken, Path.Combine(dir, "nowhere.eml"));
            File.Copy(Path.Combine(Fixtures, "exim", "quota.eml"), Path.Combine(dir, "b-quota.eml"));
            var other = Path.Combine(Fixtures, "qmail");
            var (_, expected, _) = await Run("parse", "--jsonl", Path.Combine(dir, "b-quota.eml"), other);

            var (code, output, error) = await Run("parse", "--jsonl", "--lang", "en", dir, other);

            Assert.Equal(ExitCodes.Incomplete, code);
            Assert.NotEmpty(expected.Trim());
            Assert.Equal(expected, output);
            Assert.Contains("Could not read " + broken, error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

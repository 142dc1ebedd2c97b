using System.Text.Json;

namespace Bounceback.Cli.Tests;

public class ParseCommandTests
{
    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures");

    private static async Task<(int Code, string Output, string Error)> Run(string[] args, string stdin = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BouncebackCli.RunAsync(args, output, error, new StringReader(stdin), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Jsonl_over_a_folder_gives_one_line_per_recipient_and_skips_ordinary_mail()
    {
        var (code, output, _) = await Run(["parse", "--jsonl", Path.Combine(Fixtures, "rfc3464")]);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(records, r => r.GetProperty("recipient").GetString() == "bob@receiver.test" && r.GetProperty("reason").GetString() == "userunknown");
        Assert.All(records, r => Assert.True(r.TryGetProperty("source", out _)));

        var (_, none, _) = await Run(["parse", "--jsonl", Path.Combine(Fixtures, "not-bounce")]);
        Assert.Equal("", none.Trim());
    }

    [Theory]
    [InlineData("nl", "geen e-mailbericht: het bestand bevat binaire gegevens", "Berichten: 1 (bounces: 0, ontvangers: 0, geen bounce: 0, onleesbaar: 1).")]
    [InlineData("en", "not an e-mail message: the file holds binary data", "Messages: 1 (bounces: 0, recipients: 0, not a bounce: 0, unreadable: 1).")]
    public async Task A_binary_file_is_reported_unreadable_in_the_chosen_language(string lang, string reason, string summary)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bounceback-binary-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A, 0x00, 0x01]);
        try
        {
            var (_, output, error) = await Run(["parse", "--lang", lang, path]);
            Assert.Contains(reason, error, StringComparison.Ordinal);
            Assert.Contains(summary, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Every_record_has_every_field_of_the_contract_null_when_the_message_does_not_tell()
    {
        // A feedback report has no status, reply, diagnostic or explanation; a bounce has them: the keys are the same.
        string[] contract =
        [
            "source", "recipient", "sender", "status", "replyCode", "reason", "hardBounce", "action", "diagnosticCode", "diagnosticType",
            "remoteMta", "reportingMta", "command", "decoder", "timestamp", "originalMessageId", "originalSubject", "feedbackType", "explanation",
        ];
        var (code, output, _) = await Run(["parse", "--jsonl", Path.Combine(Fixtures, "arf"), Path.Combine(Fixtures, "rfc3464")]);
        Assert.Equal(0, code);
        var records = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(records, r => r.GetProperty("reason").GetString() == "feedback" && r.GetProperty("status").ValueKind == JsonValueKind.Null);
        Assert.Contains(records, r => r.GetProperty("explanation").ValueKind == JsonValueKind.Object);
        Assert.All(records, r => Assert.All(contract, key => Assert.True(r.TryGetProperty(key, out _), $"no {key} in {r}")));
        // A message that is a file of its own has no index in an mbox.
        Assert.All(records, r => Assert.False(r.TryGetProperty("messageIndex", out _)));
    }

    [Fact]
    public async Task A_missing_path_is_a_usage_error()
    {
        var (code, _, error) = await Run(["parse", "/no/such/path/anywhere.eml"]);
        Assert.Equal(2, code);
        Assert.Contains("/no/such/path/anywhere.eml", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_missing_path_is_named_and_nothing_is_read()
    {
        var present = Path.Combine(Fixtures, "qmail", "permanent-user-unknown.eml");
        var (code, output, error) = await Run(["parse", "--jsonl", "/no/such/first.eml", present, "/no/such/second.eml"]);
        Assert.Equal(2, code);
        Assert.Contains("/no/such/first.eml", error, StringComparison.Ordinal);
        Assert.Contains("/no/such/second.eml", error, StringComparison.Ordinal);
        Assert.DoesNotContain(present, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task An_mbox_is_read_message_by_message_with_indexes()
    {
        var one = await File.ReadAllTextAsync(Path.Combine(Fixtures, "qmail", "permanent-user-unknown.eml"));
        var two = await File.ReadAllTextAsync(Path.Combine(Fixtures, "exim", "quota.eml"));
        var mbox = Path.Combine(Path.GetTempPath(), $"bounceback-{Guid.NewGuid():N}.mbox");
        await File.WriteAllTextAsync(mbox, $"From MAILER-DAEMON Thu Mar  5 14:20:11 2026\n{one}\nFrom MAILER-DAEMON Thu Mar  5 14:21:11 2026\n{two}\n");
        try
        {
            var (code, output, _) = await Run(["parse", "--json", mbox]);
            Assert.Equal(0, code);
            var records = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
            Assert.Equal([0, 1], records.Select(r => r.GetProperty("messageIndex").GetInt32()).ToArray());
            Assert.Equal(["userunknown", "mailboxfull"], records.Select(r => r.GetProperty("reason").GetString() ?? "").ToArray());
        }
        finally
        {
            File.Delete(mbox);
        }
    }

    [Fact]
    public async Task Standard_input_is_read_and_the_table_names_the_recipient()
    {
        var message = await File.ReadAllTextAsync(Path.Combine(Fixtures, "postfix", "plain-relay.eml"));
        var (code, output, _) = await Run(["parse", "--lang", "en", "-"], message);
        Assert.Equal(0, code);
        Assert.Contains("tom@receiver.test", output, StringComparison.Ordinal);
        Assert.Contains("norelaying", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_only_leaves_out_auto_replies()
    {
        var (_, output, _) = await Run(["parse", "--jsonl", "--failures-only", Path.Combine(Fixtures, "rfc3834")]);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public async Task A_maildir_is_read_from_cur_and_new_but_not_tmp()
    {
        var root = Path.Combine(Path.GetTempPath(), $"bounceback-maildir-{Guid.NewGuid():N}");
        var message = await File.ReadAllTextAsync(Path.Combine(Fixtures, "qmail", "permanent-user-unknown.eml"));
        foreach (var d in new[] { "cur", "new", "tmp" }) Directory.CreateDirectory(Path.Combine(root, d));
        await File.WriteAllTextAsync(Path.Combine(root, "cur", "1.host:2,S"), message);
        await File.WriteAllTextAsync(Path.Combine(root, "new", "2.host"), message);
        await File.WriteAllTextAsync(Path.Combine(root, "tmp", "3.host"), message);
        try
        {
            var (code, output, _) = await Run(["parse", "--jsonl", root]);
            Assert.Equal(0, code);
            Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

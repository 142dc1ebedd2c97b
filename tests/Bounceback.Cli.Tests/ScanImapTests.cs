using System.Text.Json;
using System.Text.Json.Nodes;
using MailKit;
using MimeKit;

namespace Bounceback.Cli.Tests;

/// <summary>
/// `bounceback parse imap://...` against a real Dovecot (scripts/services/dovecot.sh). Each test fills a folder of
/// its own with the bounce fixtures and ordinary messages, then runs the command in-process. The server offers
/// STARTTLS, so the commands are given the test CA with --ca-file.
/// </summary>
[Collection(nameof(ImapPasswordVariable))]
public sealed class ScanImapTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures");

    /// <summary>Every fixture message, in a fixed order; the ordinary ones are not bounces. Fixtures of text pasted
    /// without headers (what the web page's text box gets) are left out: they are no message a mailbox can hold.</summary>
    // Not pasted text, and not a message whose lines end in CR alone: IMAP carries CRLF lines, so MimeKit would have to
    // read such a file as one header line before it could be stored.
    private static IReadOnlyList<string> FixtureFiles() =>
        Directory.GetFiles(Fixtures, "*.eml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f) is var bytes && !Bounceback.Core.Bounces.PastedText.LacksHeaders(bytes) && !Bounceback.Core.Bounces.CarriageReturns.OnlyCarriageReturns(bytes))
            .Order(StringComparer.Ordinal).ToList();

    private static MimeMessage Load(string path) => MimeMessage.Load(path);

    private static MimeMessage Ordinary(int n)
    {
        var message = new MimeMessage { Subject = $"Lunch on day {n}", MessageId = $"ordinary-{n}@sender.test" };
        message.From.Add(MailboxAddress.Parse("anna@sender.test"));
        message.To.Add(MailboxAddress.Parse("bob@receiver.test"));
        message.Body = new TextPart("plain") { Text = "Shall we meet at noon?" };
        return message;
    }

    /// <summary>The fixtures with an ordinary message after every fifth, all received on the same day.</summary>
    private static List<(MimeMessage Message, DateTimeOffset Received)> Mixed()
    {
        var list = new List<(MimeMessage, DateTimeOffset)>();
        var files = FixtureFiles();
        for (var i = 0; i < files.Count; i++)
        {
            var message = Load(files[i]);
            message.MessageId ??= $"fixture-{i}@bounceback.test";
            list.Add((message, Day));
            if (i % 5 == 4) list.Add((Ordinary(i), Day));
        }
        return list;
    }

    /// <summary>Runs the command with the password in BOUNCEBACK_IMAP_PASSWORD and the test CA trusted (when a server runs).</summary>
    private static Task<(int Code, string Output, string Error)> Run(string password, params string[] args) =>
        ImapPasswordVariable.RunAsync(password, DovecotServer.Find() is { } server && args is ["parse", ..] ? ["parse", "--ca-file", server.CaFile, .. args[1..]] : args);

    private static List<JsonObject> Lines(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    /// <summary>A record without where it came from, to compare IMAP results with the same message read from a file.</summary>
    private static string Content(JsonObject record)
    {
        var copy = record.DeepClone().AsObject();
        copy.Remove("source");
        copy.Remove("messageIndex");
        return copy.ToJsonString();
    }

    /// <summary>The command run over each message alone, written to a file as MimeKit appends it.</summary>
    private static async Task<List<string>> EachAlone(IEnumerable<MimeMessage> messages, params string[] args)
    {
        var outputs = new List<string>();
        var file = Path.Combine(Path.GetTempPath(), $"bounceback-imap-{Guid.NewGuid():N}.eml");
        try
        {
            foreach (var message in messages)
            {
                await message.WriteToAsync(file);
                var (_, output, _) = await Run("", [.. args, file]);
                outputs.Add(output);
            }
        }
        finally
        {
            File.Delete(file);
        }
        return outputs;
    }

    /// <summary>What parsing the messages one by one from files gives, in the same order.</summary>
    private static async Task<List<string>> ParsedLocally(IEnumerable<MimeMessage> messages) =>
        (await EachAlone(messages, "parse", "--jsonl", "--lang", "en")).SelectMany(o => Lines(o).Select(Content)).ToList();

    [ImapFact]
    public async Task Every_recipient_of_the_folder_is_found_in_folder_order_with_the_mailbox_as_source()
    {
        var server = DovecotServer.Require();
        var messages = Mixed();
        var folder = await server.CreateFolderAsync(messages);

        var (code, output, error) = await Run(server.Password, "parse", "--jsonl", "--lang", "en", "--parallel", "4", server.Url(folder));

        Assert.True(code == 0, error);
        var records = Lines(output);
        Assert.Equal(await ParsedLocally(messages.Select(m => m.Message)), records.Select(Content).ToList());
        Assert.All(records, r => Assert.Equal(server.Url(folder), (string?)r["source"]));
        var indexes = records.Select(r => (int)r["messageIndex"]!).ToList();
        Assert.Equal(indexes.Order().ToList(), indexes);
        Assert.All(indexes, i => Assert.InRange(i, 0, messages.Count - 1));

        var (_, again, _) = await Run(server.Password, "parse", "--jsonl", "--lang", "en", "--parallel", "1", server.Url(folder));
        Assert.Equal(output, again);
    }

    [ImapFact]
    public async Task Since_keeps_only_messages_received_on_or_after_the_date()
    {
        var server = DovecotServer.Require();
        var files = FixtureFiles().Where(f => !f.Contains("not-bounce", StringComparison.Ordinal)).Take(6).Select(Load).ToList();
        var dated = files.Select((m, i) => (m, Day.AddDays(i - 3))).ToList();
        var folder = await server.CreateFolderAsync(dated);

        var (code, output, error) = await Run(server.Password, "parse", "--jsonl", "--lang", "en", "--since", Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), server.Url(folder));

        Assert.True(code == 0, error);
        var records = Lines(output);
        Assert.Equal(await ParsedLocally(files.Skip(3)), records.Select(Content).ToList());
        Assert.Equal(3, records.Select(r => (int)r["messageIndex"]!).Distinct().Count());
    }

    [ImapFact]
    public async Task Reading_leaves_the_folder_as_it_was_no_message_seen_or_moved()
    {
        var server = DovecotServer.Require();
        var folder = await server.CreateFolderAsync(Mixed(), "Processed");
        var before = await server.ListAsync(folder);
        Assert.All(before, m => Assert.False(m.Flags.HasFlag(MessageFlags.Seen)));

        var (code, _, error) = await Run(server.Password, "parse", "--jsonl", server.Url(folder));

        Assert.True(code == 0, error);
        Assert.Equal(before, await server.ListAsync(folder));
        Assert.Empty(await server.ListAsync(folder + "Processed"));
    }

    [ImapFact]
    public async Task Move_processed_moves_the_bounces_and_leaves_ordinary_mail()
    {
        var server = DovecotServer.Require();
        var messages = Mixed();
        var folder = await server.CreateFolderAsync(messages, "Processed");
        // Which messages are bounces is what the parser says of each one read alone.
        var summaries = await EachAlone(messages.Select(m => m.Message), "parse", "--summary-json");
        var bounceIds = messages.Where((_, i) => JsonDocument.Parse(summaries[i]).RootElement.GetProperty("bounces").GetInt32() == 1)
            .Select(m => m.Message.MessageId ?? "").ToList();
        Assert.NotEmpty(bounceIds);
        Assert.True(bounceIds.Count < messages.Count);

        var (code, _, error) = await Run(server.Password, "parse", "--jsonl", "--move-processed", folder + "Processed", server.Url(folder));

        Assert.True(code == 0, error);
        var moved = (await server.ListAsync(folder + "Processed")).Select(m => m.MessageId).Order(StringComparer.Ordinal).ToList();
        var left = (await server.ListAsync(folder)).Select(m => m.MessageId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(bounceIds.Order(StringComparer.Ordinal).ToList(), moved);
        Assert.Equal(messages.Select(m => m.Message.MessageId ?? "").Except(bounceIds).Order(StringComparer.Ordinal).ToList(), left);
    }

    [ImapFact]
    public async Task Move_processed_to_a_missing_folder_fails_before_reading_and_moves_nothing()
    {
        var server = DovecotServer.Require();
        var folder = await server.CreateFolderAsync(Mixed());
        var before = await server.ListAsync(folder);

        var (code, output, error) = await Run(server.Password, "parse", "--jsonl", "--lang", "en", "--move-processed", folder + "Nowhere", server.Url(folder));

        Assert.Equal(ExitCodes.SourceFailed, code);
        Assert.Equal("", output);
        Assert.Contains(folder + "Nowhere", error, StringComparison.Ordinal);
        Assert.Equal(before, await server.ListAsync(folder));
    }

    [ImapFact]
    public async Task A_wrong_password_is_a_clear_error_that_does_not_repeat_the_password()
    {
        var server = DovecotServer.Require();
        var folder = await server.CreateFolderAsync(Mixed().Take(2));

        var (code, output, error) = await Run("not-" + server.Password, "parse", "--jsonl", "--lang", "en", server.Url(folder));

        Assert.Equal(ExitCodes.SourceFailed, code);
        Assert.Equal("", output);
        Assert.Contains(server.Url(folder), error, StringComparison.Ordinal);
        Assert.Contains("BOUNCEBACK_IMAP_PASSWORD", error, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, error, StringComparison.Ordinal);
    }

    [ImapFact]
    public async Task An_unknown_folder_is_a_clear_error()
    {
        var server = DovecotServer.Require();

        var (code, output, error) = await Run(server.Password, "parse", "--jsonl", "--lang", "nl", server.Url("NoSuchFolder" + Guid.NewGuid().ToString("N")[..6]));

        Assert.Equal(ExitCodes.SourceFailed, code);
        Assert.Equal("", output);
        Assert.Contains("NoSuchFolder", error, StringComparison.Ordinal);
        Assert.Contains("bestaat niet", error, StringComparison.Ordinal);
    }

    [ImapFact]
    public async Task A_connection_dropped_while_fetching_keeps_the_whole_records_already_written()
    {
        var server = DovecotServer.Require();
        var messages = Mixed();
        messages.AddRange(Mixed());
        var folder = await server.CreateFolderAsync(messages);
        var (_, complete, _) = await Run(server.Password, "parse", "--jsonl", server.Url(folder));
        var all = Lines(complete);
        // Cut after about a third of the folder's bytes, in the middle of the messages.
        var cutAfter = messages.Sum(m => m.Message.ToString().Length) / 3;
        await using var proxy = new CuttingProxy(server.Host, server.Port, cutAfter);
        var outFile = Path.Combine(Path.GetTempPath(), $"bounceback-imap-{Guid.NewGuid():N}.jsonl");
        try
        {
            var (code, _, error) = await Run(server.Password, "parse", "--jsonl", "--lang", "en", "--output", outFile, "--summary", server.Url(folder, proxy.Port));

            Assert.True(proxy.Cut);
            Assert.Equal(ExitCodes.Incomplete, code);
            Assert.Contains("broke off", error, StringComparison.Ordinal);
            var text = await File.ReadAllTextAsync(outFile);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            var kept = Lines(text);
            Assert.NotEmpty(kept);
            Assert.True(kept.Count < all.Count);
            // What was kept is exactly the start of a complete read (apart from the port in the source).
            Assert.Equal(all.Take(kept.Count).Select(Content), kept.Select(Content));
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    [ImapFact]
    public async Task A_server_that_stops_answering_mid_folder_is_a_lost_connection_after_the_timeout_and_what_was_read_is_kept()
    {
        var server = DovecotServer.Require();
        var messages = Mixed();
        messages.AddRange(Mixed());
        var folder = await server.CreateFolderAsync(messages);
        // Past the greeting, TLS, login and search: the server falls silent in the middle of the messages.
        await using var proxy = new CuttingProxy(server.Host, server.Port, messages.Sum(m => m.Message.ToString().Length) / 3, stall: true);
        var source = new Bounceback.Core.Scanning.ImapSource(Bounceback.Core.Scanning.ImapLocation.Parse(server.Url(folder, proxy.Port)), server.Password,
            new Bounceback.Core.Scanning.ImapOptions(null, null) { TrustedCaFile = server.CaFile }, timeout: TimeSpan.FromSeconds(2));
        var items = new List<Bounceback.Core.Scanning.ScanItem>();
        Bounceback.Core.Scanning.ImapSourceException? failure = null;
        await using (source)
        {
            await source.OpenAsync(CancellationToken.None);
            try
            {
                await foreach (var item in source.ReadAsync()) items.Add(item);
            }
            catch (Bounceback.Core.Scanning.ImapSourceException e)
            {
                failure = e;
            }
        }

        Assert.True(proxy.Cut);
        Assert.NotNull(failure);
        Assert.Equal(Bounceback.Core.Scanning.ImapFailure.ConnectionLost, failure.Failure);
        Assert.InRange(items.Count, 1, messages.Count - 1);
        Assert.All(items, i => Assert.NotEqual(0, i.Bytes.Length));
    }

    [ImapFact]
    public async Task A_message_over_the_size_limit_is_read_only_up_to_it_and_still_gives_its_recipients()
    {
        var server = DovecotServer.Require();
        var fixture = Path.Combine(Fixtures, "rfc3464", "two-recipients.eml");
        var large = Load(fixture);
        // A returned message with a large attachment after the delivery report, as bounces of big mail carry.
        Assert.IsType<Multipart>(large.Body, exactMatch: false).Add(new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(new byte[400_000])),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = "big.bin",
        });
        var folder = await server.CreateFolderAsync([(Load(fixture), Day), (large, Day)]);
        const int limit = 64 * 1024;

        var source = new Bounceback.Core.Scanning.ImapSource(Bounceback.Core.Scanning.ImapLocation.Parse(server.Url(folder)), server.Password,
            new Bounceback.Core.Scanning.ImapOptions(null, null) { MaxMessageBytes = limit, TrustedCaFile = server.CaFile });
        var items = new List<Bounceback.Core.Scanning.ScanItem>();
        await using (source)
        {
            await source.OpenAsync(CancellationToken.None);
            await foreach (var item in source.ReadAsync()) items.Add(item);
        }

        Assert.Equal(2, items.Count);
        Assert.InRange(items[0].Bytes.Length, 1, limit - 1);
        Assert.Equal(limit, items[1].Bytes.Length);
        var pipeline = new Bounceback.Core.Scanning.ScanPipeline(Bounceback.Core.Bounces.BounceParser.Default, Bounceback.Core.Codes.Language.En, 1);
        var whole = pipeline.ParseOne(items[0]).Outcome.Results.Select(r => (r.Recipient, r.Reason)).ToList();
        var cut = pipeline.ParseOne(items[1]).Outcome.Results.Select(r => (r.Recipient, r.Reason)).ToList();
        Assert.Equal(2, whole.Count);
        Assert.Equal(whole, cut);
    }

    [Theory]
    [InlineData("imap://anna:secret@127.0.0.1/INBOX", "BOUNCEBACK_IMAP_PASSWORD")]
    [InlineData("imap://127.0.0.1/INBOX", "imap[s]://user@host[:port]/Folder")]
    public async Task A_bad_imap_address_is_a_usage_error_before_anything_is_read(string url, string hint)
    {
        var (code, output, error) = await Run("", "parse", "--jsonl", "--lang", "en", url);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Contains(hint, error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }
}

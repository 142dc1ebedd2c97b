using System.Runtime.CompilerServices;
using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using Bounceback.Core.Scanning;

namespace Bounceback.Core.Tests.Scanning;

public class ScanningTests
{
    /// <summary>A folder of its own for one test, deleted with all it holds when the test ends.</summary>
    private sealed class TempFolder(string prefix) : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private const string Dsn = "From: MAILER-DAEMON@mx.sender.test\nTo: anna@sender.test\nSubject: Undelivered Mail Returned to Sender\n" +
        "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\n" +
        "Your message could not be delivered.\n\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.sender.test\n\n" +
        "Final-Recipient: rfc822; {0}\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <{0}>: user unknown\n\n--b1--\n";

    private static string Message(string recipient) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Dsn, recipient);

    [Fact]
    public void Mbox_splitter_gives_each_message_and_unquotes_mboxrd_from_lines()
    {
        var mbox = "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\r\n" + "Subject: one\r\n\r\nbody\r\n>From the start\r\n\r\n" +
                   "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n" + "Subject: two\n\n>>From quoted twice\nFrom inside a paragraph stays\n";
        var messages = MboxSplitter.Split(new MemoryStream(Encoding.ASCII.GetBytes(mbox))).Select(b => Encoding.ASCII.GetString(b)).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("Subject: one\r\n\r\nbody\r\nFrom the start\r\n", messages[0]);
        Assert.Equal("Subject: two\n\n>From quoted twice\nFrom inside a paragraph stays\n", messages[1]);
    }

    [Fact]
    public async Task Directory_scan_reads_maildir_cur_and_new_but_not_tmp_in_path_order()
    {
        using var folder = new TempFolder("bb-maildir-");
        var root = folder.Path;
        foreach (var d in new[] { "cur", "new", "tmp" }) Directory.CreateDirectory(Path.Combine(root, d));
        await File.WriteAllTextAsync(Path.Combine(root, "new", "2.host"), Message("b@receiver.test"));
        await File.WriteAllTextAsync(Path.Combine(root, "cur", "1.host:2,S"), Message("a@receiver.test"));
        await File.WriteAllTextAsync(Path.Combine(root, "tmp", "3.host"), Message("half-written@receiver.test"));
        var items = new List<ScanItem>();
        await foreach (var item in LocalSources.FromPathAsync(root)) items.Add(item);
        Assert.Equal([Path.Combine(root, "cur", "1.host:2,S"), Path.Combine(root, "new", "2.host")], items.Select(i => i.FilePath));
    }

    [Fact]
    public async Task Directory_scan_splits_small_mbox_files_and_skips_only_folders_named_tmp()
    {
        using var folder = new TempFolder("bb-mixed-");
        var root = folder.Path;
        foreach (var d in new[] { "a", Path.Combine("a", "tmp"), "tmpx", Path.Combine("tmp", "cur") }) Directory.CreateDirectory(Path.Combine(root, d));
        // A line longer than the smallest read buffer, in a file much smaller than the default one.
        var longLine = "X-Long: " + new string('x', 9000) + "\n";
        var mbox = "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n" + longLine + Message("one@receiver.test") + "\n" +
            "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n" + Message("two@receiver.test") + "\n";
        await File.WriteAllTextAsync(Path.Combine(root, "a", "box"), mbox);
        await File.WriteAllTextAsync(Path.Combine(root, "a", "tmp", "x"), Message("skipped@receiver.test"));
        await File.WriteAllTextAsync(Path.Combine(root, "tmp", "cur", "y"), Message("skipped@receiver.test"));
        await File.WriteAllTextAsync(Path.Combine(root, "tmpx", "z"), Message("three@receiver.test"));
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 2);
        var got = new List<string>();
        await foreach (var r in pipeline.RunAsync(LocalSources.FromPathAsync(root)))
        {
            got.AddRange(r.Outcome.Results.Select(x => $"{Path.GetRelativePath(root, r.Item.Source)}#{r.Item.Index}:{x.Recipient}"));
        }
        Assert.Equal([$"a{Path.DirectorySeparatorChar}box#0:one@receiver.test", $"a{Path.DirectorySeparatorChar}box#1:two@receiver.test",
            $"tmpx{Path.DirectorySeparatorChar}z#:three@receiver.test"], got);
    }

    [Fact]
    public async Task Directory_scan_leaves_out_empty_entries_and_never_opens_a_named_pipe()
    {
        using var folder = new TempFolder("bb-pipe-");
        var root = folder.Path;
        await File.WriteAllTextAsync(Path.Combine(root, "a.eml"), Message("a@receiver.test"));
        await File.WriteAllTextAsync(Path.Combine(root, "b.eml"), "");
        var fifo = Path.Combine(root, "c.fifo");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) await mkfifo.WaitForExitAsync();
        Assert.True(File.Exists(fifo));
        var items = new List<ScanItem>();
        // Opening the pipe would block until a writer came; the scan must end on its own.
        var scan = Task.Run(async () =>
        {
            await foreach (var item in LocalSources.FromPathAsync(root)) items.Add(item);
        });
        var ended = await Task.WhenAny(scan, Task.Delay(TimeSpan.FromSeconds(20))) == scan;
        if (!ended)
        {
            // Release the blocked reader before failing, so the test process is not left waiting.
            await using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }
        }
        Assert.True(ended, "the directory scan blocked on a named pipe");
        await scan;
        Assert.Equal([Path.Combine(root, "a.eml")], items.Select(i => i.Source));
    }

    [Fact]
    public async Task Messages_read_before_a_source_fails_are_still_parsed_and_handed_out_before_the_failure()
    {
        var bytes = Encoding.ASCII.GetBytes(Message("x@receiver.test"));
#pragma warning disable CS1998 // every item is ready at once, so they travel in one batch
        async IAsyncEnumerable<ScanItem> FailsAfterFive()
        {
            for (var i = 0; i < 5; i++) yield return new ScanItem { Source = "gen", Index = i, Bytes = bytes };
            throw new IOException("source broke");
        }
#pragma warning restore CS1998
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 2);
        var seen = new List<int?>();
        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var r in pipeline.RunAsync(FailsAfterFive())) seen.Add(r.Item.Index);
        });
        Assert.Equal("source broke", failure.Message);
        Assert.Equal([0, 1, 2, 3, 4], seen);
    }

    [Fact]
    public async Task Results_come_in_source_order_whatever_the_parallelism()
    {
        var mbox = new StringBuilder();
        for (var i = 0; i < 200; i++) mbox.Append("From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n").Append(Message($"user{i}@receiver.test")).Append('\n');
        async Task<List<string>> Run(int parallelism)
        {
            var pipeline = new ScanPipeline(BounceParser.Default, Language.En, parallelism);
            var got = new List<string>();
            var items = LocalSources.FromStreamAsync(new MemoryStream(Encoding.ASCII.GetBytes(mbox.ToString())), "test.mbox");
            await foreach (var r in pipeline.RunAsync(items)) got.AddRange(r.Outcome.Results.Select(x => $"{r.Item.Index}:{x.Recipient}"));
            return got;
        }
        var serial = await Run(1);
        Assert.Equal(200, serial.Count);
        Assert.Equal("0:user0@receiver.test", serial[0]);
        Assert.Equal(serial, await Run(4));
        Assert.Equal(serial, await Run(16));
    }

    [Fact]
    public async Task Mbox_messages_in_rented_arrays_are_each_read_whole_and_handed_out_without_their_bytes()
    {
        // Messages of many sizes, so that arrays given back to the pool come out again for other messages while
        // earlier ones are still being parsed on other threads.
        var mbox = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            mbox.Append("From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n").Append(Message($"user{i}@receiver.test"));
            mbox.Append('x', i * 37 % 5000).Append("\n\n");
        }
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 4, maxBytesInFlight: 50_000);
        var items = LocalSources.FromStreamAsync(new MemoryStream(Encoding.ASCII.GetBytes(mbox.ToString())), "test.mbox");
        var count = 0;
        await foreach (var r in pipeline.RunAsync(items))
        {
            Assert.Equal($"user{r.Item.Index}@receiver.test", Assert.Single(r.Outcome.Results).Recipient);
            Assert.True(r.Item.Bytes.IsEmpty);
            count++;
        }
        Assert.Equal(300, count);
    }

    [Fact]
    public async Task Message_files_in_rented_arrays_are_each_read_whole_and_handed_out_without_their_bytes()
    {
        using var folder = new TempFolder("bb-rented-");
        var root = folder.Path;
        for (var i = 0; i < 120; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(root, $"{i:D3}.eml"), Message($"user{i}@receiver.test") + new string('x', i * 53 % 6000));
        }
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 4);
        var count = 0;
        await foreach (var r in pipeline.RunAsync(LocalSources.FromPathAsync(root)))
        {
            Assert.Equal($"user{count}@receiver.test", Assert.Single(r.Outcome.Results).Recipient);
            Assert.True(r.Item.Bytes.IsEmpty);
            count++;
        }
        Assert.Equal(120, count);
    }

    [Fact]
    public async Task The_pipeline_reads_only_a_bounded_number_of_messages_ahead_of_a_slow_consumer()
    {
        var produced = 0;
        async IAsyncEnumerable<ScanItem> Endless([EnumeratorCancellation] CancellationToken ct = default)
        {
            var bytes = Encoding.ASCII.GetBytes(Message("x@receiver.test"));
            for (var i = 0; i < 100_000; i++)
            {
                ct.ThrowIfCancellationRequested();
                Interlocked.Increment(ref produced);
                yield return new ScanItem { Source = "gen", Index = i, Bytes = bytes };
                await Task.Yield();
            }
        }
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 2);
        var consumed = 0;
        var maxAhead = 0;
        await foreach (var _ in pipeline.RunAsync(Endless()))
        {
            consumed++;
            await Task.Delay(1);
            maxAhead = Math.Max(maxAhead, Volatile.Read(ref produced) - consumed);
            if (consumed == 300) break;
        }
        Assert.Equal(300, consumed);
        // Capacity messages in the channel, plus one batch being filled and one being handed out.
        Assert.InRange(maxAhead, 0, pipeline.Capacity + 2 * ScanPipeline.BatchSize);
    }

    [Fact]
    public async Task The_pipeline_keeps_the_bytes_read_ahead_within_its_budget_and_lets_a_larger_message_through_alone()
    {
        long produced = 0;
        var sizes = new List<int>();
        async IAsyncEnumerable<ScanItem> Big([EnumeratorCancellation] CancellationToken ct = default)
        {
            var head = Encoding.ASCII.GetBytes(Message("x@receiver.test"));
            for (var i = 0; i < 40; i++)
            {
                ct.ThrowIfCancellationRequested();
                // Every fifth message is larger than the whole budget.
                var bytes = new byte[i % 5 == 4 ? 300_000 : 60_000];
                head.CopyTo(bytes, 0);
                Interlocked.Add(ref produced, bytes.Length);
                yield return new ScanItem { Source = "gen", Index = i, Bytes = bytes };
                await Task.Yield();
            }
        }
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 4, maxBytesInFlight: 200_000);
        long consumedBytes = 0;
        long maxAhead = 0;
        var count = 0;
        await foreach (var result in pipeline.RunAsync(Big()))
        {
            await Task.Delay(5);
            maxAhead = Math.Max(maxAhead, Volatile.Read(ref produced) - consumedBytes);
            consumedBytes += result.Item.Bytes.Length;
            count++;
        }
        Assert.Equal(40, count);
        // In flight: within the budget, or one oversized message alone (300 KB); plus the one message the producer
        // holds while it waits for room (at most 300 KB). The count bound alone would allow 32 messages (~2.5 MB).
        Assert.InRange(maxAhead, 1, 600_000);
    }

    [Fact]
    public async Task An_unreadable_message_is_a_failed_result_and_the_rest_go_on()
    {
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 2);
        async IAsyncEnumerable<ScanItem> Items()
        {
            yield return new ScanItem { Source = "a", Error = "disk said no" };
            yield return new ScanItem { Source = "b", FilePath = "/nonexistent/bounceback/file.eml" };
            yield return new ScanItem { Source = "c", Bytes = Encoding.ASCII.GetBytes(Message("c@receiver.test")) };
            await Task.CompletedTask;
        }
        var results = new List<ScanResult>();
        await foreach (var r in pipeline.RunAsync(Items())) results.Add(r);
        Assert.Equal([ParseOutcomeKind.Failed, ParseOutcomeKind.Failed, ParseOutcomeKind.Bounce], results.Select(r => r.Outcome.Kind));
        Assert.Equal("disk said no", results[0].Outcome.Error);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("\uFEFF")]
    public async Task An_mbox_with_a_byte_order_mark_or_empty_lines_before_its_first_separator_is_still_split(string lead)
    {
        var mbox = lead + "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n" + Message("a@receiver.test") + "\n"
            + "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n" + Message("b@receiver.test");
        var recipients = new List<string>();
        await foreach (var item in LocalSources.FromStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(mbox)), "lead.mbox"))
        {
            using var message = item.Load();
            recipients.AddRange(BounceParser.Default.Parse(message, item.Source, item.Index, Language.En).Results.Select(r => r.Recipient));
        }
        Assert.Equal(["a@receiver.test", "b@receiver.test"], recipients);
    }

    [Fact]
    public async Task Files_with_lines_ending_in_a_carriage_return_alone_are_read_small_or_large()
    {
        using var folder = new TempFolder("bb-cr-");
        var small = Message("small@receiver.test").Replace('\n', '\r');
        // Over the size a source reads whole (1 MB): the worker reads this file as a stream.
        var large = Message("large@receiver.test").Replace("--b1--\n", "--b1\nContent-Type: text/plain\n\n" + string.Concat(Enumerable.Repeat(new string('x', 70) + "\n", 30_000)) + "--b1--\n").Replace('\n', '\r');
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "a-small.eml"), small);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "b-large.eml"), large);
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 2);
        var recipients = new List<string>();
        await foreach (var r in pipeline.RunAsync(LocalSources.FromPathAsync(folder.Path))) recipients.AddRange(r.Outcome.Results.Select(x => x.Recipient));
        Assert.Equal(["small@receiver.test", "large@receiver.test"], recipients);
    }

    [Fact]
    public async Task Binary_data_and_an_empty_file_are_unreadable_messages_not_messages_that_are_no_bounce()
    {
        using var folder = new TempFolder("bb-binary-");
        var root = folder.Path;
        await File.WriteAllBytesAsync(Path.Combine(root, "image.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 0x1A, 10, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R']);
        await File.WriteAllTextAsync(Path.Combine(root, "pasted.txt"), "550 5.1.1 <a@receiver.test>: Recipient address rejected: User unknown\n");
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 2);
        var results = new List<ScanResult>();
        await foreach (var r in pipeline.RunAsync(LocalSources.FromPathAsync(root))) results.Add(r);
        Assert.Equal(2, results.Count);
        Assert.Equal(ParseOutcomeKind.Failed, results[0].Outcome.Kind);
        Assert.Contains("binary", results[0].Outcome.Error, StringComparison.Ordinal);
        // Text without headers is still read (as pasted text), whatever it turns out to be.
        Assert.NotEqual(ParseOutcomeKind.Failed, results[1].Outcome.Kind);
        var empty = Path.Combine(root, "empty.eml");
        await File.WriteAllBytesAsync(empty, []);
        await foreach (var r in pipeline.RunAsync(LocalSources.FromPathAsync(empty))) Assert.Contains("empty", r.Outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_a_folder_is_not_followed_so_a_link_back_up_the_tree_reads_nothing_twice()
    {
        using var folder = new TempFolder("bb-loop-");
        var root = folder.Path;
        Directory.CreateDirectory(Path.Combine(root, "cur"));
        await File.WriteAllTextAsync(Path.Combine(root, "cur", "1.host"), Message("a@receiver.test"));
        Directory.CreateSymbolicLink(Path.Combine(root, "cur", "up"), root);
        var items = new List<ScanItem>();
        await foreach (var item in LocalSources.FromPathAsync(root)) items.Add(item);
        Assert.Equal([Path.Combine(root, "cur", "1.host")], items.Select(i => i.FilePath));
    }

    [Fact]
    public async Task The_pipeline_disposes_each_message_once_it_is_parsed()
    {
        // MimeKit's entities have finalizers: an undisposed message would outlive a collection only to be finalized.
        var given = MimeKit.MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(Message("given@receiver.test"))));
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 2);
        async IAsyncEnumerable<ScanItem> Items()
        {
            yield return new ScanItem { Source = "given", Message = given };
            await Task.CompletedTask;
        }
        var results = new List<ScanResult>();
        await foreach (var r in pipeline.RunAsync(Items())) results.Add(r);
        Assert.Equal("given@receiver.test", Assert.Single(Assert.Single(results).Outcome.Results).Recipient);
        Assert.Throws<ObjectDisposedException>(() => given.WriteTo(Stream.Null));
    }

    [Fact]
    public void Summary_counts_by_reason_domain_and_outcome()
    {
        var summary = new ScanSummary();
        var r = new BounceResult { Source = "s", Recipient = "a@Example.TEST", Reason = BounceReason.UserUnknown, HardBounce = true, Decoder = "rfc3464", Status = "5.1.1" };
        summary.Add(new ParseOutcome(ParseOutcomeKind.Bounce, [r, r with { Recipient = "b@example.test", Reason = BounceReason.MailboxFull, HardBounce = false }]), [r, r with { Recipient = "b@example.test", Reason = BounceReason.MailboxFull, HardBounce = false }]);
        summary.Add(ParseOutcome.NotABounce, []);
        summary.Add(new ParseOutcome(ParseOutcomeKind.Failed, [], "x"), []);
        Assert.Equal((3, 1, 1, 1, 2, 1, 1), (summary.Messages, summary.Bounces, summary.NotBounces, summary.Failed, summary.Recipients, summary.Hard, summary.Soft));
        Assert.Equal(2, summary.Domains["example.test"]);
        Assert.Equal(1, summary.Reasons["userunknown"]);
    }

    [Fact]
    public void Summary_without_tables_keeps_the_counts_only()
    {
        var summary = new ScanSummary(tables: false);
        var r = new BounceResult { Source = "s", Recipient = "a@example.test", Reason = BounceReason.UserUnknown, HardBounce = true, Decoder = "rfc3464" };
        summary.Add(new ParseOutcome(ParseOutcomeKind.Bounce, [r]), [r]);
        Assert.Equal((1, 1, 1, 1), (summary.Messages, summary.Bounces, summary.Recipients, summary.Hard));
        Assert.Empty(summary.Reasons);
        Assert.Empty(summary.Domains);
    }

    [Fact]
    public void Summary_counts_a_domain_in_any_case_under_its_lower_case_name()
    {
        var summary = new ScanSummary();
        foreach (var recipient in new[] { "a@Example.TEST", "b@example.test", "c@EXAMPLE.test", "d@other.test", "nobody", "e@" })
        {
            var r = new BounceResult { Source = "s", Recipient = recipient, Reason = BounceReason.UserUnknown, HardBounce = true, Decoder = "rfc3464" };
            summary.Add(new ParseOutcome(ParseOutcomeKind.Bounce, [r]), [r]);
        }
        Assert.Equal(new Dictionary<string, int> { ["example.test"] = 3, ["other.test"] = 1, ["-"] = 2 }, summary.Domains);
    }

    [Theory]
    [InlineData("imaps://anna@mail.example.test/Bounces", true, "anna", "mail.example.test", 993, "Bounces")]
    [InlineData("imap://anna%40example.test@127.0.0.1:10143/", false, "anna@example.test", "127.0.0.1", 10143, "INBOX")]
    public void Imap_urls_are_read_without_a_password(string url, bool tls, string user, string host, int port, string folder) =>
        Assert.Equal(new ImapLocation(tls, user, host, port, folder), ImapLocation.Parse(url));

    [Fact]
    public void An_imap_url_with_a_password_is_refused() =>
        Assert.Equal(ImapFailure.PasswordInUrl, Assert.Throws<ImapSourceException>(() => ImapLocation.Parse("imaps://anna:secret@mail.example.test/INBOX")).Failure);
}

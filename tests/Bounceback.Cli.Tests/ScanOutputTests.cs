using Bounceback.Cli.Output;

namespace Bounceback.Cli.Tests;

public class ScanOutputTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("", "")]
    public void Csv_fields_are_quoted_per_rfc4180_and_formulas_are_defused(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Field(value));

    [Fact]
    public async Task Parse_csv_has_a_header_and_one_row_per_recipient_with_crlf()
    {
        var dir = Directory.CreateTempSubdirectory("bb-csv-").FullName;
        try
        {
            var dsn = "From: MAILER-DAEMON@mx.sender.test\nTo: anna@sender.test\nSubject: failure\nMIME-Version: 1.0\n" +
                      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nfailed\n\n" +
                      "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.sender.test\n\nFinal-Recipient: rfc822; x@receiver.test\n" +
                      "Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 =cmd|' /C calc'!A0, \"user\" unknown\n\n" +
                      "Final-Recipient: rfc822; y@receiver.test\nAction: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 mailbox full\n\n--b--\n";
            await File.WriteAllTextAsync(Path.Combine(dir, "m.eml"), dsn);
            var output = new StringWriter();
            var code = await BouncebackCli.RunAsync(["parse", "--csv", dir], output, new StringWriter(), TextReader.Null, CancellationToken.None);
            Assert.Equal(0, code);
            var lines = output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.StartsWith("source,messageIndex,recipient,", lines[0], StringComparison.Ordinal);
            Assert.Contains("x@receiver.test", lines[1], StringComparison.Ordinal);
            Assert.Contains("\"\"user\"\"", lines[1], StringComparison.Ordinal);
            Assert.Contains("y@receiver.test", lines[2], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Csv_writes_a_time_as_the_json_records_do()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "fixtures", "zimbra", "delayed-lmtp-refused.eml");
        var csv = new StringWriter();
        var jsonl = new StringWriter();
        Assert.Equal(0, await BouncebackCli.RunAsync(["parse", "--csv", file], csv, new StringWriter(), TextReader.Null, CancellationToken.None));
        Assert.Equal(0, await BouncebackCli.RunAsync(["parse", "--jsonl", file], jsonl, new StringWriter(), TextReader.Null, CancellationToken.None));
        var rows = csv.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var column = Array.IndexOf(rows[0].Split(','), "timestamp");
        var time = System.Text.Json.JsonDocument.Parse(jsonl.ToString().Split('\n')[0]).RootElement.GetProperty("timestamp").GetString();
        Assert.Equal("2026-11-21T02:40:05+00:00", time);
        Assert.Equal(time, rows[1].Split(',')[column]);
    }

    [Fact]
    public async Task Jsonl_written_to_a_file_as_utf8_is_byte_for_byte_the_text_writers_output()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var file = Path.Combine(Directory.CreateTempSubdirectory("bb-jsonl-").FullName, "out.jsonl");
        try
        {
            // To a file the JSON lines go straight into the file's stream as UTF-8; to a text writer through strings.
            var text = new StringWriter();
            Assert.Equal(0, await BouncebackCli.RunAsync(["parse", "--jsonl", "--lang", "nl", fixtures], text, new StringWriter(), TextReader.Null, CancellationToken.None));
            var summary = new StringWriter();
            Assert.Equal(0, await BouncebackCli.RunAsync(["parse", "--jsonl", "--lang", "nl", "--summary-json", "--output", file, fixtures], summary, new StringWriter(), TextReader.Null, CancellationToken.None));
            var expected = new System.Text.UTF8Encoding(false).GetBytes(text.ToString());
            Assert.True(expected.Length > 64 * 1024, "the fixtures should fill more than one block of lines");
            Assert.Equal(expected, await File.ReadAllBytesAsync(file));
            Assert.Contains("\"messages\"", summary.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void Json_line_writer_writes_the_contracts_fields_in_its_order()
    {
        var context = Bounceback.Core.Json.BouncebackJsonContext.Default;
        Assert.Equal(context.BounceResult.Properties.OrderBy(p => p.Order).Select(p => p.Name), JsonLineWriter.ResultFields);
        Assert.Equal(context.Diagnosis.Properties.OrderBy(p => p.Order).Select(p => p.Name), JsonLineWriter.ExplanationFields);
        Assert.Equal(context.Steps.Properties.OrderBy(p => p.Order).Select(p => p.Name), JsonLineWriter.StepsFields);
    }

    [Theory]
    [InlineData(Bounceback.Core.Codes.Language.En)]
    [InlineData(Bounceback.Core.Codes.Language.Nl)]
    public void Json_line_writer_writes_what_the_serializer_writes_for_every_fixture(Bounceback.Core.Codes.Language language)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        var lines = new JsonLineWriter();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var json = new System.Text.Json.Utf8JsonWriter(buffer);
        var index = 0;
        foreach (var file in Directory.EnumerateFiles(fixtures, "*.eml", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            // Every other message as if from an mbox, so messageIndex is written both ways.
            var outcome = Bounceback.Core.Bounces.BounceParser.Default.Parse(stream, file, index % 2 == 0 ? index : null, language);
            index++;
            foreach (var result in outcome.Results)
            {
                buffer.ResetWrittenCount();
                json.Reset(buffer);
                lines.Write(json, result);
                json.Flush();
                var expected = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result, Bounceback.Core.Json.BouncebackJsonContext.Default.BounceResult);
                Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
        }
        Assert.True(index > 100);
    }

    [Fact]
    public async Task Summary_json_counts_messages_and_reasons()
    {
        var output = new StringWriter();
        var code = await BouncebackCli.RunAsync(["parse", "--summary-json", "-"], output, new StringWriter(),
            new StringReader("From: a@b.test\nTo: c@d.test\nSubject: hello\n\njust a note\n"), CancellationToken.None);
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.Equal(1, doc.RootElement.GetProperty("messages").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("notBounces").GetInt32());
    }

    [Fact]
    public async Task Parallel_out_of_range_is_a_usage_error()
    {
        var code = await BouncebackCli.RunAsync(["parse", "--parallel", "0", "-"], new StringWriter(), new StringWriter(), TextReader.Null, CancellationToken.None);
        Assert.Equal(2, code);
    }
}

using System.Text;
using Bounceback.Core.Checks;
using FsCheck.Xunit;

namespace Bounceback.Core.Tests.Checks;

/// <summary>Whatever a user types or a server sends, the readers give a result or a clean error, never another exception.</summary>
public class CheckParsingProperties
{
    [Property(MaxTest = 500)]
    public void Any_text_is_read_as_a_target_or_refused(string? text)
    {
        if (CheckTarget.TryParse(text, out var target)) Assert.False(string.IsNullOrEmpty(target.Host));
    }

    [Property(MaxTest = 500)]
    public void Any_spf_record_gives_a_lookup_count_or_a_syntax_error(string? text)
    {
        var record = Spf.Parse("v=spf1 " + text);
        Assert.True(record.LookupTerms >= 0);
        Assert.True(record.SyntaxError is not null || record.Follow.Count <= record.LookupTerms);
    }

    [Property(MaxTest = 500)]
    public void Any_bytes_from_a_server_give_a_reply_or_a_clean_error(byte[]? bytes)
    {
        try
        {
            var reply = ReadOne(bytes ?? []);
            Assert.InRange(reply.Code, 200, 599);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
        }
    }

    // MemoryStream completes synchronously, so waiting here cannot block.
    private static SmtpReply ReadOne(byte[] bytes) =>
        new SmtpReplyReader(new MemoryStream(bytes)).ReadAsync(CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public async Task Multiline_reply_is_read_as_one_reply_with_all_its_lines()
    {
        var reader = new SmtpReplyReader(new MemoryStream(Encoding.ASCII.GetBytes("250-mx.test hello\r\n250-STARTTLS\r\n250 AUTH PLAIN\r\n")));
        var reply = await reader.ReadAsync(CancellationToken.None);
        Assert.Equal(250, reply.Code);
        Assert.Equal(["mx.test hello", "STARTTLS", "AUTH PLAIN"], reply.Lines);
    }

    [Fact]
    public async Task Endless_line_is_cut_off_with_a_clean_error()
    {
        var reader = new SmtpReplyReader(new MemoryStream(Encoding.ASCII.GetBytes("220 " + new string('x', 100_000))));
        await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadAsync(CancellationToken.None));
    }
}

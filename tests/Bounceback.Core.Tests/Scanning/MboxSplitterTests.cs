using System.Buffers;
using System.Text;
using Bounceback.Core.Scanning;
using FsCheck;
using FsCheck.Xunit;

namespace Bounceback.Core.Tests.Scanning;

/// <summary>The splitter gives exactly what the plain line-by-line reading it replaced gave.</summary>
public class MboxSplitterTests
{
    private static readonly string[] Fragments =
    [
        "From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n", "From x\r\n", "From \n", "From\n", "\n", "\r\n", "\n\n\n", ">From y\n", ">>From z\r\n",
        ">\n", ">>>\n", "> From\n", "Subject: hello\n", "body line\r\n", "\r", "a", "From", " ", new string('x', 700) + "\n", "\r\r\n",
    ];

    [Property(MaxTest = 400)]
    public bool Splits_as_line_by_line_reading_does(NonNegativeInt[] picks, PositiveInt repeat, PositiveInt cap, PositiveInt chunk, bool hint)
    {
        var unit = string.Concat((picks ?? []).Select(p => Fragments[p.Get % Fragments.Length]));
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(unit, 1 + repeat.Get % 30)));
        var max = cap.Get % 3 == 0 ? 256 * 1024 * 1024 : 1 + cap.Get % 3000;
        long? length = hint ? bytes.Length : null;
        var expected = LineByLine(new ChunkedStream(bytes, 1 + chunk.Get % 5000), max, length).ToList();
        var actual = MboxSplitter.Split(new ChunkedStream(bytes, 1 + chunk.Get % 5000), max, length).ToList();
        return expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.AsSpan().SequenceEqual(p.Second));
    }

    [Fact]
    public void More_than_a_megabyte_of_empty_lines_inside_a_message_is_kept_up_to_a_megabyte_as_before()
    {
        var text = "From a\nSubject: x\n" + string.Concat(Enumerable.Repeat("\r\n", 700_000)) + "last\nFrom b\nSubject: y\n\n\nFrom c\n";
        var bytes = Encoding.ASCII.GetBytes(text);
        var expected = LineByLine(new MemoryStream(bytes), 256 * 1024 * 1024, null).ToList();
        var actual = MboxSplitter.Split(new MemoryStream(bytes)).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]));
    }

    /// <summary>A stream that hands out at most a given number of bytes per read.</summary>
    private sealed class ChunkedStream(byte[] bytes, int chunk) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }

    // The splitter as it was before it stopped copying lines: every line copied out, then appended to the message.
    private static IEnumerable<byte[]> LineByLine(Stream stream, int maxMessageBytes, long? lengthHint)
    {
        var bufferBytes = lengthHint is { } n ? (int)Math.Clamp(n + 1, 4096, 256 * 1024) : 256 * 1024;
        var buffer = new byte[bufferBytes];
        int start = 0, end = 0;
        var eof = false;
        var message = new ArrayBufferWriter<byte>();
        var pendingBlank = new ArrayBufferWriter<byte>();
        var previousBlank = true;
        while (true)
        {
            byte[] line;
            while (true)
            {
                var available = buffer.AsSpan(start, end - start);
                var nl = available.IndexOf((byte)'\n');
                if (nl >= 0 || eof || available.Length >= 1024 * 1024)
                {
                    var take = nl >= 0 ? nl + 1 : available.Length;
                    line = available[..take].ToArray();
                    start += take;
                    break;
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0) eof = true;
                end += read;
            }
            if (line.Length == 0) break;
            var content = line.AsSpan();
            if (content.Length > 0 && content[^1] == (byte)'\n') content = content[..^1];
            if (content.Length > 0 && content[^1] == (byte)'\r') content = content[..^1];
            if (previousBlank && content.StartsWith("From "u8))
            {
                if (message.WrittenCount > 0) yield return message.WrittenSpan.ToArray();
                message.ResetWrittenCount();
                previousBlank = false;
                pendingBlank.ResetWrittenCount();
                continue;
            }
            if (content.IsEmpty)
            {
                MboxSplitter.Append(pendingBlank, line, 1 << 20);
                previousBlank = true;
                continue;
            }
            MboxSplitter.Append(message, pendingBlank.WrittenSpan, maxMessageBytes);
            pendingBlank.ResetWrittenCount();
            previousBlank = false;
            var quoted = 0;
            if (content[0] == (byte)'>')
            {
                var i = 0;
                while (i < content.Length && content[i] == (byte)'>') i++;
                if (content[i..].StartsWith("From "u8)) quoted = 1;
            }
            MboxSplitter.Append(message, line.AsSpan(quoted), maxMessageBytes);
        }
        if (message.WrittenCount > 0) yield return message.WrittenSpan.ToArray();
    }

}

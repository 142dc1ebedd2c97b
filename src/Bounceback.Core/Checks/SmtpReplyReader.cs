using System.Globalization;
using System.Text;

namespace Bounceback.Core.Checks;

/// <summary>One SMTP reply: its code and its lines without the code.</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public string Text => string.Join(" / ", Lines);
}

/// <summary>Reads SMTP replies (RFC 5321 section 4.2) from a stream, bounded in line length and line count.</summary>
internal sealed class SmtpReplyReader
{
    private const int MaxLine = 2048;
    private const int MaxLines = 64;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[4096];
    private int _start;
    private int _end;

    public SmtpReplyReader(Stream stream) => _stream = stream;

    /// <summary>Reads one whole reply; throws <see cref="InvalidDataException"/> when the server does not speak SMTP.</summary>
    public async Task<SmtpReply> ReadAsync(CancellationToken ct)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(ct).ConfigureAwait(false);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code is < 200 or > 599)
            {
                throw new InvalidDataException(line.Length > 80 ? line[..80] : line);
            }
            var more = line.Length > 3 && line[3] == '-';
            lines.Add(line.Length > 4 ? line[4..].Trim() : "");
            if (!more) return new SmtpReply(code, lines);
            if (lines.Count >= MaxLines) throw new InvalidDataException("reply too long");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _stream.ReadAsync(_buffer, ct).ConfigureAwait(false);
                if (_end == 0) throw new EndOfStreamException();
            }
            var nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            var stop = nl < 0 ? _end : nl;
            line.Append(Encoding.Latin1.GetString(_buffer, _start, stop - _start));
            _start = nl < 0 ? _end : nl + 1;
            if (line.Length > MaxLine) throw new InvalidDataException("line too long");
            if (nl >= 0) return line.ToString().TrimEnd('\r');
        }
    }
}

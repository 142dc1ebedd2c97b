using MimeKit;

namespace Bounceback.Core.Scanning;

/// <summary>
/// One message to scan, in source order: a file still to be read, the raw bytes of an mbox message, a message already
/// read (IMAP), or an error that stopped the source from producing it. Reading and MIME parsing of files and bytes
/// happen in the pipeline's workers, so they run in parallel.
/// </summary>
public sealed record ScanItem
{
    /// <summary>Where the message came from (file path, mbox path, IMAP URL, "-").</summary>
    public required string Source { get; init; }
    /// <summary>Index within an mbox, IMAP folder or standard input stream; null for a file of its own.</summary>
    public int? Index { get; init; }
    /// <summary>The file the message is in, when it is a file of its own; read by the worker when <see cref="Bytes"/> is empty.</summary>
    public string? FilePath { get; init; }
    /// <summary>The raw message when the source has already read it (an mbox message, a small file, IMAP, standard input).</summary>
    public ReadOnlyMemory<byte> Bytes { get; init; }
    /// <summary>A message already read with MimeKit; the pipeline disposes it once it is parsed.</summary>
    public MimeMessage? Message { get; init; }
    /// <summary>Set when the source could not produce the message (unreadable file, broken stream).</summary>
    public string? Error { get; init; }
    /// <summary>IMAP only: the message's UID, for --move-processed.</summary>
    public uint? Uid { get; init; }
    /// <summary>
    /// The array <see cref="Bytes"/> lies in when the mbox splitter rented it from the shared pool. The scan pipeline
    /// gives it back once the message is parsed and hands out the item without its bytes; anyone else reading the
    /// item just lets the array be collected.
    /// </summary>
    internal byte[]? Rented { get; init; }

    /// <summary>Reads the message with MimeKit: from the file, the bytes, or as given. Throws on unreadable input.</summary>
    public MimeMessage Load(CancellationToken cancellationToken = default) => Load(null, cancellationToken);

    /// <summary>
    /// Reads the message with MimeKit, reusing <paramref name="reader"/> (one per worker, never shared between threads)
    /// when given. Throws on unreadable input.
    /// </summary>
    /// <remarks>Bytes already in memory are parsed persistently: the parts' contents stay ranges of <see cref="Bytes"/>
    /// instead of copies, so the message keeps those bytes alive (they are never pooled or reused) as long as it lives.
    /// A file the worker reads itself is parsed with copies, so no file stays open.</remarks>
    public MimeMessage Load(MimeParser? reader, CancellationToken cancellationToken = default)
    {
        if (Message is not null) return Message;
        // A small file arrives already read (Bytes); a larger one is read here, in the worker.
        if (FilePath is not null && Bytes.IsEmpty) return LoadFile(FilePath, cancellationToken);
        if (Bytes.IsEmpty) throw new FormatException("Not an e-mail message: it is empty.");
        // Lines that end in a carriage return alone are made ordinary lines first (a copy: the bytes may be pooled).
        if (Bounces.CarriageReturns.OnlyCarriageReturns(Bytes.Span)) return (this with { Bytes = Bounces.CarriageReturns.ToLineFeeds(Bytes.Span), Rented = null }).Load(reader, cancellationToken);
        // Text pasted without headers (the visible text of a notice) is read as the text of a message; binary data
        // without headers (an image, an archive) is no message at all.
        if (Bounces.PastedText.LacksHeaders(Bytes.Span))
        {
            NotBinary(Bytes.Span);
            return Bounces.PastedText.ToMessage(Bytes.Span);
        }
        // Not disposed: a persistent message reads its parts' contents from this stream later.
        var bytes = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(Bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false, publiclyVisible: true)
            : new MemoryStream(Bytes.ToArray(), writable: false);
        // Attached messages are left unparsed until read (Bounces.ReturnedMessage): a bounce's returned original is
        // mostly not looked at.
        if (reader is null) return new MimeParser(Bounces.ReturnedMessage.Options, bytes, MimeFormat.Entity, persistent: true).ParseMessage(cancellationToken);
        reader.Options = Bounces.ReturnedMessage.Options;
        reader.SetStream(bytes, MimeFormat.Entity, persistent: true);
        return reader.ParseMessage(cancellationToken);
    }

    /// <summary>How much of a message without headers is looked at to tell text from binary data.</summary>
    private const int BinaryHead = 8192;

    /// <summary>Throws when the start of the data holds a NUL byte, which no mail text has: an image, an archive or a
    /// program read as a message would give nothing but a "not a bounce" that hides the mistake.</summary>
    private static void NotBinary(ReadOnlySpan<byte> data)
    {
        if (Bounces.PastedText.IsBinary(data))
            throw new NotMailException("Not an e-mail message: the file holds binary data (an image, an archive or a program, for example).");
    }

    /// <summary>
    /// Reads a message file the source did not read itself (<see cref="LocalSources"/> reads files up to 1 MB whole):
    /// streamed, so a large message is never held twice.
    /// </summary>
    private static MimeMessage LoadFile(string path, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        Span<byte> head = stackalloc byte[BinaryHead];
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 0) throw new FormatException("Not an e-mail message: it is empty.");
        if (Bounces.PastedText.LacksHeaders(head[..read])) NotBinary(head[..read]);
        file.Position = 0;
        if (Bounces.CarriageReturns.OnlyCarriageReturns(head[..read]))
        {
            // Lines that end in a carriage return alone, made ordinary lines as the file is read.
            using var lines = new Bounces.CarriageReturns.LineFeedStream(file);
            return Bounces.PastedText.Load(lines);
        }
        var parser = new MimeParser(Bounces.ReturnedMessage.Options, file, MimeFormat.Entity, persistent: false);
        return parser.ParseMessage(cancellationToken);
    }
}

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
    public MimeMessage? Message { get; init; }
    /// <summary>Set when the source could not produce the message (unreadable file, broken stream).</summary>
    public string? Error { get; init; }
    /// <summary>IMAP only: the message's UID, for --move-processed.</summary>
    public uint? Uid { get; init; }

    /// <summary>Reads the message with MimeKit: from the file, the bytes, or as given. Throws on unreadable input.</summary>
    public MimeMessage Load(CancellationToken cancellationToken = default)
    {
        if (Message is not null) return Message;
        // A small file arrives already read (Bytes); a larger one is read here, in the worker.
        if (FilePath is not null && Bytes.IsEmpty) return LoadFile(FilePath, cancellationToken);
        using var bytes = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(Bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(Bytes.ToArray(), writable: false);
        return LoadFrom(bytes, cancellationToken);
    }

    /// <summary>
    /// Reads a message file the source did not read itself (<see cref="LocalSources"/> reads files up to 1 MB whole):
    /// streamed, so a large message is never held twice.
    /// </summary>
    private static MimeMessage LoadFile(string path, CancellationToken cancellationToken)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        return LoadFrom(file, cancellationToken);
    }

    /// <summary>Reads one message; a file that is itself an mbox of one message is read past its separator line.</summary>
    private static MimeMessage LoadFrom(Stream stream, CancellationToken cancellationToken)
    {
        var parser = new MimeParser(stream, MimeFormat.Entity, persistent: false);
        return parser.ParseMessage(cancellationToken);
    }
}

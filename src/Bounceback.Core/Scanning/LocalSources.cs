using System.Runtime.CompilerServices;

namespace Bounceback.Core.Scanning;

/// <summary>
/// Messages from local paths in a stable order: a single message file, a directory tree (Maildir cur/ and new/
/// included, Maildir tmp/ left out), an mbox file (streamed, never read whole), or a stream such as standard input.
/// </summary>
public static class LocalSources
{
    /// <summary>
    /// The most bytes of one message taken from an mbox or a stream (64 MB); the rest of a larger message is skipped.
    /// A bounce's notice and report come first, so only the tail of a returned original is lost. Keeps the memory of
    /// a scan bounded whatever the input (IMAP has its own limit, <see cref="ImapOptions.MaxMessageBytes"/>).
    /// </summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    /// <summary>The messages under a path, in order (files sorted by path with ordinal comparison).</summary>
    public static async IAsyncEnumerable<ScanItem> FromPathAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(path))
        {
            // A folder that cannot be read is reported, as a file that cannot be read is; the rest is still read.
            foreach (var (folder, error) in UnreadableFolders(path)) yield return new ScanItem { Source = folder, Error = error };
            foreach (var file in Listing(path))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Each file's size is asked for as it is read, not by the listing: a listing that asked for every size
                // before the first message was read kept the other cores idle at the start of a large folder.
                var length = SizeOf(file);
                if (length == 0) continue;
                await foreach (var item in FromFileAsync(file, length, cancellationToken).ConfigureAwait(false)) yield return item;
            }
            yield break;
        }
        await foreach (var item in FromFileAsync(path, null, cancellationToken).ConfigureAwait(false)) yield return item;
    }

    /// <summary>
    /// The files of a directory tree, sorted; hidden files, Maildir "tmp" folders and empty entries are left out.
    /// An entry of length zero holds no message; it is also how a named pipe, a socket or a device shows in a
    /// listing, and opening a pipe would wait for a writer for ever, so none of them is opened.
    /// </summary>
    public static IReadOnlyList<string> FilesUnder(string directory) => Listing(directory).FindAll(static f => SizeOf(f) != 0);

    /// <summary>The files and links of a directory tree (no folders), sorted, without hidden ones and Maildir "tmp"
    /// folders; empty entries are still in it (<see cref="SizeOf"/> tells them).</summary>
    /// <remarks>Only the names are read (no size): asking the system for each entry's size is a call per file that
    /// the caller makes as it reads the file.</remarks>
    private static List<string> Listing(string directory)
    {
        var entries = new System.IO.Enumeration.FileSystemEnumerable<string>(directory, static (ref System.IO.Enumeration.FileSystemEntry e) => e.ToFullPath(), ListingOptions)
        {
            ShouldIncludePredicate = static (ref System.IO.Enumeration.FileSystemEntry e) => !e.IsDirectory,
            ShouldRecursePredicate = static (ref System.IO.Enumeration.FileSystemEntry e) => !IsLink(e.Attributes),
        };
        // Entries come as full paths under the root's full path, which is worked out once here (not per file: that
        // asks the system for the working directory each time).
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)).Length;
        var files = new List<string>();
        foreach (var file in entries)
        {
            if (IsInMaildirTmp(file.AsSpan(Math.Min(root, file.Length)))) continue;
            files.Add(file);
        }
        files.Sort(string.CompareOrdinal);
        return files;
    }

    private static readonly EnumerationOptions ListingOptions = new()
    {
        RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    // A link to a folder is not followed into: a link back up the tree would list the same files again and again.
    private static bool IsLink(FileAttributes attributes) => (attributes & FileAttributes.ReparsePoint) != 0;

    /// <summary>
    /// The folders of the tree (the root too) that cannot be listed, which the listing passes over: each is asked once
    /// for its first entry. A tree has far fewer folders than files, so this costs little beside the listing.
    /// </summary>
    private static List<(string Folder, string Error)> UnreadableFolders(string directory)
    {
        var unreadable = new List<(string Folder, string Error)>();
        var folders = new System.IO.Enumeration.FileSystemEnumerable<string>(directory, static (ref System.IO.Enumeration.FileSystemEntry e) => e.ToFullPath(), ListingOptions)
        {
            ShouldIncludePredicate = static (ref System.IO.Enumeration.FileSystemEntry e) => e.IsDirectory && !IsLink(e.Attributes),
            ShouldRecursePredicate = static (ref System.IO.Enumeration.FileSystemEntry e) => !IsLink(e.Attributes),
        };
        foreach (var folder in folders.Prepend(Path.GetFullPath(directory)))
        {
            try
            {
                using var entries = Directory.EnumerateFileSystemEntries(folder).GetEnumerator();
                entries.MoveNext();
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                unreadable.Add((folder, e.Message));
            }
        }
        unreadable.Sort((a, b) => string.CompareOrdinal(a.Folder, b.Folder));
        return unreadable;
    }

    /// <summary>
    /// The size of a listed file: 0 for an empty entry, which holds no message and is also how a named pipe, a socket
    /// or a device shows (opening a pipe would wait for a writer for ever, so none of them is opened), and for a link
    /// to nothing or a file gone since the listing; null when the file cannot be looked at (opening it then gives the
    /// error).
    /// </summary>
    private static long? SizeOf(string file)
    {
        try
        {
            var info = new FileInfo(file);
            return info.Exists ? info.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when a folder of the path below the root (not the file's own name) is "tmp".</summary>
    private static bool IsInMaildirTmp(ReadOnlySpan<char> relative)
    {
        var folders = relative[..Math.Max(0, relative.LastIndexOf(Path.DirectorySeparatorChar))];
        foreach (var range in folders.Split(Path.DirectorySeparatorChar))
        {
            if (folders[range].SequenceEqual("tmp")) return true;
        }
        return false;
    }

    /// <summary>Files up to this size are read whole by the producer (one open, one read); larger ones are streamed.</summary>
    private const int WholeFileBytes = 1024 * 1024;

    /// <summary>One file: a message of its own, or an mbox when it starts with a "From " line.</summary>
    /// <remarks>A small file (a bounce is typically a few kilobytes) is read whole here, so the worker parses bytes
    /// already in memory and the file is opened once; the read-ahead byte budget of the pipeline bounds how many are
    /// held. A larger file is only sniffed: a message of its own is streamed by the worker, an mbox is split here.</remarks>
    public static IAsyncEnumerable<ScanItem> FromFileAsync(string file, CancellationToken cancellationToken = default) =>
        FromFileAsync(file, null, cancellationToken);

    /// <summary>One file; <paramref name="listedLength"/> is its size as a directory listing saw it, when known.</summary>
    /// <remarks>A small file whose size the listing gave is read with one open, one read and one close: no size query
    /// and no read-ahead advice, system calls that cost more than the read itself for a message of a few kilobytes.
    /// (A file that grows after the listing is read up to the listed size, as one that grows after a size query would
    /// be; Maildir delivers complete files.)</remarks>
    private static async IAsyncEnumerable<ScanItem> FromFileAsync(string file, long? listedLength, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Microsoft.Win32.SafeHandles.SafeFileHandle? handle = null;
        byte[]? whole = null;
        var wholeLength = 0;
        var head = new byte[MboxSplitter.HeadBytes];
        var read = 0;
        string? error = null;
        try
        {
            var small = listedLength is <= WholeFileBytes;
            handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.Read, small ? FileOptions.None : FileOptions.SequentialScan);
            var length = small ? listedLength!.Value : RandomAccess.GetLength(handle);
            if (length <= WholeFileBytes)
            {
                (whole, wholeLength) = ReadWhole(handle, (int)length);
                handle.Dispose();
                handle = null;
            }
            else
            {
                read = ReadAtMost(handle, head);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            handle?.Dispose();
            handle = null;
        }
        if (error is not null)
        {
            yield return new ScanItem { Source = file, Error = error };
            yield break;
        }
        if (whole is not null)
        {
            if (!MboxSplitter.LooksLikeMbox(whole.AsSpan(0, wholeLength)))
            {
                yield return new ScanItem { Source = file, FilePath = file, Bytes = whole.AsMemory(0, wholeLength), Rented = whole };
                yield break;
            }
            // The messages of a small mbox file get arrays of their own; the file's array goes back once they are split.
            await foreach (var item in FromStreamAsync(new MemoryStream(whole, 0, wholeLength, writable: false), file, cancellationToken).ConfigureAwait(false)) yield return item;
            System.Buffers.ArrayPool<byte>.Shared.Return(whole);
            yield break;
        }
        if (!MboxSplitter.LooksLikeMbox(head.AsSpan(0, read)))
        {
            handle!.Dispose();
            yield return new ScanItem { Source = file, FilePath = file };
            yield break;
        }
        var stream = new FileStream(handle!, FileAccess.Read, 1);
        await using (stream.ConfigureAwait(false))
        {
            // Read unbuffered: the mbox splitter reads in large blocks itself, and a buffer here only copied every byte once more.
            await foreach (var item in FromStreamAsync(stream, file, cancellationToken).ConfigureAwait(false)) yield return item;
        }
    }

    /// <summary>The whole of a small file, in the first bytes of an array rented from the shared pool (the scan pipeline
    /// gives it back, <see cref="ScanItem.Rented"/>); a file that changes while it is read gives what was there.</summary>
    private static (byte[] Array, int Length) ReadWhole(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int length)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        return (buffer, ReadAtMost(handle, buffer.AsSpan(0, length)));
    }

    private static int ReadAtMost(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer)
    {
        var total = 0;
        int n;
        while (total < buffer.Length && (n = RandomAccess.Read(handle, buffer[total..], total)) > 0) total += n;
        return total;
    }

    /// <summary>The messages of a stream: an mbox when it starts with "From ", otherwise one message.</summary>
    public static async IAsyncEnumerable<ScanItem> FromStreamAsync(Stream stream, string source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // A stream already in memory (a small mbox file read whole) needs no buffer of its own: a 1 MB buffer for each
        // such file was most of what a directory scan allocated (docs/performance.md, "Fifth session").
        var inMemory = stream as MemoryStream;
        // A file is read in the splitter's own large blocks; only another stream (standard input) gets a buffer.
        var buffered = stream is BufferedStream or FileStream || inMemory is not null ? stream : new BufferedStream(stream, 1 << 20);
        var head = new byte[MboxSplitter.HeadBytes];
        var read = await buffered.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var whole = new ConcatenatedStream(head.AsMemory(0, read), buffered);
        if (!MboxSplitter.LooksLikeMbox(head.AsSpan(0, read)))
        {
            using var copy = new MemoryStream();
            await CopyAtMostAsync(whole, copy, MaxMessageBytes, cancellationToken).ConfigureAwait(false);
            if (copy.Length > 0) yield return new ScanItem { Source = source, Bytes = copy.GetBuffer().AsMemory(0, (int)copy.Length) };
            yield break;
        }
        var index = 0;
        IEnumerator<MboxSplitter.RentedMessage>? messages = null;
        try
        {
            messages = MboxSplitter.SplitRented(whole, MaxMessageBytes, inMemory is null ? null : inMemory.Length - inMemory.Position + read).GetEnumerator();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? error = null;
                MboxSplitter.RentedMessage message = default;
                try
                {
                    if (!messages.MoveNext()) break;
                    message = messages.Current;
                }
                catch (IOException e)
                {
                    error = e.Message;
                }
                if (error is not null)
                {
                    yield return new ScanItem { Source = source, Index = index, Error = error };
                    yield break;
                }
                yield return new ScanItem { Source = source, Index = index++, Bytes = message.Array.AsMemory(0, message.Length), Rented = message.Array };
            }
        }
        finally
        {
            messages?.Dispose();
        }
    }

    /// <summary>A read-only stream that returns bytes already read (to sniff the format), then the rest of the inner stream.</summary>
    private sealed class ConcatenatedStream(ReadOnlyMemory<byte> prefix, Stream inner) : Stream
    {
        private int _offset;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _offset);
                prefix.Span.Slice(_offset, n).CopyTo(buffer.AsSpan(offset, n));
                _offset += n;
                return n;
            }
            return inner.Read(buffer, offset, count);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Copies up to <paramref name="max"/> bytes and reads past (without keeping) the rest of the stream.</summary>
    private static async Task CopyAtMostAsync(Stream from, Stream to, int max, CancellationToken cancellationToken)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long kept = 0;
            int n;
            while ((n = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var take = (int)Math.Min(n, max - kept);
                if (take <= 0) continue;
                await to.WriteAsync(buffer.AsMemory(0, take), cancellationToken).ConfigureAwait(false);
                kept += take;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

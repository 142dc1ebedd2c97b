using MimeKit;
using MimeKit.IO;

namespace Bounceback.Core.Bounces;

/// <summary>
/// A part's content read where it lies. A message parsed persistently from bytes in memory (the bulk reader,
/// <see cref="Scanning.ScanItem"/>) keeps each part's content as a range of those bytes; content that needs no
/// transfer decoding (7bit, 8bit, binary) can then be read as that range, without MimeKit's decoding stream, its
/// read buffer, or a copy.
/// </summary>
internal static class ContentBytes
{
    /// <summary>The content's bytes when they are stored as they read and lie in memory; false otherwise (read it with
    /// <see cref="IMimeContent.Open"/> then).</summary>
    public static bool TryGetStored(IMimeContent? content, out ArraySegment<byte> bytes)
    {
        bytes = default;
        if (content is null || content.Encoding is not (ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary))
            return false;
        if (content.Stream is not BoundStream { BaseStream: MemoryStream memory } bound || !memory.TryGetBuffer(out var buffer)) return false;
        // The bounds are positions of the memory stream, which count from the start of its visible buffer.
        var start = bound.StartBoundary;
        var end = bound.EndBoundary < 0 ? buffer.Count : bound.EndBoundary;
        if (start < 0 || end < start || end > buffer.Count) return false;
        bytes = buffer.Slice((int)start, (int)(end - start));
        return true;
    }
}

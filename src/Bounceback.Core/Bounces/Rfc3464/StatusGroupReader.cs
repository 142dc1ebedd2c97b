using MimeKit;
using MimeKit.Utils;

namespace Bounceback.Core.Bounces.Rfc3464;

/// <summary>
/// The status groups of a message/delivery-status part, read the way MimeKit's
/// <see cref="MessageDeliveryStatus.StatusGroups"/> reads them (blank lines between groups skipped, reading stopped at
/// the first block MimeKit cannot read as fields), with the thread's parser (<see cref="ThreadParser"/>) and, when the
/// part needs no decoding, from the message's bytes in place (<see cref="ContentBytes"/>). MimeKit's own property
/// builds a parser and a decoding stream for every report, a fifth of the bytes a bulk parse allocated after MimeKit.
/// </summary>
/// <remarks>A test reads every fixture's and corpus sample's report both ways and requires the same groups.</remarks>
internal static class StatusGroupReader
{
    /// <summary>The groups in order; a group is never empty.</summary>
    public static List<HeaderList> Read(MessageDeliveryStatus part)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.Content is null) return [];
        var stream = ContentBytes.TryGetStored(part.Content, out var stored)
            ? new MemoryStream(stored.Array!, stored.Offset, stored.Count, writable: false)
            : part.Content.Open();
        var groups = new List<HeaderList>();
        var encodedRest = false;
        var parser = ThreadParser.Take(ParserOptions.Default, stream, persistent: false);
        try
        {
            while (!parser.IsEndOfStream)
            {
                // A blank line between groups reads as an empty block.
                var fields = parser.ParseHeaders();
                if (fields.Count == 0) continue;
                groups.Add(fields);
                // A group that announces a transfer encoding (Office 365 has sent base64 for the groups after the
                // first): MimeKit decodes the rest; its own reading is used for such a report.
                if (EncodesTheRest(fields))
                {
                    encodedRest = true;
                    break;
                }
            }
        }
        catch (FormatException)
        {
            // Not fields: the groups read so far stand, as with MimeKit.
        }
        finally
        {
            ThreadParser.Give(parser);
            stream.Dispose();
        }
        return encodedRest ? NonEmpty(part.StatusGroups) : groups;
    }

    private static bool EncodesTheRest(HeaderList fields) =>
        fields[HeaderId.ContentTransferEncoding] is { } value
        && MimeUtils.TryParse(value, out ContentEncoding encoding)
        && encoding is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable or ContentEncoding.UUEncode;

    private static List<HeaderList> NonEmpty(HeaderListCollection groups)
    {
        var list = new List<HeaderList>(groups.Count);
        foreach (var g in groups)
        {
            if (g.Count > 0) list.Add(g);
        }
        return list;
    }
}

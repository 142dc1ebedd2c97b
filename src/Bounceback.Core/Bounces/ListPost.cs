using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>
/// A message a mailing list distributed to its members, a post or a digest: it carries the list's List-Post field
/// (RFC 2369), which the list's notices to its owner or to a sender (Mailman's "Uncaught bounce notification", a refused
/// post) do not. Members write about failed mail ("Mail delivery failed bij versturen naar de lijst?") and quote the
/// replies they got, but such a message is no notice itself. One that holds a delivery or feedback report (a bounce the
/// list passed on) is still read.
/// </summary>
internal static class ListPost
{
    public static bool Is(MimeMessage message)
    {
        if (!message.Headers.Contains("List-Post")) return false;
        // The list's own notice to a sender or member (Mailman marks it "X-List-Administrivia: yes") may carry the
        // list's fields too; it is not a post.
        if (message.Headers["X-List-Administrivia"] is { } administrivia && administrivia.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var entity in message.BodyParts)
        {
            var type = entity.ContentType;
            if (type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "global-delivery-status") || type.IsMimeType("message", "feedback-report"))
                return false;
        }
        return message.Body is not MultipartReport;
    }

    /// <summary>
    /// A list manager's probe to a member whose mail bounced: sent from a return path that names it a probe (ezmlm's
    /// "list-return-probe-...", mlmmj's "list+bounces-member-probe@"), to see whether the address works again. It is
    /// mail to the member, no notice of a failure; one that quotes the bounce it received (ezmlm's) is read as that
    /// bounce before this is asked. Only a plain message: never one with a report or an attached message.
    /// </summary>
    public static bool IsProbe(MimeMessage message)
    {
        var returnPath = message.Headers[HeaderId.ReturnPath];
        if (returnPath is null || !returnPath.Contains("-probe", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var entity in message.BodyParts)
        {
            if (entity is MessagePart || entity.ContentType.IsMimeType("message", "delivery-status") || entity.ContentType.IsMimeType("message", "global-delivery-status")) return false;
        }
        return message.Body is not MultipartReport;
    }
}

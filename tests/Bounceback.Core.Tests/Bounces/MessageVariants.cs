using MimeKit;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The kinds of change a real mail server makes between two bounces of the same kind.</summary>
public enum VariantKind
{
    Addresses,
    HostsAndIps,
    Dates,
    MessageAndQueueIds,
    OriginalSubject,
}

/// <summary>
/// A message rewritten as another bounce of the same kind: <see cref="Text"/> is the whole message, and
/// <see cref="Rewrite"/> applies the same substitution to one value (a recipient address) so results can be compared.
/// </summary>
internal sealed record MessageVariant(string Text, Func<string, string> Rewrite)
{
    public byte[] Bytes => Encoding.Latin1.GetBytes(Text);
}

/// <summary>
/// Makes variants of a raw message by consistent textual substitution. The message is read as Latin-1 (one char per
/// byte, so nothing is decoded or lost); boundaries, encoded-words, base64 lines and ISO-2022-JP runs are left as they
/// are; a variant that has nothing to change, or would have to change one of those, is not made (null).
/// </summary>
internal static partial class MessageVariants
{
    private const int TimeoutMs = 2000;

    public static MessageVariant? Make(VariantKind kind, byte[] message, int salt)
    {
        var text = Encoding.Latin1.GetString(message);
        var protectedSpans = ProtectedSpans(text);
        Func<string, string>? rewrite = kind switch
        {
            // An '=' written into quoted-printable text would be read as an escape, so SRS-style local parts only without it.
            VariantKind.Addresses when text.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase) => s => AddressPattern().Replace(s, m => NewAddress(m.Value, salt, srs: false)),
            VariantKind.Addresses => s => AddressPattern().Replace(s, m => NewAddress(m.Value, salt, srs: true)),
            VariantKind.HostsAndIps => s => Ipv4Pattern().Replace(HostPattern().Replace(s, m => NewHost(m.Value, salt)), m => NewIpv4(m, salt)),
            VariantKind.Dates => s => ShiftDates(s, salt % 2 == 0 ? -1000 : 400),
            VariantKind.MessageAndQueueIds => IdRewrite(text, salt),
            VariantKind.OriginalSubject => SubjectRewrite(text, protectedSpans, salt),
            _ => null,
        };
        if (rewrite is null) return null;
        var variant = OutsideSpans(text, protectedSpans, rewrite);
        return variant == text ? null : new MessageVariant(variant, rewrite);
    }

    /// <summary>
    /// The same message with its text parts (the notice, not the returned message, whose bodies MimeKit does not walk
    /// into) sent in another transfer encoding, written back by MimeKit: what another server's settings would send.
    /// Null for an mbox file and for a message with no text part outside the returned one.
    /// </summary>
    public static MessageVariant? Reencoded(byte[] message, ContentEncoding encoding) => Rewritten(message, parsed =>
    {
        var changed = 0;
        foreach (var part in parsed.BodyParts.OfType<TextPart>())
        {
            if (part.ContentTransferEncoding == encoding) continue;
            part.ContentTransferEncoding = encoding;
            changed++;
        }
        return changed != 0;
    });

    /// <summary>
    /// The same message with its plain-text notice sent as HTML instead (the text escaped in a &lt;pre&gt; block), as
    /// servers that write HTML notices do. Null for an mbox file and unless the notice has exactly one text/plain part
    /// and no HTML part outside the returned message, or when the notice is of a kind no server would send as HTML.
    /// </summary>
    public static MessageVariant? AsHtml(byte[] message) => Rewritten(message, parsed =>
    {
        if (PlainNotice(parsed, noHtml: true) is not { } plain) return false;
        var text = plain.Text;
        var html = "<html><body><pre>" + System.Net.WebUtility.HtmlEncode(text) + "</pre></body></html>";
        plain.ContentType.MediaSubtype = "html";
        plain.SetText(plain.ContentType.CharsetEncoding ?? Encoding.UTF8, html);
        return true;
    });

    /// <summary>
    /// The same message with its plain-text notice sent as HTML the way mail programs write it: each paragraph a
    /// &lt;p&gt;, each line break a &lt;br&gt;, the text escaped. Made for the notice <see cref="PlainNotice"/> gives.
    /// </summary>
    public static MessageVariant? AsHtmlParagraphs(byte[] message) => Rewritten(message, parsed =>
    {
        if (PlainNotice(parsed, noHtml: true) is not { } plain) return false;
        var text = plain.Text;
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var html = new StringBuilder("<html><head><style>p { margin: 0 0 1em 0; }</style></head><body>\n");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(string.Join("<br>\n", paragraph.Split('\n').Select(System.Net.WebUtility.HtmlEncode))).Append("</p>\n");
        }
        html.Append("</body></html>\n");
        plain.ContentType.MediaSubtype = "html";
        plain.SetText(plain.ContentType.CharsetEncoding ?? Encoding.UTF8, html.ToString());
        return true;
    });

    /// <summary>
    /// The same message with the indentation of its plain-text notice written with tabs (a tab for each four spaces), as
    /// some servers indent. Made for the notice <see cref="PlainNotice"/> gives.
    /// </summary>
    public static MessageVariant? IndentedWithTabs(byte[] message) => Rewritten(message, parsed =>
    {
        if (PlainNotice(parsed, noHtml: false) is not { } plain) return false;
        var text = plain.Text;
        var changed = false;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line =>
        {
            var indent = line.Length - line.TrimStart(' ').Length;
            if (indent < 4) return line;
            changed = true;
            return new string('\t', indent / 4) + new string(' ', indent % 4) + line[indent..];
        }).ToList();
        if (!changed) return false;
        plain.SetText(plain.ContentType.CharsetEncoding ?? Encoding.UTF8, string.Join('\n', lines));
        return true;
    });

    /// <summary>
    /// The same message with the long lines of its plain-text notice wrapped at another width, the way servers fold
    /// their text (Postfix indents a continued line by four spaces). Made for the notice <see cref="PlainNotice"/> gives.
    /// </summary>
    public static MessageVariant? Rewrapped(byte[] message, int width) => Rewritten(message, parsed =>
    {
        if (PlainNotice(parsed, noHtml: false) is not { } plain) return false;
        var text = plain.Text;
        var wrapped = new StringBuilder(text.Length + 256);
        var changed = false;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw;
            var first = true;
            while (line.Length > width && line.LastIndexOf(' ', width) is var cut and > 8)
            {
                // Only spaces after the cut (a format=flowed line's trailing space): wrapping would add a blank line.
                if (line.AsSpan(cut + 1).IsWhiteSpace()) break;
                wrapped.Append(line[..cut]).Append('\n');
                line = "    " + line[(cut + 1)..].TrimStart();
                changed = true;
                if (first) first = false;
            }
            wrapped.Append(line).Append('\n');
        }
        if (!changed) return false;
        plain.SetText(plain.ContentType.CharsetEncoding ?? Encoding.UTF8, wrapped.ToString());
        return true;
    });

    /// <summary>
    /// The same message with the fields of its delivery reports folded at another width, continued lines indented by
    /// eight spaces, as other servers fold a long Diagnostic-Code. The recipient fields are left whole (an address is
    /// not folded). Null for an mbox file and when no field is long enough to fold.
    /// </summary>
    public static MessageVariant? Refolded(byte[] message, int width) => Rewritten(message, parsed =>
    {
        var changed = false;
        foreach (var report in parsed.BodyParts.OfType<MessageDeliveryStatus>())
        {
            var text = new StringBuilder();
            foreach (var group in report.StatusGroups)
            {
                foreach (var field in group)
                {
                    var value = Encoding.Latin1.GetString(field.RawValue).Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim();
                    var line = field.Field + ": " + value;
                    if (!field.Field.EndsWith("-Recipient", StringComparison.OrdinalIgnoreCase))
                    {
                        while (line.Length > width && line.IndexOf(' ', width / 2) is var cut and > 0 && cut < line.Length - 1)
                        {
                            text.Append(line[..cut]).Append("\r\n");
                            line = "        " + line[(cut + 1)..].TrimStart();
                            changed = true;
                        }
                    }
                    text.Append(line).Append("\r\n");
                }
                text.Append("\r\n");
            }
            report.Content = new MimeContent(new MemoryStream(Encoding.Latin1.GetBytes(text.ToString())));
            report.ContentTransferEncoding = ContentEncoding.Default;
        }
        return changed;
    });

    /// <summary>
    /// The same message without its returned copy of the original (an attached message or its headers), as servers
    /// configured not to return content send it. Null for an mbox file, when there is no such copy, when the copy is
    /// all the message has besides its headers (a feedback report that is only the forwarded message), and when the
    /// copy is itself a report (a bounce of a bounce), whose removal would leave nothing to read, and for a feedback report.
    /// </summary>
    public static MessageVariant? WithoutReturnedMessage(byte[] message) => Rewritten(message, parsed =>
    {
        if (parsed.Body is not Multipart top) return false;
        // A feedback report is about the message it carries: its recipient is that copy's.
        if (top.ContentType.Parameters["report-type"] is { } type && type.Equals("feedback-report", StringComparison.OrdinalIgnoreCase)) return false;
        var removed = 0;
        foreach (var multipart in new[] { top }.Concat(top.OfType<Multipart>()))
        {
            for (var i = multipart.Count - 1; i >= 0; i--)
            {
                var part = multipart[i];
                var isCopy = part is MessagePart || part.ContentType.IsMimeType("text", "rfc822-headers");
                if (!isCopy) continue;
                if (part is MessagePart { Message.Body: Multipart inner } && inner.ContentType.IsMimeType("multipart", "report")) return false;
                multipart.RemoveAt(i);
                removed++;
            }
        }
        if (removed == 0 || top.Count == 0 || top.All(p => p is Multipart { Count: 0 })) return false;
        return true;
    });

    /// <summary>
    /// The same message with its returned copy cut to the copy's header (text/rfc822-headers), as servers that return
    /// headers only send it. Null for an mbox file, without an attached copy, and when the copy is itself a report.
    /// </summary>
    public static MessageVariant? WithHeadersOnlyCopy(byte[] message) => Rewritten(message, parsed => ReplaceCopies(parsed, copy =>
    {
        if (copy.Body is Multipart inner && inner.ContentType.IsMimeType("multipart", "report")) return null;
        var headers = new MemoryStream();
        copy.Headers.WriteTo(headers);
        headers.Write("\r\n"u8);
        headers.Position = 0;
        return new TextRfc822Headers { Message = MimeMessage.Load(headers) };
    }));

    /// <summary>
    /// The same notice with its own header reduced to what every server writes: a plain daemon sender, a plain subject,
    /// its date, its addressee and its MIME fields; no Received, X- or vendor fields. What another version, language or
    /// configuration of the same server may well send. Null for an mbox file.
    /// </summary>
    public static MessageVariant? WithPlainHeaders(byte[] message) => Rewritten(message, parsed =>
    {
        for (var i = parsed.Headers.Count - 1; i >= 0; i--)
        {
            var id = parsed.Headers[i].Id;
            if (id is HeaderId.Date or HeaderId.To or HeaderId.MimeVersion || parsed.Headers[i].Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)) continue;
            parsed.Headers.RemoveAt(i);
        }
        parsed.Headers.Add(HeaderId.From, "Mail Delivery System <MAILER-DAEMON@relay.example.net>");
        parsed.Headers.Add(HeaderId.Subject, "Returned mail");
        return true;
    });

    /// <summary>
    /// The bounce forwarded as an attachment by the person who got it (to a helpdesk, say): a message of their own with a
    /// line of text and the bounce as message/rfc822. Null for an mbox file and a message MimeKit cannot read.
    /// </summary>
    public static MessageVariant? ForwardedAsAttachment(byte[] message)
    {
        if (message.AsSpan().StartsWith("From "u8)) return null;
        using var bounce = Loaded(message);
        if (bounce is null) return null;
        var forward = new MimeMessage();
        forward.From.Add(new MailboxAddress("Jan de Vries", "jan@office.example.nl"));
        forward.To.Add(new MailboxAddress("Helpdesk", "helpdesk@isp.example.nl"));
        forward.Subject = "Fwd: " + (bounce.Subject ?? "");
        forward.Date = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1));
        forward.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Hallo,\n\nIk krijg dit bericht terug, kunnen jullie kijken wat er mis is?\n\nGroet,\nJan\n" },
            new MessagePart { Message = bounce },
        };
        return WrittenBack(forward);
    }

    /// <summary>
    /// The same report with one more recipient: its first recipient's fields repeated for another address (the local
    /// part with "-zwei" added), as a report for two recipients refused alike gives them. Returns the variant and the
    /// added address; null for an mbox file, without a report, and when the first recipient has no Diagnostic-Code of
    /// its own (its words would come from the notice, which does not name the added address).
    /// </summary>
    public static (MessageVariant Variant, string Added)? WithSecondRecipient(byte[] message)
    {
        if (message.AsSpan().StartsWith("From "u8)) return null;
        using var parsed = Loaded(message);
        if (parsed?.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault() is not { } report) return null;
        var groups = report.StatusGroups;
        var first = groups.Skip(1).FirstOrDefault(g => g.Contains("Final-Recipient"));
        // A Diagnostic-Code with words after its type ("smtp; 550 ..."), not an empty one.
        if (first?["Diagnostic-Code"] is not { } diagnostic || diagnostic[(diagnostic.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim().Length == 0) return null;
        if (first["Final-Recipient"] is not { } final) return null;
        var at = final.IndexOf('@', StringComparison.Ordinal);
        var start = at < 0 ? -1 : final.LastIndexOfAny([';', ' ', '<', ':'], at) + 1;
        if (at <= 0 || start < 0 || start >= at) return null;
        // (Up to a comment or the closing bracket: "m.dekker@example.nl (Marieke Dekker)".)
        var end = final.IndexOfAny([' ', '\t', '(', '>'], at);
        var address = final[start..(end < 0 ? final.Length : end)].Trim();
        // An internationalised address is written in UTF-8 in the raw field, which is read here byte for byte.
        if (!address.Contains('@', StringComparison.Ordinal) || !System.Text.Ascii.IsValid(address)) return null;
        var added = address[..(at - start)] + "-zwei" + address[(at - start)..];
        var text = new StringBuilder();
        foreach (var group in groups)
        {
            foreach (var field in group) text.Append(field.Field).Append(':').Append(Encoding.Latin1.GetString(field.RawValue));
            text.Append("\r\n");
        }
        foreach (var field in first)
        {
            var value = Encoding.Latin1.GetString(field.RawValue);
            text.Append(field.Field).Append(':').Append(value.Replace(address, added, StringComparison.OrdinalIgnoreCase));
        }
        text.Append("\r\n");
        report.Content = new MimeContent(new MemoryStream(Encoding.Latin1.GetBytes(text.ToString())));
        report.ContentTransferEncoding = ContentEncoding.Default;
        return (WrittenBack(parsed), added);
    }

    /// <summary>
    /// The same message with the addresses of its report's recipient fields in capitals (the notice's text keeps its own
    /// spelling), as servers that echo an address as the sender wrote it do. Null for an mbox file and without a report.
    /// </summary>
    public static MessageVariant? WithRecipientFieldsInCapitals(byte[] message) => Rewritten(message, parsed =>
    {
        if (parsed.BodyParts.OfType<MessageDeliveryStatus>().FirstOrDefault() is not { } report) return false;
        var text = new StringBuilder();
        var changed = false;
        foreach (var group in report.StatusGroups)
        {
            foreach (var field in group)
            {
                var value = Encoding.Latin1.GetString(field.RawValue);
                if (field.Field.EndsWith("-Recipient", StringComparison.OrdinalIgnoreCase) && value.Contains('@', StringComparison.Ordinal) && System.Text.Ascii.IsValid(value))
                {
                    var semi = value.IndexOf(';', StringComparison.Ordinal);
                    var upper = value[..(semi + 1)] + value[(semi + 1)..].ToUpperInvariant();
                    changed |= upper != value;
                    value = upper;
                }
                text.Append(field.Field).Append(':').Append(value);
            }
            text.Append("\r\n");
        }
        if (!changed) return false;
        report.Content = new MimeContent(new MemoryStream(Encoding.Latin1.GetBytes(text.ToString())));
        report.ContentTransferEncoding = ContentEncoding.Default;
        return true;
    });

    /// <summary>
    /// The same message with its plain-text notice inside a multipart/alternative together with an HTML copy of it (the
    /// text escaped in a &lt;pre&gt; block), as Exchange and Gmail send their notices. Made for the notice
    /// <see cref="PlainNotice"/> gives, for a notice that is a part of a multipart (not the whole body).
    /// </summary>
    public static MessageVariant? WithHtmlAlternative(byte[] message) => Rewritten(message, parsed =>
    {
        if (parsed.Body is not Multipart top) return false;
        if (PlainNotice(parsed, noHtml: true) is not { } plain) return false;
        var at = top.IndexOf(plain);
        if (at < 0) return false;
        var text = plain.Text;
        var html = new TextPart("html");
        html.SetText(plain.ContentType.CharsetEncoding ?? Encoding.UTF8, "<html><body><pre>" + System.Net.WebUtility.HtmlEncode(text) + "</pre></body></html>");
        top.RemoveAt(at);
        top.Insert(at, new MultipartAlternative { plain, html });
        return true;
    });

    /// <summary>
    /// The same message with its returned copy sent in base64 (a message/rfc822 part with a transfer encoding, which some
    /// servers send though RFC 2046 forbids it). Null for an mbox file and without an attached copy.
    /// </summary>
    public static MessageVariant? WithBase64Copy(byte[] message) => Rewritten(message, parsed => ReplaceCopies(parsed, copy =>
    {
        var bytes = new MemoryStream();
        copy.WriteTo(bytes);
        bytes.Position = 0;
        return new MimePart("message", "rfc822") { Content = new MimeContent(bytes), ContentTransferEncoding = ContentEncoding.Base64 };
    }));

    /// <summary>
    /// Puts what <paramref name="replacement"/> makes of each returned copy (an attached message in the body or one
    /// multipart down, not a report's own parts nor a header block) in its place; false when there is none, or when
    /// <paramref name="replacement"/> declines one (null).
    /// </summary>
    private static bool ReplaceCopies(MimeMessage parsed, Func<MimeMessage, MimeEntity?> replacement)
    {
        if (parsed.Body is not Multipart top) return false;
        var replaced = 0;
        foreach (var multipart in new[] { top }.Concat(top.OfType<Multipart>()))
        {
            for (var i = 0; i < multipart.Count; i++)
            {
                if (multipart[i] is not MessagePart { Message: { } copy } || multipart[i] is MessageDeliveryStatus or TextRfc822Headers) continue;
                if (replacement(copy) is not { } made) return false;
                multipart[i] = made;
                replaced++;
            }
        }
        return replaced != 0;
    }

    /// <summary>
    /// The same message with a mail gateway's footer below its plain-text notice, as a company's outgoing gateway adds
    /// to every message it passes (a virus-scan line and a confidentiality notice). Made for the notice
    /// <see cref="PlainNotice"/> gives.
    /// </summary>
    public static MessageVariant? WithGatewayFooter(byte[] message) => Rewritten(message, parsed =>
    {
        if (PlainNotice(parsed, noHtml: false) is not { } plain) return false;
        var text = plain.Text;
        const string footer = "\n\n-- \nThis email has been scanned for viruses and malware by the Example Secure Gateway.\n" +
            "CONFIDENTIALITY NOTICE: this message and any attachments are intended only for the addressee. If you received it\n" +
            "in error, please notify the sender and delete it. Unauthorised use or disclosure is prohibited.\n";
        plain.SetText(plain.ContentType.CharsetEncoding ?? Encoding.UTF8, text.TrimEnd() + footer);
        return true;
    });

    /// <summary>
    /// The same message with a gateway's footer as a text part of its own after the message's body (the body and the
    /// footer in a multipart/mixed), as gateways that do not touch a signed or structured body add it. Null for an mbox
    /// file and a message MimeKit cannot read.
    /// </summary>
    public static MessageVariant? WithGatewayFooterPart(byte[] message) => Rewritten(message, parsed =>
    {
        if (parsed.Body is not { } body) return false;
        var footer = new TextPart("plain") { Text = "This email has been scanned for viruses and malware by the Example Secure Gateway.\n" +
            "CONFIDENTIALITY NOTICE: this message is intended only for the addressee.\n" };
        parsed.Body = new Multipart("mixed") { body, footer };
        return true;
    });

    /// <summary>
    /// The same message as a receiving gateway marks mail from outside: "[EXTERNAL] " before its subject and a caution
    /// paragraph above its plain-text notice. Made for the notice <see cref="PlainNotice"/> gives.
    /// </summary>
    public static MessageVariant? WithExternalBanner(byte[] message) => Rewritten(message, parsed =>
    {
        if (PlainNotice(parsed, noHtml: false) is not { } plain) return false;
        var text = plain.Text;
        const string banner = "CAUTION: This email originated from outside of the organization. Do not click links or open\n" +
            "attachments unless you recognize the sender and know the content is safe.\n\n";
        plain.SetText(plain.ContentType.CharsetEncoding ?? Encoding.UTF8, banner + text);
        if (parsed.Subject is { } subject) parsed.Subject = "[EXTERNAL] " + subject;
        return true;
    });

    /// <summary>
    /// The message's one plain-text notice part (outside the returned message) that a rewrite may change, or null: not when
    /// there are several, nor (with <paramref name="noHtml"/>) when an HTML part stands beside it, nor when the notice is
    /// of a kind no server would rewrite (an SES JSON body, an inline copy of a MIME message, raw ISO-2022-JP, whose
    /// escapes a rewrite would break).
    /// </summary>
    private static TextPart? PlainNotice(MimeMessage parsed, bool noHtml)
    {
        var texts = parsed.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment).ToList();
        if ((noHtml && texts.Any(p => p.IsHtml)) || texts.Count(p => p.IsPlain) != 1) return null;
        var plain = texts.Single(p => p.IsPlain);
        var text = plain.Text;
        return text.TrimStart().StartsWith('{') || text.Contains("Content-Type:", StringComparison.OrdinalIgnoreCase) || text.Contains('\u001B') ? null : plain;
    }

    /// <summary>
    /// The message read by MimeKit, changed by <paramref name="change"/> and written back; null for an mbox file, a
    /// message MimeKit cannot read, and when <paramref name="change"/> made no variant (returned false).
    /// </summary>
    private static MessageVariant? Rewritten(byte[] message, Func<MimeMessage, bool> change)
    {
        if (message.AsSpan().StartsWith("From "u8)) return null;
        using var parsed = Loaded(message);
        return parsed is not null && change(parsed) ? WrittenBack(parsed) : null;
    }

    /// <summary>The message as MimeKit reads it, or null when it is not one (a pasted text without headers).</summary>
    private static MimeMessage? Loaded(byte[] message)
    {
        try
        {
            return MimeMessage.Load(new MemoryStream(message, writable: false));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The message as MimeKit writes it; addresses and every other value stay as they were.</summary>
    private static MessageVariant WrittenBack(MimeMessage message)
    {
        using var written = new MemoryStream();
        message.WriteTo(written);
        return new MessageVariant(Encoding.Latin1.GetString(written.ToArray()), s => s);
    }

    /// <summary>Every kind of variant in turn (those that apply); the recipient rewrite is their composition.</summary>
    public static MessageVariant? MakeAll(byte[] message, int salt)
    {
        MessageVariant? all = null;
        foreach (var kind in Enum.GetValues<VariantKind>())
        {
            if (Make(kind, all?.Bytes ?? message, salt) is not { } next) continue;
            var before = all?.Rewrite;
            all = before is null ? next : new MessageVariant(next.Text, s => next.Rewrite(before(s)));
        }
        return all;
    }

    /// <summary>Applies <paramref name="rewrite"/> to the text between the protected spans only.</summary>
    private static string OutsideSpans(string text, IReadOnlyList<(int Start, int End)> spans, Func<string, string> rewrite)
    {
        var sb = new StringBuilder(text.Length + 256);
        var at = 0;
        foreach (var (start, end) in spans)
        {
            if (start > at) sb.Append(rewrite(text[at..start]));
            sb.Append(text, Math.Max(start, at), Math.Max(0, end - Math.Max(start, at)));
            at = Math.Max(at, end);
        }
        if (at < text.Length) sb.Append(rewrite(text[at..]));
        return sb.ToString();
    }

    /// <summary>MIME boundaries (wherever they occur), encoded-words, base64 lines and ISO-2022-JP runs, sorted and merged.</summary>
    private static List<(int Start, int End)> ProtectedSpans(string text)
    {
        var spans = new List<(int Start, int End)>();
        foreach (Match b in BoundaryParameter().Matches(text))
        {
            var value = b.Groups["b"].Value;
            for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
                spans.Add((i, i + value.Length));
        }
        foreach (var pattern in new[] { EncodedWord(), Base64Line(), Iso2022JpRun() })
            foreach (Match m in pattern.Matches(text)) spans.Add((m.Index, m.Index + m.Length));
        spans.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.End));
            else merged.Add(s);
        }
        return merged;
    }

    // ---- stable names -------------------------------------------------------------------------------------------

    /// <summary>FNV-1a over the lower-cased value and the salt: the same value always gets the same replacement.</summary>
    private static uint Hash(string value, int salt)
    {
        var h = 2166136261u ^ (uint)salt;
        foreach (var c in value.ToLowerInvariant()) h = (h ^ c) * 16777619u;
        return h;
    }

    /// <summary>A lower-case token of 3 to 9 letters and digits, starting with a letter (lengths differ from the original).</summary>
    private static string Token(string value, int salt)
    {
        var h = Hash(value, salt);
        var length = 3 + (int)(h % 7);
        var sb = new StringBuilder(length);
        var x = h;
        for (var i = 0; i < length; i++)
        {
            const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
            sb.Append(i == 0 ? (char)('a' + x % 26) : alphabet[(int)(x % (uint)alphabet.Length)]);
            x = x * 1103515245u + 12345u + (uint)i;
            x ^= x >> 13;
        }
        return sb.ToString();
    }

    // ---- 1. addresses -------------------------------------------------------------------------------------------

    /// <summary>Local parts that name a role every server uses the same way; a real bounce keeps them.</summary>
    private static readonly string[] RoleLocalParts =
    [
        "mailer-daemon", "mail-daemon", "postmaster", "root", "daemon", "nobody", "noreply", "no-reply", "donotreply",
        "do-not-reply", "abuse", "double-bounce", "bounce", "bounces", "mailerdaemon", "mail.daemon", "microsoftexchange",
    ];

    private static string NewAddress(string address, int salt, bool srs)
    {
        var at = address.LastIndexOf('@');
        var local = address[..at];
        var domain = address[(at + 1)..];
        var role = RoleLocalParts.Contains(local, StringComparer.OrdinalIgnoreCase) ||
            local.StartsWith("microsoftexchange", StringComparison.OrdinalIgnoreCase) || local.StartsWith("bounce", StringComparison.OrdinalIgnoreCase);
        var newLocal = role ? local : NewLocalPart(local, salt, srs);
        var newDomain = ProviderDomains.IsProvider(domain) ? domain : NewMailDomain(domain, salt);
        return newLocal + "@" + newDomain;
    }

    /// <summary>Another local part, in one of the forms addresses take (dots, plus tags, hyphens, digits, capitals, an apostrophe, SRS).</summary>
    private static string NewLocalPart(string local, int salt, bool srs)
    {
        var (a, b, h) = (Token(local, salt), Token(local + "+", salt), Hash(local, salt));
        return (h % 7) switch
        {
            0 => a + (h % 10),
            1 => a + "." + b,
            2 => a + "+" + b,
            3 => a + "-" + b,
            4 => a + "_" + b,
            5 => char.ToUpperInvariant(a[0]) + a[1..] + "." + char.ToUpperInvariant(b[0]) + b[1..],
            6 when salt % 3 == 0 => a + "'" + b,
            6 when salt % 3 == 1 && srs => $"SRS0={b[..2]}={a[..2].ToUpperInvariant()}={b}.example={a}",
            _ => (h % 100000).ToString("00000", CultureInfo.InvariantCulture) + (salt % 2 == 0 ? "" : a),
        };
    }

    private static readonly IdnMapping Idn = new();

    /// <summary>Another mail domain: a few labels, digits, hyphens, an IDN (punycode) label; never a provider's.</summary>
    private static string NewMailDomain(string domain, int salt)
    {
        var (t, h) = (Token(domain, salt), Hash(domain, salt));
        return (h % 4) switch
        {
            0 => $"mail.test-{h % 97}.{t}.example",
            1 => $"{t}.example",
            2 => $"{Idn.GetAscii("münchen-" + t)}.{Token(domain + ".", salt)}.example",
            _ when salt % 2 == 0 => $"{h % 1000}.MX-{t.ToUpperInvariant()}.Example",
            _ => $"{h % 1000}.mx-{t}.example",
        };
    }

    // ---- 2. hosts and IPv4 addresses -----------------------------------------------------------------------------

    private static readonly HashSet<string> TopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "com", "net", "org", "edu", "gov", "info", "biz", "jp", "de", "fr", "ru", "uk", "nl", "it", "es", "br", "cn",
        "tw", "kr", "hu", "pl", "cz", "ch", "at", "be", "se", "dk", "fi", "ca", "au", "us", "mx", "in", "example",
        "test", "invalid", "localdomain", "local", "io", "co", "me", "mobi",
    };

    private static readonly HashSet<string> SecondLevelLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "co", "ne", "or", "ad", "ac", "go", "gr", "ed", "lg", "com", "net", "org", "gov", "edu",
    };

    private static string NewHost(string host, int salt)
    {
        var labels = host.Split('.');
        if (labels.Length < 2 || !TopLevelDomains.Contains(labels[^1]) || !labels[..^1].Any(l => l.Any(char.IsAsciiLetter))) return host;
        if (ProviderDomains.IsProvider(host)) return host;
        var registrable = labels.Length >= 3 && labels[^1].Length == 2 && SecondLevelLabels.Contains(labels[^2]) ? 3 : 2;
        var domain = string.Join('.', labels[^registrable..]);
        var prefix = labels[..^registrable].Select(l => Token(l + "|" + domain, salt));
        return string.Join('.', prefix.Append($"d{Hash(domain, salt) % 89}-{Token(domain, salt)}").Append("example"));
    }

    private static string NewIpv4(Match m, int salt)
    {
        var octets = Enumerable.Range(1, 4).Select(i => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
        if (octets.Any(o => o > 255) || octets[0] is 0 or 127 or 255 || m.Groups[1].Value.StartsWith('0')) return m.Value;
        string[] ranges = ["192.0.2", "198.51.100", "203.0.113"];
        var h = Hash(m.Value, salt);
        return $"{ranges[h % 3]}.{1 + (h >> 8) % 254}";
    }

    // ---- 3. dates -----------------------------------------------------------------------------------------------

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Every date moved by <paramref name="days"/> (another weekday, month and year), written as before.</summary>
    private static string ShiftDates(string text, int days)
    {
        text = Rfc5322Date().Replace(text, m => ShiftRfc5322(m, days));
        text = CtimeDate().Replace(text, m => ShiftCtime(m, days));
        return IsoDate().Replace(text, m => ShiftIso(m, days));
    }

    private static DateOnly? DateOf(string year, string month, string day)
    {
        var m = Array.FindIndex(Months, x => x.Equals(month, StringComparison.OrdinalIgnoreCase)) + 1;
        if (m == 0 && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) m = n;
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var d = int.Parse(day.Trim(), CultureInfo.InvariantCulture);
        return m is >= 1 and <= 12 && y is >= 1900 and < 9000 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
    }

    private static string Day(int day, string like) =>
        like.Length == 2 && like[0] == ' ' ? day.ToString(CultureInfo.InvariantCulture).PadLeft(2) :
        like.Length == 2 ? day.ToString("00", CultureInfo.InvariantCulture) : day.ToString(CultureInfo.InvariantCulture);

    private static string ShiftRfc5322(Match m, int days)
    {
        if (DateOf(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is not { } date) return m.Value;
        var to = date.AddDays(days);
        var weekday = m.Groups["w"].Success ? to.DayOfWeek.ToString()[..3] + m.Groups["sep"].Value : "";
        return $"{weekday}{Day(to.Day, m.Groups["d"].Value)}{m.Groups["s1"].Value}{Months[to.Month - 1]}{m.Groups["s2"].Value}{to.Year}";
    }

    private static string ShiftCtime(Match m, int days)
    {
        if (DateOf(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is not { } date) return m.Value;
        var to = date.AddDays(days);
        return $"{to.DayOfWeek.ToString()[..3]} {Months[to.Month - 1]} {Day(to.Day, m.Groups["d"].Value)} {m.Groups["t"].Value} {to.Year}";
    }

    private static string ShiftIso(Match m, int days)
    {
        if (DateOf(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value) is not { } date) return m.Value;
        var to = date.AddDays(days);
        var sep = m.Groups["sep"].Value;
        return $"{to.Year}{sep}{to.Month:00}{sep}{to.Day:00}";
    }

    // ---- 4. message ids and queue ids ---------------------------------------------------------------------------

    private static Func<string, string>? IdRewrite(string text, int salt)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in MessageIdLocalPart().Matches(text)) ids.Add(m.Groups["id"].Value);
        foreach (Match m in QueueId().Matches(text))
        {
            var id = m.Groups["id"].Value.TrimEnd('.', '-', '_');
            if (id.Length >= 8 && id.Any(char.IsAsciiDigit)) ids.Add(id);
        }
        ids.RemoveWhere(id => id.Length < 8 || !id.Any(char.IsAsciiLetterOrDigit));
        if (ids.Count == 0) return null;
        var replacements = ids.OrderByDescending(i => i.Length).ToDictionary(i => i, i => ScrambleId(i, salt), StringComparer.Ordinal);
        var pattern = new Regex(@"(?<![A-Za-z0-9])(?:" + string.Join('|', replacements.Keys.Select(Regex.Escape)) + @")(?![A-Za-z0-9])",
            RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(TimeoutMs));
        return s => pattern.Replace(s, m => replacements[m.Value]);
    }

    /// <summary>The same shape (digits stay digits, hex stays hex, case and punctuation kept), other characters.</summary>
    private static string ScrambleId(string id, int salt)
    {
        var hex = id.All(c => char.IsAsciiHexDigit(c) || !char.IsAsciiLetterOrDigit(c));
        var sb = new StringBuilder(id.Length);
        var x = Hash(id, salt) | 1;
        foreach (var c in id)
        {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5;
            sb.Append(c switch
            {
                _ when char.IsAsciiDigit(c) => (char)('0' + x % 10),
                _ when hex && char.IsAsciiLetterUpper(c) => (char)('A' + x % 6),
                _ when hex && char.IsAsciiLetterLower(c) => (char)('a' + x % 6),
                _ when char.IsAsciiLetterUpper(c) => (char)('A' + x % 26),
                _ when char.IsAsciiLetterLower(c) => (char)('a' + x % 26),
                _ => c,
            });
        }
        return sb.ToString();
    }

    // ---- 5. the original message's subject ----------------------------------------------------------------------

    /// <summary>Subjects people write, some with words a notice also uses (a bounce quotes them as they are).</summary>
    private static readonly string[] NewSubjects =
    [
        "Quarterly figures (draft 3)", "Re: meeting on Thursday", "Your order 77120: delivery next week", "Invitation",
        "Fwd: returned goods", "RE: 550 euro invoice", "Out of the office party: who brings what?", "hello",
    ];

    private static Func<string, string>? SubjectRewrite(string text, IReadOnlyList<(int Start, int End)> protectedSpans, int salt)
    {
        var headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal) is var lf and >= 0 ? lf : text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0) return null;
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in SubjectHeader().Matches(text, headerEnd))
        {
            var value = m.Groups["s"].Value.TrimEnd('\r', ' ', '\t');
            var lineEnd = text.IndexOf('\n', m.Index + m.Length);
            var folded = lineEnd >= 0 && lineEnd + 1 < text.Length && text[lineEnd + 1] is ' ' or '\t';
            // A folded, encoded or very short subject cannot be replaced safely as text: no variant.
            if (folded || value.Contains("=?", StringComparison.Ordinal) || protectedSpans.Any(s => s.Start < m.Index + m.Length && s.End > m.Index)) return null;
            // A subject that is also an address or a code elsewhere in the notice is not only a subject: no variant.
            if (value.Contains('@', StringComparison.Ordinal)) return null;
            if (value.Length >= 4) subjects.Add(value);
        }
        if (subjects.Count == 0) return null;
        var replacement = NewSubjects[Hash(string.Join('|', subjects), salt) % (uint)NewSubjects.Length];
        var pattern = new Regex(@"(?<![A-Za-z0-9.@-])(?:" + string.Join('|', subjects.OrderByDescending(s => s.Length).Select(Regex.Escape)) + @")(?![A-Za-z0-9@-])",
            RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(TimeoutMs));
        return s => pattern.Replace(s, replacement);
    }

    // ---- patterns -----------------------------------------------------------------------------------------------

    [GeneratedRegex(@"boundary\s*=\s*""?(?<b>[^"";\r\n]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex BoundaryParameter();

    [GeneratedRegex(@"=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"^[A-Za-z0-9+/]{40,}={0,2}\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex Base64Line();

    [GeneratedRegex(@"\x1b\$[@B][^\x1b]*(?:\x1b\([BJ])?", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex Iso2022JpRun();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-]@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex AddressPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9.-])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?![A-Za-z0-9@_-]|\.[A-Za-z0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"(?<![0-9.])([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})(?![0-9]|\.[0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?:(?<w>Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?<sep>,? ?))?(?<![0-9])(?<d>[0-9]{1,2})(?<s1> |-)(?<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?<s2> |-)(?<y>(?:19|20)[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex Rfc5322Date();

    [GeneratedRegex(@"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<d>[ 0-9][0-9]) (?<t>[0-9]{2}:[0-9]{2}:[0-9]{2}) (?<y>(?:19|20)[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex CtimeDate();

    [GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)[0-9]{2})(?<sep>[-/])(?<m>[0-9]{2})\k<sep>(?<d>[0-9]{2})(?![0-9])", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?:Message-I[Dd]|Original-Message-I[Dd]|X-Original-Message-I[Dd]|In-Reply-To|References)\s*:\s*<(?<id>[^<>@\s]{8,})@", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex MessageIdLocalPart();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:id|queue[- ]?id)\s*[:=]?\s*<?(?<id>[A-Za-z0-9][A-Za-z0-9._-]{7,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex QueueId();

    [GeneratedRegex(@"^[ \t>]*Subject:[ \t]*(?<s>[^\r\n]*)", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex SubjectHeader();
}

/// <summary>
/// Domains of the large receiving and sending providers. A real bounce from (or about) them keeps their names, and a
/// decoder may rightly recognise them, so the variants leave them alone; everything else is a sample's own name.
/// </summary>
internal static class ProviderDomains
{
    private static readonly string[] Registrable =
    [
        "google.com", "gmail.com", "googlemail.com", "googlegroups.com", "yahoo.com", "yahoo.co.jp", "yahoodns.net", "ymail.com",
        "outlook.com", "hotmail.com", "live.com", "msn.com", "microsoft.com", "office365.com", "aol.com", "aim.com",
        "me.com", "icloud.com", "mac.com", "apple.com", "amazonses.com", "amazonaws.com", "awsapps.com", "mail.ru", "gmx.de",
        "gmx.net", "gmx.com", "web.de", "kundenserver.de", "1and1.com", "yandex.ru", "yandex.net", "docomo.ne.jp",
        "ezweb.ne.jp", "au.com", "kddi.com", "softbank.ne.jp", "biglobe.ne.jp", "orange.fr", "wanadoo.fr", "mimecast.com",
        "secureserver.net", "cox.net", "charter.net", "rr.com", "qq.com", "facebook.com", "messagelabs.com",
        "sendgrid.net", "zoho.com", "verizon.net", "vtext.com", "iua.hu", "spamhaus.org", "spamcop.net", "proofpoint.com",
        "pphosted.com", "barracudanetworks.com", "barracuda.com",
    ];

    public static bool IsProvider(string hostOrDomain) =>
        Registrable.Any(r => hostOrDomain.Equals(r, StringComparison.OrdinalIgnoreCase) || hostOrDomain.EndsWith("." + r, StringComparison.OrdinalIgnoreCase));
}

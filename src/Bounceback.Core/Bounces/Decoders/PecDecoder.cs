using System.Text.RegularExpressions;
using System.Xml;
using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Italian certified mail (PEC, Posta Elettronica Certificata): the sender's PEC provider reports each recipient's
/// outcome in a signed notice of its own, named by the header "X-Ricevuta" (the technical rules of DM 2 November 2005):
/// "errore-consegna" (not delivered: an unknown user, or no delivery receipt within 24 hours), "preavviso-errore-consegna"
/// (no receipt after 12 hours yet), "non-accettazione" (the sender's own provider refused the message) and
/// "avvenuta-consegna" (delivered). The facts are in its attached "daticert.xml": the recipient in &lt;consegna&gt; (else
/// &lt;destinatari&gt;), the kind of error in the "errore" attribute, and the provider's own status and words in
/// &lt;errore-esteso&gt; ("5.1.1 - Utente non riconosciuto"). Without the XML, the Italian text names the recipient after
/// "indirizzato a".
/// </summary>
public sealed partial class PecDecoder : IBounceDecoder
{
    /// <summary>The largest daticert.xml read: a real one is under 2 KB.</summary>
    private const int MaxXmlChars = 64 * 1024;

    public string Name => "pec";

    public bool Recognises(MimeMessage message) => Outcome(message) is not null;

    /// <summary>The notice's kind from its X-Ricevuta header: the action it reports, or null for a receipt that reports no
    /// delivery outcome (acceptance by the sender's own provider, "presa-in-carico" between providers).</summary>
    private static string? Outcome(MimeMessage message) => message.Headers["X-Ricevuta"]?.Trim().ToLowerInvariant() switch
    {
        "errore-consegna" or "non-accettazione" or "rilevazione-virus" => "failed",
        "preavviso-errore-consegna" => "delayed",
        "avvenuta-consegna" => "delivered",
        _ => null,
    };

    public DecodedBounce? Decode(MimeMessage message)
    {
        if (Outcome(message) is not { } action) return null;
        var notice = MessageParts.NoticeText(message);
        var facts = DatiCert(message);
        var addresses = facts?.Recipients is { Count: > 0 } listed ? listed : TextRecipients(notice);
        if (addresses.Count == 0) return null;
        var (status, words) = Detail(facts, action, notice);
        var recipients = addresses
            .Select(a => new RecipientFacts { Recipient = a, Action = action, Status = status, DiagnosticCode = words })
            .ToList();
        if (action == "delivered")
        {
            return new DecodedBounce
            {
                Kind = ReportKind.DeliveryReport,
                Recipients = recipients,
                ReportingMta = ReportingHost.Find(message, notice),
                OriginalSubject = facts?.Subject,
                NoticeText = MessageParts.NullIfEmpty(notice),
            };
        }
        var failure = MessageParts.Failure(message, recipients, notice);
        return failure is null ? null : failure with { OriginalSubject = failure.OriginalSubject ?? facts?.Subject, Sender = failure.Sender ?? facts?.Sender };
    }

    /// <summary>The status and words for every recipient of the notice: the provider's extended error first, then what the
    /// "errore" attribute or the notice's own text says.</summary>
    private static (string? Status, string? Words) Detail(PecFacts? facts, string action, string notice)
    {
        var extended = MessageParts.NullIfEmpty(facts?.ExtendedError?.Trim());
        string? status = null;
        if (extended is not null && LeadingStatus().Match(extended) is { Success: true } m) status = m.Groups["s"].Value;
        // The kind of error named by the attribute, worded as the reason rules read it.
        var kind = facts?.Error switch
        {
            "no-dest" => "user unknown",
            "no-dominio" => "domain not found",
            "virus" => "virus detected",
            _ => null,
        };
        // The notice of a message without a delivery receipt in time ("mancata consegna per superamento dei tempi massimi").
        var timedOut = notice.Contains("tempi massimi", StringComparison.OrdinalIgnoreCase) || (extended?.Contains("tempi massimi", StringComparison.OrdinalIgnoreCase) ?? false);
        status ??= timedOut && action == "failed" ? "5.4.7" : action == "delayed" ? "4.4.7" : null;
        var words = extended ?? kind ?? (timedOut ? "delivery time expired" : null);
        if (extended is not null && kind is not null && status is null) words = $"{extended} ({kind})";
        return (status, words);
    }

    /// <summary>Recipients named in the Italian notice: the addresses after "indirizzato a" (one quoted, or one per line).</summary>
    private static List<string> TextRecipients(string notice)
    {
        var found = new List<string>();
        var at = notice.IndexOf("indirizzato a", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return found;
        foreach (var line in MessageParts.Lines(notice[(at + "indirizzato a".Length)..], 40))
        {
            if (PlainTextReader.FirstAddress(line) is { } hit)
            {
                if (!found.Contains(hit.Address, StringComparer.OrdinalIgnoreCase)) found.Add(hit.Address);
            }
            else if (found.Count > 0 || line.Trim().Length > 2) break;
        }
        return found;
    }

    private sealed record PecFacts(List<string> Recipients, string? Error, string? ExtendedError, string? Subject, string? Sender);

    /// <summary>The facts of the attached daticert.xml, or null when there is none or it cannot be read.</summary>
    private static PecFacts? DatiCert(MimeMessage message)
    {
        foreach (var entity in MessageParts.Walk(message.Body, intoMessages: false))
        {
            if (entity is not MimePart part || part is TextPart { IsPlain: true } || part is TextPart { IsHtml: true }) continue;
            var name = part.FileName ?? part.ContentType.Name;
            if (!string.Equals(name, "daticert.xml", StringComparison.OrdinalIgnoreCase)) continue;
            try
            {
                return Read(part);
            }
            catch (XmlException)
            {
                return null;
            }
        }
        return null;
    }

    private static PecFacts? Read(MimePart part)
    {
        if (part.Content is null) return null;
        using var stream = part.Content.Open();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            MaxCharactersInDocument = MaxXmlChars,
            IgnoreComments = true,
            IgnoreWhitespace = true,
        };
        using var reader = XmlReader.Create(stream, settings);
        var delivered = new List<string>();
        var listed = new List<string>();
        string? error = null, extended = null, subject = null, sender = null;
        // (ReadElementContentAsString moves past the element's end, onto the next node: the loop reads on only after
        // other nodes, or a following element would be skipped.)
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.IsEmptyElement && reader.LocalName != "postacert")
            {
                reader.Read();
                continue;
            }
            switch (reader.LocalName)
            {
                case "consegna":
                    Add(delivered, reader.ReadElementContentAsString());
                    break;
                case "destinatari":
                    Add(listed, reader.ReadElementContentAsString());
                    break;
                case "errore-esteso":
                    extended = reader.ReadElementContentAsString();
                    break;
                case "oggetto":
                    subject = MessageParts.NullIfEmpty(reader.ReadElementContentAsString().Trim());
                    break;
                case "mittente":
                    sender = MessageParts.NullIfEmpty(MessageParts.CleanAddress(reader.ReadElementContentAsString()));
                    break;
                default:
                    if (reader.LocalName == "postacert") error = reader.GetAttribute("errore")?.Trim().ToLowerInvariant();
                    reader.Read();
                    break;
            }
        }
        return new PecFacts(delivered.Count > 0 ? delivered : listed, error, extended, subject, sender);
    }

    private static void Add(List<string> list, string value)
    {
        var address = MessageParts.CleanAddress(value);
        if (address.Contains('@') && list.Count < 1000 && !list.Contains(address, StringComparer.OrdinalIgnoreCase)) list.Add(address);
    }

    [GeneratedRegex(@"^(?<s>[245]\.\d{1,3}\.\d{1,3})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex LeadingStatus();
}

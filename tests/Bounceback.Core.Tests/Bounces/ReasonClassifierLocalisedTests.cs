using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Seventh pass: notices written in the sender's language (Exchange, Gmail) and mail about them.</summary>
public class ReasonClassifierLocalisedTests
{
    private static byte[] Message(string from, string subject, string body) => Encoding.UTF8.GetBytes(
        $"From: {from}\nTo: Marloes <marloes@example.nl>\nSubject: {subject}\nDate: Mon, 30 Nov 2026 14:03:27 +0100\n" +
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body);

    private const string ParcelReply = "Uw pakket kon niet worden bezorgd en is teruggestuurd.\n\nMet vriendelijke groet,\nDaan\nMail: service@shop.example\n";

    [Theory]
    [InlineData("Re: onbestelbaar pakket")]
    [InlineData("Onbestelbaar pakket")]
    [InlineData("AW: Unzustellbar: Sendung 00340434161094042557")]
    [InlineData("RE: Non remis : colis 4471")]
    [InlineData("Antw: Onbestelbaar: bestelling 2026-118734")]
    public void A_message_about_an_undeliverable_parcel_is_not_a_bounce(string subject)
    {
        var outcome = BounceFixtures.Parse(Message("Klantenservice <service@shop.example>", subject, ParcelReply));
        Assert.Equal(ParseOutcomeKind.NotBounce, outcome.Kind);
    }

    [Theory]
    [InlineData("Onbestelbaar: Planning week 49")]
    [InlineData("Unzustellbar: Angebot")]
    [InlineData("Non remis\u00a0: Devis")]
    [InlineData("No se puede entregar: Pedido")]
    [InlineData("Non recapitabile: Preventivo")]
    [InlineData("Não é possível entregar: Proposta")]
    public void Exchanges_localised_subject_prefix_still_marks_a_notice(string subject)
    {
        var outcome = BounceFixtures.Parse(Message("Beheer <beheer@corp.example>", subject,
            "ann@shop.example\n\nann@shop.example\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'\n"));
        Assert.Equal(ParseOutcomeKind.Bounce, outcome.Kind);
        Assert.Equal(BounceReason.UserUnknown, Assert.Single(outcome.Results).Reason);
    }

    private static byte[] GoogleNotice(string body, string subject = "Delivery Status Notification (Failure)") => Encoding.UTF8.GetBytes(
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: ria@example.nl\nX-Failed-Recipients: ann@shop.example\n" +
        $"Subject: {subject}\nDate: Thu, 16 Jan 2014 03:23:24 -0800\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + body);

    [Theory]
    [InlineData("Bezorging bij de volgende ontvanger is permanent mislukt:\n\n     ann@shop.example\n\nTechnische details van permanente fout:\nGoogle heeft geprobeerd uw bericht te bezorgen, maar het is geweigerd.\n\n550 5.1.1 <ann@shop.example>... User unknown\n")]
    [InlineData("Die Zustellung an folgenden Empfänger ist endgültig fehlgeschlagen:\n\n     ann@shop.example\n\nTechnische Details des permanenten Fehlers:\nGoogle hat versucht, Ihre Nachricht zuzustellen.\n\n550 5.1.1 <ann@shop.example>... User unknown\n")]
    public void Gmails_plain_notice_in_the_senders_language_is_read_as_gmail(string body)
    {
        var outcome = BounceFixtures.Parse(GoogleNotice(body));
        var result = Assert.Single(outcome.Results);
        Assert.Equal("gmail", result.Decoder);
        Assert.Equal(BounceReason.UserUnknown, result.Reason);
    }

    [Theory]
    [InlineData("DIES IST NUR EINE WARNMELDUNG.\nSIE MÜSSEN IHRE NACHRICHT NICHT ERNEUT SENDEN.")]
    [InlineData("DIT IS ALLEEN EEN WAARSCHUWING.\nU HOEFT UW BERICHT NIET OPNIEUW TE VERZENDEN.")]
    [InlineData("CECI EST UNIQUEMENT UN AVERTISSEMENT.\nVOUS N'AVEZ PAS BESOIN DE RENVOYER VOTRE MESSAGE.")]
    [InlineData("ESTO SOLO ES UNA ADVERTENCIA.\nNO ES NECESARIO VOLVER A ENVIAR EL MENSAJE.")]
    [InlineData("Questo messaggio non è ancora stato recapitato.")]
    [InlineData("Esta mensagem ainda não foi entregue.")]
    public void A_localised_warning_that_delivery_goes_on_gives_a_delayed_recipient(string warning)
    {
        var outcome = BounceFixtures.Parse(GoogleNotice($"{warning}\n\n     ann@shop.example\n\nDNS Error: Could not contact DNS servers\n", "Delivery Status Notification (Delay)"));
        var result = Assert.Single(outcome.Results);
        Assert.Equal("delayed", result.Action);
        Assert.Equal(BounceReason.NetworkError, result.Reason);
        Assert.False(result.HardBounce);
    }

    [Theory]
    [InlineData("----- Ursprüngliche Nachricht -----")]
    [InlineData("----- Oorspronkelijk bericht -----")]
    [InlineData("----- Message d'origine -----")]
    [InlineData("----- Mensaje original -----")]
    [InlineData("Ursprüngliche Nachrichtenkopfzeilen:")]
    [InlineData("Oorspronkelijke berichtkoppen:")]
    public void The_localised_start_of_the_returned_copy_ends_the_notice(string marker)
    {
        var outcome = BounceFixtures.Parse(GoogleNotice($"Delivery to the following recipient failed permanently:\n\n     ann@shop.example\n\nDNS Error: Could not contact DNS servers\n{marker}\nThread-Topic: Offerte\n"));
        var result = Assert.Single(outcome.Results);
        Assert.DoesNotContain("Offerte", result.DiagnosticCode, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sender Address:    ria@example.nl", "Recipient Address:    ann@shop.example")]
    [InlineData("Adres van afzender:    ria@example.nl", "Adres van ontvanger:    ann@shop.example")]
    [InlineData("Absenderadresse:    ria@example.nl", "Empfängeradresse:    ann@shop.example")]
    [InlineData("Dirección del remitente:    ria@example.nl", "Dirección del destinatario:    ann@shop.example")]
    [InlineData("Endereço do remetente:    ria@example.nl", "Endereço do destinatário:    ann@shop.example")]
    public void Microsoft_365_message_details_name_the_recipient_not_the_sender(string senderLine, string recipientLine)
    {
        var body = "Your message couldn't be delivered.\n\nStatus code: 550 5.1.10\n\n" + senderLine + "\n" + recipientLine +
            "\n\nReported error:    550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n";
        var outcome = BounceFixtures.Parse(Message("Microsoft Outlook <postmaster@example.nl>", "Undeliverable: Offerte", body));
        var result = Assert.Single(outcome.Results);
        Assert.Equal("ann@shop.example", result.Recipient);
        Assert.Equal(BounceReason.UserUnknown, result.Reason);
    }

    [Theory]
    [InlineData("Het postvak van de ontvanger is vol en kan op dit moment geen berichten ontvangen.")]
    [InlineData("Das Postfach des Empfängers ist voll und kann zurzeit keine Nachrichten annehmen.")]
    [InlineData("La boîte aux lettres du destinataire est pleine et ne peut pas accepter de messages pour le moment.")]
    [InlineData("El buzón del destinatario está lleno y no puede aceptar mensajes en este momento.")]
    [InlineData("La cassetta postale del destinatario è piena e al momento non può accettare messaggi.")]
    [InlineData("A caixa de correio do destinatário está cheia e não pode aceitar mensagens no momento.")]
    public void Exchanges_localised_sentence_for_a_full_mailbox_is_mailbox_full(string diagnostic)
    {
        var c = Classify(diagnostic);
        Assert.Equal(BounceReason.MailboxFull, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Theory]
    [InlineData("Het opgegeven e-mailadres is niet gevonden. Controleer het e-mailadres van de ontvanger.")]
    [InlineData("Die eingegebene E-Mail-Adresse konnte nicht gefunden werden.")]
    [InlineData("L'adresse de messagerie que vous avez entrée est introuvable.")]
    [InlineData("No se encontró la dirección de correo electrónico que escribió.")]
    [InlineData("L'indirizzo di posta elettronica immesso non è stato trovato.")]
    [InlineData("O endereço de email inserido não foi encontrado.")]
    [InlineData("Dit e-mailadres bestaat niet.")]
    public void Exchanges_localised_sentence_for_a_missing_address_is_user_unknown(string diagnostic)
    {
        var c = Classify(diagnostic);
        Assert.Equal(BounceReason.UserUnknown, c.Reason);
        Assert.True(c.HardBounce);
    }

    [Theory]
    [InlineData("Het domein is niet gevonden: example.nl")]
    [InlineData("Die Domain wurde nicht gefunden.")]
    [InlineData("Le domaine est introuvable.")]
    [InlineData("No se ha encontrado el dominio academia.example.")]
    [InlineData("Não foi possível encontrar o domínio do endereço de email.")]
    public void A_localised_sentence_that_the_domain_was_not_found_is_host_unknown(string diagnostic)
    {
        Assert.Equal(BounceReason.HostUnknown, Classify(diagnostic).Reason);
    }

    [Theory]
    [InlineData("Het adres van de afzender bestaat niet.")]
    [InlineData("Die Adresse des Absenders existiert nicht.")]
    public void A_localised_sentence_about_the_sender_is_no_missing_recipient(string diagnostic)
    {
        Assert.NotEqual(BounceReason.UserUnknown, Classify(diagnostic).Reason);
    }

    [Fact]
    public void Exchanges_remote_reply_decides_over_its_sentence_for_people()
    {
        var body = "Uw bericht kan niet worden bezorgd bij de volgende ontvangers of groepen:\n\nann@shop.example\nHet opgegeven e-mailadres is niet gevonden.\n\n" +
            "Diagnostische gegevens voor beheerders:\n\nann@shop.example\nExterne server heeft '550 5.2.1 Mailbox disabled for this recipient' geretourneerd\n";
        var outcome = BounceFixtures.Parse(Message("Microsoft Outlook <postmaster@example.nl>", "Onbestelbaar: Offerte", body));
        var result = Assert.Single(outcome.Results);
        Assert.Equal(BounceReason.Suspend, result.Reason);
        Assert.Equal("Externe server heeft '550 5.2.1 Mailbox disabled for this recipient' geretourneerd", result.DiagnosticCode);
    }
}

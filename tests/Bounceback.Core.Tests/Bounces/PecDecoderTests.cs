using System.Text;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Italian certified mail's notices: the attached daticert.xml is untrusted input like the rest.</summary>
public class PecDecoderTests
{
    private static byte[] Notice(string ricevuta, string? xml, string text = "ed indirizzato a \"mario.rossi@pec.example.it\"\nè stato rilevato un problema che ne impedisce la consegna.")
    {
        var sb = new StringBuilder();
        sb.Append("From: posta-certificata@pec.example.it\nTo: mittente@pec.example.com\nSubject: AVVISO DI MANCATA CONSEGNA: Fattura\n");
        sb.Append("X-Ricevuta: ").Append(ricevuta).Append('\n');
        sb.Append("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n");
        sb.Append("--b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nErrore nella consegna\n\n").Append(text).Append("\n\n");
        if (xml is not null)
        {
            sb.Append("--b1\nContent-Type: application/xml; name=daticert.xml\nContent-Disposition: inline; filename=daticert.xml\nContent-Transfer-Encoding: base64\n\n");
            sb.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(xml), Base64FormattingOptions.InsertLineBreaks)).Append("\n\n");
        }
        sb.Append("--b1--\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private const string DatiCert = """
        <?xml version="1.0" encoding="UTF-8"?>
        <postacert tipo="errore-consegna" errore="no-dest">
          <intestazione><mittente>mittente@pec.example.com</mittente><destinatari tipo="certificato">mario.rossi@pec.example.it</destinatari><oggetto>Fattura</oggetto></intestazione>
          <dati><consegna>mario.rossi@pec.example.it</consegna><errore-esteso>5.1.1 - Utente non riconosciuto</errore-esteso></dati>
        </postacert>
        """;

    [Fact]
    public void The_recipient_and_status_come_from_the_attached_daticert()
    {
        var result = Assert.Single(BounceFixtures.Parse(Notice("errore-consegna", DatiCert)).Results);
        Assert.Equal(("pec", "mario.rossi@pec.example.it", "5.1.1", BounceReason.UserUnknown, "failed"),
            (result.Decoder, result.Recipient, result.Status, result.Reason, result.Action));
    }

    [Fact]
    public void A_twelve_hour_warning_is_a_delay()
    {
        var result = Assert.Single(BounceFixtures.Parse(Notice("preavviso-errore-consegna", DatiCert.Replace("<errore-esteso>5.1.1 - Utente non riconosciuto</errore-esteso>", ""))).Results);
        Assert.Equal(("delayed", "4.4.7"), (result.Action, result.Status));
    }

    [Fact]
    public void An_acceptance_receipt_reports_nothing() =>
        Assert.Empty(BounceFixtures.Parse(Notice("accettazione", DatiCert.Replace("errore-consegna", "accettazione"))).Results);

    [Fact]
    public void A_broken_daticert_leaves_the_recipient_the_text_names()
    {
        var result = Assert.Single(BounceFixtures.Parse(Notice("errore-consegna", "<postacert><dati><consegna>broken")).Results);
        Assert.Equal(("pec", "mario.rossi@pec.example.it"), (result.Decoder, result.Recipient));
    }

    [Fact]
    public void Entities_of_a_document_type_are_not_expanded()
    {
        // A "billion laughs" document type and an external entity: ignored, never expanded or fetched.
        const string hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE postacert [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY x SYSTEM "file:///etc/passwd">
            ]>
            <postacert tipo="errore-consegna" errore="no-dest"><dati><consegna>mario.rossi@pec.example.it</consegna><errore-esteso>&c;&x;</errore-esteso></dati></postacert>
            """;
        var result = Assert.Single(BounceFixtures.Parse(Notice("errore-consegna", hostile)).Results);
        Assert.Equal("mario.rossi@pec.example.it", result.Recipient);
        Assert.DoesNotContain("root:", result.DiagnosticCode ?? "", StringComparison.Ordinal);
        Assert.True((result.DiagnosticCode ?? "").Length < 1000);
    }
}

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
}

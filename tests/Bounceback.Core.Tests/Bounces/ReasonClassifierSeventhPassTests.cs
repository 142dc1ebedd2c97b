using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Seventh pass: wording and layouts of real mail servers that the corpus does not have.</summary>
public class ReasonClassifierSeventhPassTests
{
    private static ParseOutcome ParseText(string message) => BounceFixtures.Parse(Encoding.UTF8.GetBytes(message.ReplaceLineEndings("\n")));

    [Theory]
    [InlineData("Permanent Delivery Failure")]
    [InlineData("Message Delivery Failure")]
    public void A_subject_with_delivery_failure_alone_is_not_domino(string subject)
    {
        var outcome = ParseText($"""
            From: postmaster@mail.example.org
            To: ann@example.org
            Subject: {subject}

            Delivery to the following recipient failed permanently:

                bob@example.com

            550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown
            """);
        var r = Assert.Single(outcome.Results);
        Assert.NotEqual("domino", r.Decoder);
        Assert.Equal(BounceReason.UserUnknown, r.Reason);
    }
}

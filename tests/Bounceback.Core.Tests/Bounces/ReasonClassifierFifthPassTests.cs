using Bounceback.Core.Bounces.Decoders;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;
using static Bounceback.Core.Tests.Bounces.ReasonCases;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Fifth pass: wording found by the generalisation fixtures of the families with few fixtures.</summary>
public class ReasonClassifierFifthPassTests
{

    [Theory]
    [InlineData("5.7.1 <ann@shop.example>... Relaying denied. Proper authentication required.")]
    [InlineData("554 5.7.1 <ann@shop.example>: Relay access denied; authentication required")]
    public void A_relay_refusal_that_asks_for_authentication_is_still_a_relay_refusal(string diagnostic)
    {
        var c = Classify(diagnostic);
        Assert.Equal(BounceReason.NoRelaying, c.Reason);
        Assert.False(c.HardBounce);
    }

    [Fact]
    public void Authentication_required_without_a_relay_refusal_stays_a_security_error()
    {
        Assert.Equal(BounceReason.SecurityError, Classify("530 5.7.0 Authentication required").Reason);
    }
}

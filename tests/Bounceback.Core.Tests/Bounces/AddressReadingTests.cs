using System.Text;
using Bounceback.Core.Bounces;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Recipient addresses are read whole and in one form, whatever their shape (found by GeneralisationTests).</summary>
public class AddressReadingTests
{
    private static ParseOutcome Parse(string message) => BounceFixtures.Parse(Encoding.UTF8.GetBytes(message));

    [Fact]
    public void An_address_followed_by_text_without_a_space_is_not_read_as_a_shorter_domain()
    {
        // A Chinese notice greets the sender as "addr您好，"; the greeting is no recipient, and never a cut-off address.
        var outcome = Parse(
            "From: Mail Delivery Subsystem <mailer-daemon@mx.relay.example>\n" +
            "To: ann@mail.shop.example\n" +
            "Subject: Delivery Status Notification (Failure)\n" +
            "X-Failed-Recipients: list@groups.example\n" +
            "Content-Type: text/plain; charset=UTF-8\n\n" +
            "ann@mail.shop.example您好，\n\n" +
            "我們謹此通知，您試圖聯絡的群組可能不存在。\n\n" +
            "The response was:\n\n" +
            "550 5.1.1 The group you tried to contact (list) may not exist.\n");
        Assert.Equal("list@groups.example", Assert.Single(outcome.Results).Recipient);
    }
}

using Bounceback.Core.Scanning;

namespace Bounceback.Core.Tests.Scanning;

public class ImapLocationTests
{
    [Fact]
    public void An_ipv6_host_is_connected_to_without_brackets_and_shown_with_them()
    {
        var location = ImapLocation.Parse("imaps://anna@[::1]:10993/Bounces");
        Assert.Equal("::1", location.Host);
        Assert.Equal("imaps://anna@[::1]:10993/Bounces", location.Display);
    }

    [Theory]
    [InlineData("imap://anna:s3cret@mail.example.test/INBOX", ImapFailure.PasswordInUrl)]
    [InlineData("imap://anna:s3cret@mail.example.test:99999/INBOX", ImapFailure.InvalidUrl)]
    [InlineData("imap:///INBOX", ImapFailure.InvalidUrl)]
    [InlineData("imap://mail.example.test/INBOX", ImapFailure.InvalidUrl)]
    public void A_bad_url_names_the_failure_and_never_repeats_the_password(string url, ImapFailure failure)
    {
        var e = Assert.Throws<ImapSourceException>(() => ImapLocation.Parse(url));
        Assert.Equal(failure, e.Failure);
        Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", e.Location, StringComparison.Ordinal);
    }
}

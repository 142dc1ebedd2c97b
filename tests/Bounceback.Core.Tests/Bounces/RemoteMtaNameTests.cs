using Bounceback.Core.Bounces.Rfc3464;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>
/// The Remote-MTA field's server name: Gmail's reports add the root dot and a comment naming the address and the
/// domain (fixture gmail/report-address-not-found); neither is part of the name.
/// </summary>
public class RemoteMtaNameTests
{
    [Theory]
    [InlineData("mx.example.org. (198.51.100.23, the server for the domain example.org.)", "mx.example.org")]
    [InlineData("gmail-smtp-in.l.google.com. (2001:db8::1b, the server for the domain gmail.com.)", "gmail-smtp-in.l.google.com")]
    [InlineData("mx.example.org.", "mx.example.org")]
    [InlineData("mx.example.org", "mx.example.org")]
    [InlineData("mx.example.org [192.0.2.7]", "mx.example.org [192.0.2.7]")]
    [InlineData("(only a comment)", "(only a comment)")]
    public void The_name_is_kept_without_its_comment_and_root_dot(string value, string name) =>
        Assert.Equal(name, DeliveryStatusReader.MtaName(value));
}

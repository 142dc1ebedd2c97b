using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bounceback.Core.Scanning;

namespace Bounceback.Core.Tests.Scanning;

/// <summary>
/// The decision on an IMAP server's certificate when the system does not trust it: a CA from --ca-file may vouch for
/// the chain, never for a wrong name, a missing certificate or an expired one.
/// </summary>
public sealed class ImapCertificateTests : IDisposable
{
    private readonly X509Certificate2 _ca = MakeCa("Bounceback test CA");
    private readonly X509Certificate2 _otherCa = MakeCa("Some other CA");
    private readonly X509Certificate2 _server;
    private readonly X509Certificate2 _expired;

    public ImapCertificateTests()
    {
        var now = DateTimeOffset.UtcNow;
        _server = MakeLeaf(_ca, "mail.example.org", now.AddDays(-1), now.AddDays(30));
        _expired = MakeLeaf(_ca, "mail.example.org", now.AddDays(-30), now.AddDays(-1));
    }

    [Fact]
    public void A_chain_the_system_does_not_trust_is_accepted_when_it_leads_to_a_ca_of_the_file()
    {
        Assert.True(Accept(_server, SslPolicyErrors.RemoteCertificateChainErrors, [_ca], out var refusal));
        Assert.Null(refusal);
    }

    [Fact]
    public void A_wrong_host_name_is_refused_even_with_the_ca_in_the_file()
    {
        Assert.False(Accept(_server, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, [_ca], out var refusal));
        Assert.Contains("RemoteCertificateNameMismatch", refusal, StringComparison.Ordinal);
        Assert.Contains("CN=mail.example.org", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_host_name_alone_is_refused()
    {
        Assert.False(Accept(_server, SslPolicyErrors.RemoteCertificateNameMismatch, [_ca], out var refusal));
        Assert.Contains("RemoteCertificateNameMismatch", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ca_that_did_not_sign_the_certificate_does_not_make_it_trusted()
    {
        Assert.False(Accept(_server, SslPolicyErrors.RemoteCertificateChainErrors, [_otherCa], out var refusal));
        Assert.Contains("issuer=CN=Bounceback test CA", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_ca_file_an_untrusted_chain_is_refused()
    {
        Assert.False(Accept(_server, SslPolicyErrors.RemoteCertificateChainErrors, [], out var refusal));
        Assert.Contains("RemoteCertificateChainErrors", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_is_refused_even_when_its_ca_is_in_the_file()
    {
        Assert.False(Accept(_expired, SslPolicyErrors.RemoteCertificateChainErrors, [_ca], out var refusal));
        Assert.Contains("NotTimeValid", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_shows_no_certificate_is_refused()
    {
        Assert.False(ImapSource.AcceptCertificate(null, null, SslPolicyErrors.RemoteCertificateNotAvailable, [_ca], checkRevocation: false, out var refusal));
        Assert.Equal("RemoteCertificateNotAvailable", refusal);
    }

    [Fact]
    public void A_certificate_the_system_trusts_is_accepted_without_a_file() =>
        Assert.True(Accept(_server, SslPolicyErrors.None, [], out _));

    private static bool Accept(X509Certificate2 certificate, SslPolicyErrors errors, X509Certificate2[] trusted, out string? refusal) =>
        ImapSource.AcceptCertificate(certificate, null, errors, [.. trusted], checkRevocation: false, out refusal);

    private static X509Certificate2 MakeCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-60), DateTimeOffset.UtcNow.AddDays(60));
    }

    private static X509Certificate2 MakeLeaf(X509Certificate2 ca, string host, DateTimeOffset from, DateTimeOffset until)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        return request.Create(ca, from, until, serial);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
        _server.Dispose();
        _expired.Dispose();
    }
}

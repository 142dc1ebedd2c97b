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

    /// <summary>The certificates the refusal cases show, by name (a theory's data must be constant).</summary>
    public enum Shown { Server, Expired }

    /// <summary>The --ca-file contents of the refusal cases.</summary>
    public enum CaFile { None, SigningCa, OtherCa }

    [Theory]
    [InlineData("a wrong host name, even with the CA in the file", Shown.Server, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, CaFile.SigningCa, "RemoteCertificateNameMismatch")]
    [InlineData("a wrong host name alone", Shown.Server, SslPolicyErrors.RemoteCertificateNameMismatch, CaFile.SigningCa, "RemoteCertificateNameMismatch")]
    [InlineData("a CA that did not sign the certificate", Shown.Server, SslPolicyErrors.RemoteCertificateChainErrors, CaFile.OtherCa, "issuer=CN=Bounceback test CA")]
    [InlineData("an untrusted chain without a CA file", Shown.Server, SslPolicyErrors.RemoteCertificateChainErrors, CaFile.None, "RemoteCertificateChainErrors")]
    [InlineData("an expired certificate, even with its CA in the file", Shown.Expired, SslPolicyErrors.RemoteCertificateChainErrors, CaFile.SigningCa, "NotTimeValid")]
    public void A_certificate_is_refused_with_the_reason(string situation, Shown shown, SslPolicyErrors errors, CaFile caFile, string reason)
    {
        var certificate = shown == Shown.Expired ? _expired : _server;
        X509Certificate2[] trusted = caFile switch { CaFile.SigningCa => [_ca], CaFile.OtherCa => [_otherCa], _ => [] };

        Assert.False(Accept(certificate, errors, trusted, out var refusal), situation);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
        Assert.Contains("subject=CN=mail.example.org", refusal, StringComparison.Ordinal);
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

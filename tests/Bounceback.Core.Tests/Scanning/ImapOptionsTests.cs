using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bounceback.Core.Scanning;

namespace Bounceback.Core.Tests.Scanning;

public sealed class ImapOptionsTests
{
    private static string CaPem(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }

    [Fact]
    public void Without_a_ca_file_no_extra_authority_is_trusted()
    {
        Assert.Empty(new ImapOptions(null, null).LoadTrustedCertificates());
    }

    [Fact]
    public void Every_certificate_of_a_pem_bundle_is_read()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, CaPem("First CA") + "\n" + CaPem("Second CA") + "\n");

            var loaded = new ImapOptions(null, null) { TrustedCaFile = file }.LoadTrustedCertificates();

            Assert.Equal(["CN=First CA", "CN=Second CA"], loaded.Select(c => c.Subject).ToArray());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("garbage")]
    public void A_ca_file_that_gives_no_certificate_is_a_trusted_ca_file_failure(string kind)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bounceback-ca-{Guid.NewGuid():N}.pem");
        if (kind == "empty") File.WriteAllText(file, "");
        if (kind == "garbage") File.WriteAllText(file, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        try
        {
            var failure = Assert.Throws<ImapSourceException>(() => new ImapOptions(null, null) { TrustedCaFile = file }.LoadTrustedCertificates());

            Assert.Equal(ImapFailure.TrustedCaFile, failure.Failure);
            Assert.Equal(file, failure.Location);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using MimeKit;

namespace Bounceback.Cli.Tests;

/// <summary>
/// IMAP over TLS against the test Dovecot: imaps:// (TLS from the start) and imap:// (STARTTLS, which the server
/// offers), with the server's certificate checked. Its CA is trusted only when given with --ca-file.
/// </summary>
[Collection(nameof(ImapPasswordVariable))]
public sealed class ScanImapTlsTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private static string Fixtures => Path.Combine(AppContext.BaseDirectory, "fixtures");

    private static async Task<(DovecotServer Server, string Folder)> FolderWithFixturesAsync(string family)
    {
        var server = DovecotServer.Require();
        var messages = Directory.GetFiles(Path.Combine(Fixtures, family), "*.eml").Order(StringComparer.Ordinal).Select(f => (MimeMessage.Load(f), Day));
        return (server, await server.CreateFolderAsync(messages));
    }

    private static List<string> Content(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
        {
            var record = JsonNode.Parse(l)!.AsObject();
            record.Remove("source");
            return record.ToJsonString();
        }).ToList();

    [ImapFact]
    public async Task Imaps_reads_the_folder_when_the_servers_ca_is_given()
    {
        var (server, folder) = await FolderWithFixturesAsync("postfix");
        var (_, expected, _) = await ImapPasswordVariable.RunAsync(null, ["parse", "--jsonl", "--lang", "en", Path.Combine(Fixtures, "postfix")]);

        var (code, output, error) = await ImapPasswordVariable.RunAsync(server.Password, ["parse", "--jsonl", "--lang", "en", "--ca-file", server.CaFile, server.ImapsUrl(folder)]);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.NotEmpty(Content(expected));
        Assert.Equal(Content(expected).Select(StripIndex), Content(output).Select(StripIndex));
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Equal(server.ImapsUrl(folder), (string?)JsonNode.Parse(l)!["source"]));
    }

    private static string StripIndex(string record)
    {
        var node = JsonNode.Parse(record)!.AsObject();
        node.Remove("messageIndex");
        return node.ToJsonString();
    }

    [ImapFact]
    public async Task Imap_upgrades_with_starttls_so_the_password_never_crosses_the_wire_in_clear()
    {
        var (server, folder) = await FolderWithFixturesAsync("exim");
        var (_, direct, _) = await ImapPasswordVariable.RunAsync(server.Password, ["parse", "--jsonl", "--ca-file", server.CaFile, server.Url(folder)]);
        await using var proxy = new CuttingProxy(server.Host, server.Port);

        var (code, output, error) = await ImapPasswordVariable.RunAsync(server.Password, ["parse", "--jsonl", "--ca-file", server.CaFile, server.Url(folder, proxy.Port)]);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.NotEmpty(Content(direct));
        Assert.Equal(Content(direct), Content(output));
        var clear = proxy.SentByClient;
        Assert.Contains("STARTTLS", clear, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, clear, StringComparison.Ordinal);
        Assert.DoesNotContain(server.User, clear, StringComparison.Ordinal);
        Assert.DoesNotContain("EXAMINE", clear, StringComparison.Ordinal);
    }

    [ImapFact]
    public async Task A_certificate_the_machine_does_not_trust_is_refused_on_both_kinds_of_url()
    {
        var (server, folder) = await FolderWithFixturesAsync("qmail");
        foreach (var url in new[] { server.ImapsUrl(folder), server.Url(folder) })
        {
            var (code, output, error) = await ImapPasswordVariable.RunAsync(server.Password, ["parse", "--jsonl", "--lang", "en", url]);

            Assert.Equal(ExitCodes.SourceFailed, code);
            Assert.Equal("", output);
            Assert.Contains($"The server {url} showed a TLS certificate this computer does not trust", error, StringComparison.Ordinal);
            Assert.Contains("--ca-file", error, StringComparison.Ordinal);
            Assert.Contains("CN=localhost", error, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Password, error, StringComparison.Ordinal);
        }

        var (nlCode, _, nlError) = await ImapPasswordVariable.RunAsync(server.Password, ["parse", "--lang", "nl", server.ImapsUrl(folder)]);
        Assert.Equal(ExitCodes.SourceFailed, nlCode);
        Assert.Contains("niet vertrouwt", nlError, StringComparison.Ordinal);
    }

    [ImapFact]
    public async Task The_ca_of_another_authority_does_not_make_the_server_trusted()
    {
        var (server, folder) = await FolderWithFixturesAsync("qmail");
        var otherCa = Path.Combine(Path.GetTempPath(), $"bounceback-other-ca-{Guid.NewGuid():N}.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=Some other CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
            using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(otherCa, ca.ExportCertificatePem());
        }
        try
        {
            var (code, output, error) = await ImapPasswordVariable.RunAsync(server.Password, ["parse", "--jsonl", "--lang", "en", "--ca-file", otherCa, server.ImapsUrl(folder)]);

            Assert.Equal(ExitCodes.SourceFailed, code);
            Assert.Equal("", output);
            Assert.Contains("does not trust", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(otherCa);
        }
    }

    [Fact]
    public async Task A_ca_file_without_certificates_is_a_usage_error_before_anything_is_read()
    {
        var notPem = Path.Combine(Fixtures, "rfc3464", "two-recipients.eml");

        var (code, output, error) = await ImapPasswordVariable.RunAsync("x", ["parse", "--jsonl", "--lang", "en", "--ca-file", notPem, "imaps://anna@127.0.0.1:1/INBOX"]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Contains($"Cannot use {notPem} as a file of trusted certificates", error, StringComparison.Ordinal);
    }
}

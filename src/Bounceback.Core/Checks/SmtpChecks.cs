using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Bounceback.Core.Checks;

/// <summary>
/// Probes one port of a mail server: connect (reachable, refused or silent), greeting, EHLO capabilities, STARTTLS or
/// implicit TLS with the certificate, AUTH mechanisms and timings. Raw sockets rather than MailKit, because the
/// check must show the greeting, the distinct failure of each step and its timing.
/// </summary>
internal sealed class SmtpChecks
{
    private static readonly string[] SubmissionPorts = ["465", "587"];
    private readonly CheckOptions _options;
    private readonly DnsLookup _dns;
    private readonly CheckTexts _t;

    public SmtpChecks(CheckOptions options, DnsLookup dns, CheckTexts texts)
    {
        _options = options;
        _dns = dns;
        _t = texts;
    }

    /// <summary>Results smtp:&lt;port&gt;, starttls:&lt;port&gt;, certificate:&lt;port&gt; for one host and port.</summary>
    public async Task<IReadOnlyList<CheckResult>> ProbeAsync(string host, int port, CancellationToken ct)
    {
        var p = port.ToString(CultureInfo.InvariantCulture);
        var (smtpId, tlsId, certId) = ("smtp:" + p, "starttls:" + p, "certificate:" + p);
        var d = new Dictionary<string, string> { ["host"] = host, ["port"] = p };
        var implicitTls = _options.ImplicitTlsPorts.Contains(port);

        IPAddress? address;
        if (!IPAddress.TryParse(host, out address))
        {
            var a = await _dns.AddressesAsync(host, ct).ConfigureAwait(false);
            address = a.Records.FirstOrDefault();
            if (address is null)
            {
                var e = DnsChecks.With(d, "error", a.Error ?? a.Outcome.ToString());
                return [_t.Make(smtpId, CheckStatus.Error, "no-address", e), _t.Make(tlsId, CheckStatus.Error, "no-connection", d), _t.Make(certId, CheckStatus.Error, "no-tls", d)];
            }
        }
        d["address"] = address.ToString();

        var clock = Stopwatch.StartNew();
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using (var connectTimeout = Step(ct))
        {
            try
            {
                await socket.ConnectAsync(address, port, connectTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return NotConnected("silent", d);
            }
            catch (SocketException ex)
            {
                return NotConnected(ex.SocketErrorCode == SocketError.ConnectionRefused ? "refused" : "unreachable", DnsChecks.With(d, "error", ex.SocketErrorCode.ToString()));
            }
        }
        d["connectMs"] = Ms(clock);

        Stream stream = new NetworkStream(socket, ownsSocket: false);
        var tls = new TlsFacts();
        string? tlsError = null;
        try
        {
            if (implicitTls)
            {
                clock.Restart();
                var (ssl, error) = await HandshakeAsync(stream, host, tls, ct).ConfigureAwait(false);
                if (ssl is null)
                {
                    d["error"] = error ?? "";
                    return [_t.Make(smtpId, CheckStatus.Fail, "tls-failed", d), _t.Make(tlsId, CheckStatus.Fail, "failed", d), _t.Make(certId, CheckStatus.Error, "no-tls", d)];
                }
                stream = ssl;
                d["tlsMs"] = Ms(clock);
            }

            var reader = new SmtpReplyReader(stream);
            clock.Restart();
            var greeting = await ReplyAsync(reader, ct).ConfigureAwait(false);
            if (greeting is null) return [_t.Make(smtpId, CheckStatus.Fail, "no-greeting", d), _t.Make(tlsId, CheckStatus.Error, "no-connection", d), _t.Make(certId, CheckStatus.Error, "no-tls", d)];
            d["greetingMs"] = Ms(clock);
            d["greeting"] = greeting.Code.ToString(CultureInfo.InvariantCulture) + " " + greeting.Text;
            if (greeting.Code != 220)
            {
                return [_t.Make(smtpId, CheckStatus.Fail, "rejected", d), _t.Make(tlsId, CheckStatus.Error, "no-connection", d), _t.Make(certId, CheckStatus.Error, "no-tls", d)];
            }

            var helo = _options.HeloName ?? AddressLiteral(socket.LocalEndPoint);
            clock.Restart();
            var ehlo = await CommandAsync(stream, reader, "EHLO " + helo, ct).ConfigureAwait(false);
            d["ehloMs"] = Ms(clock);
            var capabilities = ehlo is { Code: 250 } ? ehlo.Lines.Skip(1).ToList() : [];
            var ehloOk = ehlo is { Code: 250 };
            if (!ehloOk)
            {
                d["ehlo"] = ehlo is null ? "-" : ehlo.Code.ToString(CultureInfo.InvariantCulture) + " " + ehlo.Text;
                var heloReply = await CommandAsync(stream, reader, "HELO " + helo, ct).ConfigureAwait(false);
                if (heloReply is not { Code: 250 })
                {
                    return [_t.Make(smtpId, CheckStatus.Fail, "no-helo", d), _t.Make(tlsId, CheckStatus.Error, "no-connection", d), _t.Make(certId, CheckStatus.Error, "no-tls", d)];
                }
            }
            d["capabilities"] = capabilities.Count == 0 ? "-" : string.Join(", ", capabilities.Take(30));

            var starttls = implicitTls ? null as bool? : capabilities.Any(c => c.Equals("STARTTLS", StringComparison.OrdinalIgnoreCase));
            if (starttls == true)
            {
                clock.Restart();
                var go = await CommandAsync(stream, reader, "STARTTLS", ct).ConfigureAwait(false);
                if (go is { Code: 220 })
                {
                    var (ssl, error) = await HandshakeAsync(stream, host, tls, ct).ConfigureAwait(false);
                    if (ssl is null) tlsError = error;
                    else
                    {
                        stream = ssl;
                        d["tlsMs"] = Ms(clock);
                        reader = new SmtpReplyReader(stream);
                        var again = await CommandAsync(stream, reader, "EHLO " + helo, ct).ConfigureAwait(false);
                        if (again is { Code: 250 }) capabilities = again.Lines.Skip(1).ToList();
                    }
                }
                else tlsError = go is null ? "no reply" : go.Code.ToString(CultureInfo.InvariantCulture) + " " + go.Text;
            }
            var auth = capabilities.FirstOrDefault(c => c.StartsWith("AUTH ", StringComparison.OrdinalIgnoreCase) || c.StartsWith("AUTH=", StringComparison.OrdinalIgnoreCase));
            d["auth"] = auth is null ? "-" : auth[5..].Trim();
            if (tlsError is null && (tls.Established || starttls != true))
            {
                try
                {
                    using var quit = Step(ct);
                    await WriteAsync(stream, "QUIT", quit.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
                {
                    // The server may close first; QUIT is a courtesy.
                }
            }

            var smtp = !ehloOk ? _t.Make(smtpId, CheckStatus.Warn, "no-ehlo", d)
                : SubmissionPorts.Contains(p) && auth is null && tls.Established ? _t.Make(smtpId, CheckStatus.Warn, "no-auth", d)
                : _t.Make(smtpId, CheckStatus.Pass, "ok", d);
            var td = new Dictionary<string, string>(d);
            if (tls.Protocol is not null) td["protocol"] = tls.Protocol;
            if (tls.Cipher is not null) td["cipher"] = tls.Cipher;
            CheckResult starttlsResult = implicitTls ? _t.Make(tlsId, CheckStatus.Pass, "implicit", td)
                : starttls == false ? _t.Make(tlsId, port == 25 ? CheckStatus.Warn : CheckStatus.Fail, "not-offered", td)
                : tlsError is not null ? _t.Make(tlsId, CheckStatus.Fail, "failed", DnsChecks.With(td, "error", tlsError))
                : _t.Make(tlsId, CheckStatus.Pass, "ok", td);
            return [smtp, starttlsResult, Certificate(certId, host, tls, d)];
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or EndOfStreamException or ObjectDisposedException)
        {
            d["error"] = ex.Message;
            return [_t.Make(smtpId, CheckStatus.Fail, "broken", d), _t.Make(tlsId, CheckStatus.Error, "no-connection", d), _t.Make(certId, CheckStatus.Error, tls.Certificate is null ? "no-tls" : "no-connection", d)];
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IReadOnlyList<CheckResult> NotConnected(string outcome, Dictionary<string, string> d)
    {
        var p = d["port"];
        return [_t.Make("smtp:" + p, CheckStatus.Fail, outcome, d), _t.Make("starttls:" + p, CheckStatus.Error, "no-connection", d), _t.Make("certificate:" + p, CheckStatus.Error, "no-tls", d)];
    }

    private CheckResult Certificate(string id, string host, TlsFacts tls, Dictionary<string, string> baseDetails)
    {
        var cert = tls.Certificate;
        if (cert is null) return _t.Make(id, CheckStatus.Error, "no-tls", baseDetails);
        var now = _options.Clock.GetUtcNow();
        var notAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(cert.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var days = (int)Math.Floor((notAfter - now).TotalDays);
        var d = new Dictionary<string, string>(baseDetails)
        {
            ["subject"] = cert.Subject,
            ["issuer"] = cert.Issuer,
            ["notAfter"] = notAfter.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
            ["daysLeft"] = days.ToString(CultureInfo.InvariantCulture),
            ["names"] = string.Join(", ", DnsNames(cert)),
        };
        if (notAfter < now) return _t.Make(id, CheckStatus.Fail, "expired", d);
        if (notBefore > now) return _t.Make(id, CheckStatus.Fail, "not-yet-valid", d);
        var chainProblems = tls.ChainStatus & ~X509ChainStatusFlags.NotTimeValid;
        if ((tls.PolicyErrors & SslPolicyErrors.RemoteCertificateChainErrors) != 0 && chainProblems != X509ChainStatusFlags.NoError)
        {
            d["chain"] = chainProblems.ToString();
            return _t.Make(id, CheckStatus.Fail, "untrusted", d);
        }
        if ((tls.PolicyErrors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return _t.Make(id, CheckStatus.Fail, "name-mismatch", d);
        if (days < 21) return _t.Make(id, CheckStatus.Warn, "expiring", d);
        return _t.Make(id, CheckStatus.Pass, "valid", d);
    }

    private static IEnumerable<string> DnsNames(X509Certificate2 cert)
    {
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var names = san is null ? [] : san.EnumerateDnsNames().Take(20).ToList();
        if (names.Count == 0) names.Add(cert.GetNameInfo(X509NameType.DnsName, false));
        return names;
    }

    private async Task<(SslStream? Stream, string? Error)> HandshakeAsync(Stream inner, string host, TlsFacts facts, CancellationToken ct)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: true);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (certificate is not null) facts.Certificate = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                facts.PolicyErrors = errors;
                facts.ChainStatus = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (f, s) => f | s.Status) ?? X509ChainStatusFlags.NoError;
                return true;
            },
        };
        using var timeout = Step(ct);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
            facts.Established = true;
            facts.Protocol = ssl.SslProtocol.ToString();
            facts.Cipher = ssl.NegotiatedCipherSuite.ToString();
            return (ssl, null);
        }
        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            return (null, ex is OperationCanceledException ? "timeout" : ex.Message);
        }
    }

    private async Task<SmtpReply?> CommandAsync(Stream stream, SmtpReplyReader reader, string command, CancellationToken ct)
    {
        using (var timeout = Step(ct))
        {
            try
            {
                await WriteAsync(stream, command, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return null;
            }
        }
        return await ReplyAsync(reader, ct).ConfigureAwait(false);
    }

    /// <summary>The next reply, or null when none came within the step's time.</summary>
    private async Task<SmtpReply?> ReplyAsync(SmtpReplyReader reader, CancellationToken ct)
    {
        using var timeout = Step(ct);
        try
        {
            return await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task WriteAsync(Stream stream, string command, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private CancellationTokenSource Step(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(_options.OperationTimeout);
        return cts;
    }

    private static string Ms(Stopwatch sw) => sw.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture);

    private static string AddressLiteral(EndPoint? local) => local is IPEndPoint ip
        ? ip.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[IPv6:{ip.Address}]" : $"[{ip.Address}]"
        : "[127.0.0.1]";

    private sealed class TlsFacts
    {
        public X509Certificate2? Certificate { get; set; }
        public SslPolicyErrors PolicyErrors { get; set; }
        public X509ChainStatusFlags ChainStatus { get; set; }
        public bool Established { get; set; }
        public string? Protocol { get; set; }
        public string? Cipher { get; set; }
    }
}

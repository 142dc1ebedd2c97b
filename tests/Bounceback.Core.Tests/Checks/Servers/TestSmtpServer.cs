using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Bounceback.Tests.Servers;

/// <summary>How a <see cref="TestSmtpServer"/> behaves.</summary>
public enum SmtpServerMode
{
    /// <summary>Plain SMTP without STARTTLS.</summary>
    Plain,
    /// <summary>SMTP offering STARTTLS with the given certificate.</summary>
    StartTls,
    /// <summary>TLS from the first byte (like port 465), then SMTP.</summary>
    ImplicitTls,
    /// <summary>Accepts the connection and never says anything.</summary>
    Silent,
    /// <summary>Greets with 554 and closes.</summary>
    Rejecting,
}

/// <summary>An in-process SMTP listener on 127.0.0.1 that speaks just enough SMTP for the checks.</summary>
public sealed class TestSmtpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServerMode _mode;
    private readonly X509Certificate2? _certificate;

    public TestSmtpServer(SmtpServerMode mode, X509Certificate2? certificate = null)
    {
        _mode = mode;
        _certificate = certificate;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>A port on 127.0.0.1 where nothing listens (bound, then released).</summary>
    public static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>A self-signed certificate for "localhost", valid between the two dates.</summary>
    public static X509Certificate2 Certificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            Stream stream = client.GetStream();
            if (_mode == SmtpServerMode.Silent)
            {
                await Task.Delay(Timeout.Infinite, _stop.Token);
                return;
            }
            if (_mode == SmtpServerMode.ImplicitTls)
            {
                var ssl = new SslStream(stream);
                await ssl.AuthenticateAsServerAsync(_certificate!);
                stream = ssl;
            }
            if (_mode == SmtpServerMode.Rejecting)
            {
                await WriteAsync(stream, "554 5.7.1 test.local no service for you");
                return;
            }
            await WriteAsync(stream, "220 test.local ESMTP test server ready");
            var tls = _mode == SmtpServerMode.ImplicitTls;
            while (!_stop.IsCancellationRequested)
            {
                var line = await ReadLineAsync(stream);
                if (line is null) return;
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        var offer = _mode == SmtpServerMode.StartTls && !tls ? "250-STARTTLS\r\n" : "";
                        var auth = tls ? "250 AUTH PLAIN LOGIN" : "250 8BITMIME";
                        await WriteAsync(stream, "250-test.local greets you\r\n250-SIZE 10240000\r\n" + offer + auth);
                        break;
                    case "HELO":
                        await WriteAsync(stream, "250 test.local");
                        break;
                    case "STARTTLS" when _mode == SmtpServerMode.StartTls && !tls:
                        await WriteAsync(stream, "220 2.0.0 go ahead");
                        var ssl = new SslStream(stream);
                        await ssl.AuthenticateAsServerAsync(_certificate!);
                        stream = ssl;
                        tls = true;
                        break;
                    case "QUIT":
                        await WriteAsync(stream, "221 2.0.0 bye");
                        return;
                    default:
                        await WriteAsync(stream, "502 5.5.2 not implemented");
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException or SocketException)
        {
        }
    }

    private static async Task WriteAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text + "\r\n"));
        await stream.FlushAsync();
    }

    private static async Task<string?> ReadLineAsync(Stream stream)
    {
        var sb = new StringBuilder();
        var one = new byte[1];
        while (sb.Length < 1000)
        {
            if (await stream.ReadAsync(one) == 0) return null;
            if (one[0] == '\n') return sb.ToString().TrimEnd('\r');
            sb.Append((char)one[0]);
        }
        return null;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }
}

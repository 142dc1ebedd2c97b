using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Bounceback.Cli.Tests;

/// <summary>
/// The private Dovecot that scripts/services/dovecot.sh starts: its address and test user, read from
/// $BOUNCEBACK_TEST_STATE/dovecot/env (default: .tmp/test-state below the repository root).
/// </summary>
internal sealed record DovecotServer(string Host, int Port, string User, string Password)
{
    public static string EnvFile
    {
        get
        {
            var state = Environment.GetEnvironmentVariable("BOUNCEBACK_TEST_STATE");
            if (string.IsNullOrEmpty(state)) state = Path.Combine(RepoRoot(), ".tmp", "test-state");
            return Path.Combine(state, "dovecot", "env");
        }
    }

    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>The running server, or null when scripts/services/dovecot.sh has not started one.</summary>
    public static DovecotServer? Find()
    {
        if (!File.Exists(EnvFile)) return null;
        var values = File.ReadAllLines(EnvFile).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!values.TryGetValue("DOVECOT_PORT", out var port)) return null;
        var server = new DovecotServer(values.GetValueOrDefault("DOVECOT_HOST", "127.0.0.1"), int.Parse(port, System.Globalization.CultureInfo.InvariantCulture),
            values.GetValueOrDefault("DOVECOT_USER", ""), values.GetValueOrDefault("DOVECOT_PASSWORD", ""));
        try
        {
            using var probe = new TcpClient();
            probe.Connect(server.Host, server.Port);
            return server;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>The server, or a failure that says how to start it (in CI the IMAP tests must not skip).</summary>
    public static DovecotServer Require() =>
        Find() ?? throw new InvalidOperationException($"No Dovecot at {EnvFile}: run `bash scripts/services/dovecot.sh start` (scripts/test.sh does).");

    public string Url(string folder, int? port = null) =>
        $"imap://{User}@{Host}:{(port ?? Port).ToString(System.Globalization.CultureInfo.InvariantCulture)}/{folder}";

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    /// <summary>Creates a fresh folder (a unique name per test) and appends the messages with the given internal dates, unread.</summary>
    public async Task<string> CreateFolderAsync(IEnumerable<(MimeMessage Message, DateTimeOffset Received)> messages, params string[] extraFolders)
    {
        var name = "T" + Guid.NewGuid().ToString("N")[..12];
        using var client = await ConnectAsync();
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var folder = await root.CreateAsync(name, isMessageFolder: true) ?? throw new InvalidOperationException("CREATE gave no folder");
        foreach (var extra in extraFolders) await root.CreateAsync(name + extra, isMessageFolder: true);
        foreach (var (message, received) in messages)
        {
            await folder.AppendAsync(new AppendRequest(message, MessageFlags.None, received));
        }
        await client.DisconnectAsync(true);
        return name;
    }

    /// <summary>The Message-Ids and flags of a folder's messages, in UID order.</summary>
    public async Task<IReadOnlyList<(string MessageId, MessageFlags Flags)>> ListAsync(string folderName)
    {
        using var client = await ConnectAsync();
        var folder = await client.GetFolderAsync(folderName);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var summaries = folder.Count == 0 ? [] : await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags);
        await client.DisconnectAsync(true);
        return summaries.OrderBy(s => s.UniqueId.Id).Select(s => (s.Envelope?.MessageId ?? "", s.Flags ?? MessageFlags.None)).ToList();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bounceback.slnx"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }
}

/// <summary>An IMAP test: skipped with a clear message when no Dovecot runs, unless CI is set (then it fails instead).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ImapFactAttribute : FactAttribute
{
    public ImapFactAttribute()
    {
        if (!DovecotServer.InCi && DovecotServer.Find() is null)
            Skip = $"No Dovecot running ({DovecotServer.EnvFile} missing): `bash scripts/services/dovecot.sh start` starts one; IMAP test skipped.";
    }
}

/// <summary>
/// A TCP proxy in front of the server that forwards both ways and, once the client has sent a FETCH command, cuts
/// both connections after a given number of bytes from the server: a connection dropped in the middle of the messages.
/// </summary>
internal sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly string _host;
    private readonly int _port;
    private readonly long _cutAfter;

    public CuttingProxy(string host, int port, long cutAfterFetchBytes)
    {
        _host = host;
        _port = port;
        _cutAfter = cutAfterFetchBytes;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Whether a connection was cut (the test is only meaningful when it was).</summary>
    public bool Cut { get; private set; }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            await server.ConnectAsync(_host, _port);
            var fetchSent = false;
            var toServer = Task.Run(async () =>
            {
                var buffer = new byte[8192];
                var stream = client.GetStream();
                int n;
                while ((n = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    if (Encoding.ASCII.GetString(buffer, 0, n).Contains(" FETCH ", StringComparison.OrdinalIgnoreCase)) fetchSent = true;
                    await server.GetStream().WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                }
            });
            var toClient = Task.Run(async () =>
            {
                var buffer = new byte[8192];
                var stream = server.GetStream();
                long counted = 0;
                int n;
                while ((n = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    if (fetchSent)
                    {
                        if (counted + n >= _cutAfter)
                        {
                            await client.GetStream().WriteAsync(buffer.AsMemory(0, (int)(_cutAfter - counted)), _stop.Token);
                            Cut = true;
                            client.Client.Close();
                            server.Client.Close();
                            return;
                        }
                        counted += n;
                    }
                    await client.GetStream().WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                }
            });
            try
            {
                await Task.WhenAny(toServer, toClient);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}

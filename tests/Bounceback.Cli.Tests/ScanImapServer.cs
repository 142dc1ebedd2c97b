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
/// $BOUNCEBACK_TEST_STATE/dovecot/env (default: .tmp/test-state below the repository root). <see cref="Port"/> offers
/// STARTTLS, <see cref="ImapsPort"/> speaks TLS from the start; both show a certificate of the throw-away CA in
/// <see cref="CaFile"/>, which nothing on the machine trusts.
/// </summary>
internal sealed record DovecotServer(string Host, int Port, int ImapsPort, string CaFile, string User, string Password)
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
        if (!values.TryGetValue("DOVECOT_IMAPS_PORT", out var imapsPort) || !values.TryGetValue("DOVECOT_CA_FILE", out var caFile)) return null;
        var server = new DovecotServer(values.GetValueOrDefault("DOVECOT_HOST", "127.0.0.1"), int.Parse(port, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(imapsPort, System.Globalization.CultureInfo.InvariantCulture), caFile,
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

    /// <summary>The folder on the implicit-TLS port.</summary>
    public string ImapsUrl(string folder) =>
        $"imaps://{User}@{Host}:{ImapsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{folder}";

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
/// A TCP proxy in front of the server that forwards both ways and cuts both connections after a given number of bytes
/// from the server: with a number well past the greeting, TLS handshake, login and search, a connection dropped in
/// the middle of the messages (the bytes are counted, not read: the session is encrypted after STARTTLS). With
/// <c>stall</c> it keeps the connections open instead and forwards nothing more: a server that stops answering. It
/// also keeps the start of what the client sent, to show what crossed the wire in clear text.
/// </summary>
internal sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly string _host;
    private readonly int _port;
    private readonly long _cutAfter;
    private readonly bool _stall;

    public CuttingProxy(string host, int port, long cutAfterBytes = long.MaxValue, bool stall = false)
    {
        _host = host;
        _port = port;
        _cutAfter = cutAfterBytes;
        _stall = stall;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Whether a connection was cut or stalled (the test is only meaningful when it was).</summary>
    public bool Cut { get; private set; }

    private readonly MemoryStream _fromClient = new();

    /// <summary>The first 64 KB the clients sent, as Latin-1 text.</summary>
    public string SentByClient
    {
        get
        {
            lock (_fromClient) return Encoding.Latin1.GetString(_fromClient.GetBuffer(), 0, (int)_fromClient.Length);
        }
    }

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
            var toServer = Task.Run(async () =>
            {
                var buffer = new byte[8192];
                var stream = client.GetStream();
                int n;
                while ((n = await stream.ReadAsync(buffer, _stop.Token)) > 0)
                {
                    lock (_fromClient)
                    {
                        if (_fromClient.Length < 65536) _fromClient.Write(buffer, 0, n);
                    }
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
                    if (counted + n >= _cutAfter)
                    {
                        await client.GetStream().WriteAsync(buffer.AsMemory(0, (int)(_cutAfter - counted)), _stop.Token);
                        Cut = true;
                        if (_stall)
                        {
                            await Task.Delay(Timeout.Infinite, _stop.Token);
                            return;
                        }
                        client.Client.Close();
                        server.Client.Close();
                        return;
                    }
                    counted += n;
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

/// <summary>
/// Tests that set BOUNCEBACK_IMAP_PASSWORD (a process-wide variable) share this collection, so they never run at the
/// same time as each other.
/// </summary>
[CollectionDefinition(nameof(ImapPasswordVariable))]
public sealed class ImapPasswordVariable
{
    public const string Name = "BOUNCEBACK_IMAP_PASSWORD";

    /// <summary>
    /// Runs the command in-process with the variable set to <paramref name="password"/> (unset when null) and, when
    /// <paramref name="readHiddenKey"/> is given, a terminal on which those keys are typed.
    /// </summary>
    internal static async Task<(int Code, string Output, string Error)> RunAsync(string? password, string[] args, Func<ConsoleKeyInfo>? readHiddenKey = null,
        CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var previous = Environment.GetEnvironmentVariable(Name);
        Environment.SetEnvironmentVariable(Name, password);
        try
        {
            var context = new CliContext(output, error, TextReader.Null) { InputRedirected = readHiddenKey is null, UseColor = false, ReadHiddenKey = readHiddenKey };
            var code = await BouncebackCli.RunAsync(args, context, cancellationToken);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(Name, previous);
        }
    }

    /// <summary>Keys as a terminal gives them: characters, and Enter or Backspace by name.</summary>
    internal static Func<ConsoleKeyInfo> Typing(IEnumerable<ConsoleKeyInfo> keys)
    {
        var queue = new Queue<ConsoleKeyInfo>(keys);
        return () => queue.Count > 0 ? queue.Dequeue() : throw new InvalidOperationException("Read past the typed keys.");
    }

    internal static IEnumerable<ConsoleKeyInfo> Text(string text) =>
        text.Select(c => new ConsoleKeyInfo(c, char.IsAsciiLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : ConsoleKey.NoName, char.IsAsciiLetterUpper(c), false, false));

    internal static readonly ConsoleKeyInfo Enter = new('\r', ConsoleKey.Enter, false, false, false);
    internal static readonly ConsoleKeyInfo Backspace = new('\b', ConsoleKey.Backspace, false, false, false);

    /// <summary>A port on 127.0.0.1 where nothing listens (connection refused).</summary>
    internal static int DeadPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

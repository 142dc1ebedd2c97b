using System.Globalization;
using System.Runtime.CompilerServices;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;

namespace Bounceback.Core.Scanning;

/// <summary>An IMAP mailbox named by a URL: imaps://user@host[:port]/Folder (TLS) or imap://... (STARTTLS when offered).</summary>
public sealed record ImapLocation(bool ImplicitTls, string User, string Host, int Port, string Folder)
{
    /// <summary>The URL without any secret, as shown in results and messages.</summary>
    public string Display => $"{(ImplicitTls ? "imaps" : "imap")}://{User}@{Host}:{Port.ToString(CultureInfo.InvariantCulture)}/{Folder}";

    public static bool IsImap(string text) =>
        text.StartsWith("imap://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("imaps://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the URL; a password in it is refused (passwords never come from the command line).</summary>
    public static ImapLocation Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsImap(url)) throw new BouncebackException($"Not an IMAP URL: {url}");
        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        if (userInfo.Contains(':', StringComparison.Ordinal)) throw new BouncebackException("Put no password in the IMAP URL; use BOUNCEBACK_IMAP_PASSWORD or the prompt.");
        if (userInfo.Length == 0) throw new BouncebackException($"The IMAP URL names no user: {url}");
        var tls = uri.Scheme.Equals("imaps", StringComparison.OrdinalIgnoreCase);
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 993 : 143) : uri.Port;
        var folder = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        return new ImapLocation(tls, userInfo, uri.Host, port, folder.Length == 0 ? "INBOX" : folder);
    }
}

/// <summary>What to read from IMAP and what to do afterwards.</summary>
/// <param name="Since">Only messages delivered on or after this date.</param>
/// <param name="MoveProcessedTo">Move the messages parsed as bounces to this folder (the folder is opened read-write).</param>
public sealed record ImapOptions(DateTimeOffset? Since, string? MoveProcessedTo);

/// <summary>
/// Reads the messages of one IMAP folder through MailKit, in UID order. Read-only (EXAMINE) unless messages are
/// to be moved afterwards. A dropped connection ends the stream with an error item; what was read stays read.
/// </summary>
public sealed class ImapSource(ImapLocation location, string password, ImapOptions options, TimeSpan? timeout = null) : IAsyncDisposable
{
    private readonly ImapClient _client = new() { Timeout = (int)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds };
    private IMailFolder? _folder;

    /// <summary>The mailbox this source reads.</summary>
    public ImapLocation Location => location;

    /// <summary>Connects, logs in and opens the folder. Throws <see cref="BouncebackException"/> with a clear message on failure.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var security = location.ImplicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            await _client.ConnectAsync(location.Host, location.Port, security, cancellationToken).ConfigureAwait(false);
            await _client.AuthenticateAsync(location.User, password, cancellationToken).ConfigureAwait(false);
            _folder = await _client.GetFolderAsync(location.Folder, cancellationToken).ConfigureAwait(false);
            var access = options.MoveProcessedTo is null ? FolderAccess.ReadOnly : FolderAccess.ReadWrite;
            await _folder.OpenAsync(access, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException e)
        {
            throw new BouncebackException($"IMAP login refused for {location.Display}: {e.Message}", e);
        }
        catch (Exception e) when (e is ImapProtocolException or ImapCommandException or IOException or System.Net.Sockets.SocketException or SslHandshakeException or FolderNotFoundException or ServiceNotConnectedException)
        {
            throw new BouncebackException($"IMAP error at {location.Display}: {e.Message}", e);
        }
    }

    /// <summary>The folder's messages (since the configured date), as raw bytes for the pipeline to parse.</summary>
    public async IAsyncEnumerable<ScanItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = _folder ?? throw new InvalidOperationException("Open the source first.");
        IList<UniqueId> uids;
        string? error = null;
        try
        {
            // MailKit sends IMAP SINCE: internal date on or after this day.
            var query = options.Since is { } since ? SearchQuery.DeliveredAfter(since.UtcDateTime.Date) : SearchQuery.All;
            uids = await folder.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ImapProtocolException or ImapCommandException or IOException or ServiceNotConnectedException)
        {
            uids = [];
            error = e.Message;
        }
        if (error is not null)
        {
            yield return new ScanItem { Source = location.Display, Error = error };
            yield break;
        }
        var index = 0;
        foreach (var uid in uids.OrderBy(u => u.Id))
        {
            byte[]? bytes = null;
            try
            {
                using var stream = await folder.GetStreamAsync(uid, cancellationToken).ConfigureAwait(false);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                bytes = copy.ToArray();
            }
            catch (Exception e) when (e is ImapProtocolException or ImapCommandException or IOException or ServiceNotConnectedException or MessageNotFoundException)
            {
                error = e.Message;
            }
            if (error is not null)
            {
                yield return new ScanItem { Source = location.Display, Index = index, Error = error, Uid = uid.Id };
                yield break;
            }
            yield return new ScanItem { Source = location.Display, Index = index++, Bytes = bytes, Uid = uid.Id };
        }
    }

    /// <summary>Moves the given messages to the configured folder (does nothing without --move-processed).</summary>
    public async Task<int> MoveProcessedAsync(IReadOnlyCollection<uint> uids, CancellationToken cancellationToken)
    {
        if (options.MoveProcessedTo is null || uids.Count == 0 || _folder is null) return 0;
        try
        {
            var target = await _client.GetFolderAsync(options.MoveProcessedTo, cancellationToken).ConfigureAwait(false);
            await _folder.MoveToAsync(uids.Select(u => new UniqueId(u)).ToList(), target, cancellationToken).ConfigureAwait(false);
            return uids.Count;
        }
        catch (Exception e) when (e is ImapProtocolException or ImapCommandException or IOException or FolderNotFoundException or ServiceNotConnectedException)
        {
            throw new BouncebackException($"Could not move messages to {options.MoveProcessedTo}: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ImapProtocolException or ServiceNotConnectedException) { }
        _client.Dispose();
    }
}

using System.Globalization;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;

namespace Bounceback.Core.Scanning;

/// <summary>An IMAP mailbox named by a URL: imaps://user@host[:port]/Folder (TLS) or imap://... (STARTTLS when offered).</summary>
public sealed record ImapLocation(bool ImplicitTls, string User, string Host, int Port, string Folder)
{
    /// <summary>The URL without any secret, as shown in results and messages.</summary>
    public string Display => $"{(ImplicitTls ? "imaps" : "imap")}://{User}@{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/{Folder}";

    /// <summary>Whether the text is an imap:// or imaps:// URL (and so not a path).</summary>
    public static bool IsImap(string text) =>
        text.StartsWith("imap://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("imaps://", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses the URL. Throws <see cref="ImapSourceException"/> (<see cref="ImapFailure.InvalidUrl"/>) when it is no
    /// imap[s]:// URL with a user, and (<see cref="ImapFailure.PasswordInUrl"/>) when it holds a password: passwords
    /// never come from the command line. The message of either never repeats a password.
    /// </summary>
    public static ImapLocation Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsImap(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new ImapSourceException(ImapFailure.InvalidUrl, WithoutUserInfo(url), "", "imap[s]://user@host[:port]/Folder");
        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        if (userInfo.Contains(':', StringComparison.Ordinal))
            throw new ImapSourceException(ImapFailure.PasswordInUrl, WithoutUserInfo(url), "", "BOUNCEBACK_IMAP_PASSWORD");
        if (userInfo.Length == 0) throw new ImapSourceException(ImapFailure.InvalidUrl, url, "", "imap[s]://user@host[:port]/Folder");
        var tls = uri.Scheme.Equals("imaps", StringComparison.OrdinalIgnoreCase);
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 993 : 143) : uri.Port;
        var folder = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        // DnsSafeHost drops the brackets of an IPv6 literal, which a socket connection does not take.
        return new ImapLocation(tls, userInfo, uri.DnsSafeHost, port, folder.Length == 0 ? "INBOX" : folder);
    }

    /// <summary>The URL with anything before an '@' in its authority removed, so no secret is repeated.</summary>
    private static string WithoutUserInfo(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return url.Length > 200 ? url[..200] : url;
        var rest = url[(scheme + 3)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var at = authority.LastIndexOf('@');
        return at < 0 ? url : url[..(scheme + 3)] + rest[(at + 1)..];
    }
}

/// <summary>What to read from IMAP and what to do afterwards.</summary>
/// <param name="Since">Only messages delivered on or after this date.</param>
/// <param name="MoveProcessedTo">Move the messages parsed as bounces to this folder (the folder is opened read-write).</param>
public sealed record ImapOptions(DateTimeOffset? Since, string? MoveProcessedTo)
{
    /// <summary>
    /// A larger message is fetched only up to this many bytes (IMAP partial fetch), to bound memory. A bounce's
    /// notice and delivery report come first; what is cut off is the tail of the returned message.
    /// </summary>
    public int MaxMessageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// A PEM file of certificate authorities to trust for the server's certificate in addition to the system's own
    /// (an organisation's private CA). It only extends the trust: the server name must still match, the dates must
    /// still be valid, and without the file only the system's trusted roots count.
    /// </summary>
    public string? TrustedCaFile { get; init; }

    /// <summary>
    /// Reads <see cref="TrustedCaFile"/>: its certificates, or an empty collection when no file is set. Throws
    /// <see cref="ImapSourceException"/> (<see cref="ImapFailure.TrustedCaFile"/>) when the file cannot be read or
    /// holds no PEM certificate.
    /// </summary>
    public X509Certificate2Collection LoadTrustedCertificates()
    {
        var certificates = new X509Certificate2Collection();
        if (TrustedCaFile is not { } path) return certificates;
        try
        {
            // A CA bundle is small; a larger file is no certificate list (and is not read whole into memory).
            var length = new FileInfo(path).Length;
            if (length > MaxCaFileBytes) throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{length} bytes > {MaxCaFileBytes}"));
            certificates.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException or InvalidDataException)
        {
            throw new ImapSourceException(ImapFailure.TrustedCaFile, path, "", e.Message, e);
        }
        if (certificates.Count == 0) throw new ImapSourceException(ImapFailure.TrustedCaFile, path, "", "");
        return certificates;
    }

    private const int MaxCaFileBytes = 4 * 1024 * 1024;
}

/// <summary>
/// Reads the messages of one IMAP folder through MailKit, in UID order, a batch of messages per FETCH, each at most
/// <see cref="ImapOptions.MaxMessageBytes"/> long. Read-only
/// (EXAMINE, and BODY.PEEK so no \Seen flag is set) unless messages are to be moved afterwards. Failures are
/// <see cref="ImapSourceException"/>s; a connection lost partway ends the stream with one after the messages
/// already received.
/// </summary>
public sealed class ImapSource(ImapLocation location, string password, ImapOptions options, TimeSpan? timeout = null) : IAsyncDisposable
{
    /// <summary>How many messages one FETCH asks for: few round trips, little held in memory.</summary>
    public const int BatchSize = 32;

    private readonly ImapClient _client = new() { Timeout = (int)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds };
    private IMailFolder? _folder;
    private IMailFolder? _moveTarget;
    private X509Certificate2Collection _trusted = [];
    private string? _certificateRejected;

    /// <summary>The mailbox this source reads.</summary>
    public ImapLocation Location => location;

    /// <summary>Connects, logs in and opens the folder. Throws <see cref="ImapSourceException"/> on failure.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var step = ImapFailure.Connect;
        _trusted = options.LoadTrustedCertificates();
        _client.ServerCertificateValidationCallback = ValidateServerCertificate;
        try
        {
            // imaps:// is TLS from the first byte (RFC 8314); imap:// upgrades with STARTTLS whenever the server offers it.
            var security = location.ImplicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
            await _client.ConnectAsync(location.Host, location.Port, security, cancellationToken).ConfigureAwait(false);
            step = ImapFailure.Login;
            await _client.AuthenticateAsync(location.User, password, cancellationToken).ConfigureAwait(false);
            step = ImapFailure.FolderNotFound;
            _folder = await _client.GetFolderAsync(location.Folder, cancellationToken).ConfigureAwait(false);
            if (options.MoveProcessedTo is { } targetName)
            {
                // Checked before anything is read, so a mistyped target fails at once rather than after the scan.
                try
                {
                    _moveTarget = await _client.GetFolderAsync(targetName, cancellationToken).ConfigureAwait(false);
                }
                catch (FolderNotFoundException e)
                {
                    throw Failure(ImapFailure.FolderNotFound, targetName, e);
                }
            }
            var access = options.MoveProcessedTo is null ? FolderAccess.ReadOnly : FolderAccess.ReadWrite;
            await _folder.OpenAsync(access, cancellationToken).ConfigureAwait(false);
        }
        catch (SslHandshakeException e) when (_certificateRejected is { } reason)
        {
            throw new ImapSourceException(ImapFailure.Certificate, location.Display, location.Folder, reason, e);
        }
        catch (AuthenticationException e)
        {
            throw Failure(ImapFailure.Login, location.Folder, e);
        }
        catch (FolderNotFoundException e)
        {
            throw Failure(ImapFailure.FolderNotFound, location.Folder, e);
        }
        catch (ImapCommandException e) when (step == ImapFailure.FolderNotFound && e.Response == ImapCommandResponse.No)
        {
            // SELECT/EXAMINE refused: the folder exists in name only (\NoSelect) or may not be opened.
            throw Failure(ImapFailure.FolderNotFound, location.Folder, e);
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is SslHandshakeException or ImapCommandException or NotSupportedException)
        {
            // Nothing has been read yet, so a connection that breaks while opening is a failure to connect.
            throw Failure(ImapFailure.Connect, location.Folder, e);
        }
    }

    /// <summary>The folder's messages (since the configured date), as raw bytes for the pipeline to parse.</summary>
    public async IAsyncEnumerable<ScanItem> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = _folder ?? throw new InvalidOperationException("Open the source first.");
        IList<UniqueId> found;
        try
        {
            // MailKit sends IMAP SINCE: internal date on or after this day (the time and zone are not compared).
            var query = options.Since is { } since ? SearchQuery.DeliveredAfter(since.UtcDateTime.Date) : SearchQuery.All;
            found = await folder.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is ImapCommandException)
        {
            throw Failure(ImapFailure.ConnectionLost, location.Folder, e);
        }
        var uids = found.OrderBy(u => u.Id).ToList();
        var max = Math.Max(1024, options.MaxMessageBytes);
        var index = 0;
        for (var start = 0; start < uids.Count; start += BatchSize)
        {
            var batch = uids.GetRange(start, Math.Min(BatchSize, uids.Count - start));
            var received = new Dictionary<uint, byte[]>(batch.Count);
            Exception? lost = null;
            try
            {
                // Sizes first: a message over the limit is fetched alone and only its first bytes; the others in one FETCH.
                var sizes = await folder.FetchAsync(batch, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken).ConfigureAwait(false);
                var large = sizes.Where(m => m.Size > (uint)max).Select(m => m.UniqueId).ToHashSet();
                var whole = batch.Where(u => !large.Contains(u)).ToList();
                if (whole.Count > 0)
                {
                    await ((ImapFolder)folder).GetStreamsAsync(whole, async (_, _, uid, stream, token) =>
                    {
                        received[uid.Id] = await ReadAllAsync(stream, max, token).ConfigureAwait(false);
                    }, cancellationToken).ConfigureAwait(false);
                }
                foreach (var uid in batch.Where(large.Contains))
                {
                    using var head = await folder.GetStreamAsync(uid, 0, max, cancellationToken).ConfigureAwait(false);
                    received[uid.Id] = await ReadAllAsync(head, max, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (IsConnectionFailure(e) || e is ImapCommandException)
            {
                lost = e;
            }
            foreach (var uid in batch)
            {
                if (received.TryGetValue(uid.Id, out var bytes))
                {
                    yield return new ScanItem { Source = location.Display, Index = index, Bytes = bytes, Uid = uid.Id };
                }
                else if (lost is not null)
                {
                    // Everything received before the break has been handed on; the rest of the folder is not read.
                    throw Failure(ImapFailure.ConnectionLost, location.Folder, lost);
                }
                // else: expunged by another client since the SEARCH; the server sent nothing for it.
                index++;
            }
            if (lost is not null) throw Failure(ImapFailure.ConnectionLost, location.Folder, lost);
        }
    }

    /// <summary>Copies a fetched message, at most <paramref name="max"/> bytes (a server may send more than it announced).</summary>
    private static async Task<byte[]> ReadAllAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        using var copy = new MemoryStream();
        int n;
        while (copy.Length < max && (n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, max - copy.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            copy.Write(buffer, 0, n);
        }
        return copy.ToArray();
    }

    /// <summary>Moves the given messages to the configured folder (does nothing without --move-processed).</summary>
    public async Task<int> MoveProcessedAsync(IReadOnlyCollection<uint> uids, CancellationToken cancellationToken)
    {
        if (_moveTarget is null || uids.Count == 0 || _folder is null) return 0;
        try
        {
            // MOVE where the server has it; otherwise MailKit copies, flags \Deleted and expunges those UIDs only.
            await _folder.MoveToAsync(uids.Select(u => new UniqueId(u)).ToList(), _moveTarget, cancellationToken).ConfigureAwait(false);
            return uids.Count;
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is ImapCommandException or FolderNotOpenException)
        {
            throw Failure(ImapFailure.Move, _moveTarget.FullName, e);
        }
    }

    /// <summary>Logs out when still connected; a connection that is already gone is no error here.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(true).ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionFailure(e) || e is ImapCommandException or OperationCanceledException) { }
        _client.Dispose();
        foreach (var certificate in _trusted) certificate.Dispose();
    }

    /// <summary>MailKit's certificate callback: <see cref="AcceptCertificate"/> with this source's CAs; remembers why a certificate was refused.</summary>
    private bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        AcceptCertificate(certificate, chain, errors, _trusted, _client.CheckCertificateRevocation, out _certificateRejected);

    /// <summary>
    /// The system's verdict on the server's certificate, extended only by the CAs of <see cref="ImapOptions.TrustedCaFile"/>
    /// (<paramref name="trusted"/>): a certificate whose only fault is a chain the system does not trust is accepted when
    /// it chains to one of those CAs. A wrong name or a missing certificate is never accepted. On refusal,
    /// <paramref name="refusal"/> says why (subject, issuer, the TLS errors and the chain's faults).
    /// </summary>
    internal static bool AcceptCertificate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors,
        X509Certificate2Collection trusted, bool checkRevocation, out string? refusal)
    {
        refusal = null;
        if (errors == SslPolicyErrors.None) return true;
        IEnumerable<X509ChainStatusFlags> statuses = chain?.ChainStatus.Select(s => s.Status) ?? [];
        if (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null && trusted.Count > 0)
        {
            var custom = ChainToTrustedCa(certificate, chain, trusted, checkRevocation);
            if (custom.Count == 0) return true;
            statuses = custom;
        }
        var faults = statuses.Where(s => s != X509ChainStatusFlags.NoError).Distinct().ToList();
        refusal = certificate is null
            ? errors.ToString()
            : $"subject={certificate.Subject}, issuer={certificate.Issuer}: {errors}{(faults.Count > 0 ? " (" + string.Join(", ", faults) + ")" : "")}";
        return false;
    }

    /// <summary>
    /// Builds the chain of the server's certificate up to one of the CAs of the --ca-file (and those only): no faults
    /// means trusted. Revocation is checked as MailKit would; a private CA commonly publishes no revocation list, so
    /// an unknown revocation status is no fault here, a revoked certificate is.
    /// </summary>
    private static List<X509ChainStatusFlags> ChainToTrustedCa(X509Certificate certificate, X509Chain? systemChain,
        X509Certificate2Collection trusted, bool checkRevocation)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreEndRevocationUnknown | X509VerificationFlags.IgnoreCertificateAuthorityRevocationUnknown
            | X509VerificationFlags.IgnoreRootRevocationUnknown;
        // Intermediate certificates the server sent along.
        if (systemChain is not null)
        {
            foreach (var element in systemChain.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            if (chain.Build(leaf)) return [];
            var faults = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).ToList();
            return faults.Count > 0 ? faults : [X509ChainStatusFlags.PartialChain];
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate)) leaf.Dispose();
        }
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is ImapProtocolException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException or ServiceNotAuthenticatedException;

    private ImapSourceException Failure(ImapFailure failure, string folder, Exception e) =>
        new(failure, location.Display, folder, e.Message, e);
}

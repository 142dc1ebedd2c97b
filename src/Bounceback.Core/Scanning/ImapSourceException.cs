namespace Bounceback.Core.Scanning;

/// <summary>What went wrong with an IMAP mailbox.</summary>
public enum ImapFailure
{
    /// <summary>The text is no imap[s]://user@host[:port]/Folder URL.</summary>
    InvalidUrl,
    /// <summary>The URL holds a password; passwords come from BOUNCEBACK_IMAP_PASSWORD or the prompt only.</summary>
    PasswordInUrl,
    /// <summary>The server could not be reached, or the connection or TLS handshake failed before login.</summary>
    Connect,
    /// <summary>The server's TLS certificate is not trusted (unknown authority, wrong name, expired); nothing was sent to it.</summary>
    Certificate,
    /// <summary>The file of extra trusted certificate authorities (--ca-file) cannot be read or holds no certificate.</summary>
    TrustedCaFile,
    /// <summary>The server refused the user name or password.</summary>
    Login,
    /// <summary>The folder (or the --move-processed target) does not exist.</summary>
    FolderNotFound,
    /// <summary>The connection broke off after reading began; the messages read before it stay valid.</summary>
    ConnectionLost,
    /// <summary>The messages parsed as bounces could not be moved.</summary>
    Move,
}

/// <summary>
/// An IMAP mailbox could not be opened, read to the end, or tidied up. <see cref="Failure"/> says which, so a host
/// can word it in the user's language; <see cref="Detail"/> is the server's or library's own text.
/// </summary>
public sealed class ImapSourceException : BouncebackException
{
    /// <summary>Creates the exception for a mailbox and the folder concerned.</summary>
    public ImapSourceException(ImapFailure failure, string location, string folder, string detail, Exception? inner = null)
        : base($"IMAP {failure} at {location} ({folder}): {detail}", inner ?? new InvalidOperationException(detail))
    {
        Failure = failure;
        Location = location;
        Folder = folder;
        Detail = detail;
    }

    /// <summary>Which step failed.</summary>
    public ImapFailure Failure { get; }
    /// <summary>The mailbox URL without secrets (<see cref="ImapLocation.Display"/>).</summary>
    public string Location { get; }
    /// <summary>The folder concerned: the one read, or the move target.</summary>
    public string Folder { get; }
    /// <summary>The server's or library's explanation, untranslated.</summary>
    public string Detail { get; }
}

namespace Bounceback.Core.Codes;

/// <summary>The kind of a code found in text; each kind has its own recogniser and catalog family.</summary>
public enum CodeKind
{
    /// <summary>An RFC 3463 enhanced status code such as 5.7.1.</summary>
    Enhanced,
    /// <summary>A three-digit SMTP reply code such as 550 (RFC 5321).</summary>
    Reply,
    /// <summary>A Windows mail client HRESULT such as 0x800CCC0E.</summary>
    WindowsClient,
    /// <summary>A Windows Sockets error number such as 10060.</summary>
    Winsock,
    /// <summary>A receiving provider's own code or token such as TSS04 or S3140.</summary>
    Provider,
    /// <summary>A POP3 or IMAP response code in brackets, as a server answers a mail program fetching mail: [AUTH],
    /// [IN-USE] (RFC 2449, RFC 3206), [AUTHENTICATIONFAILED], [OVERQUOTA] (RFC 5530).</summary>
    Access,
}

/// <summary>Whose side a failure is on, in the product's vocabulary.</summary>
public enum FaultSide
{
    Unknown,
    Sender,
    SenderClient,
    SenderServer,
    Recipient,
    RecipientServer,
    Network,
}

/// <summary>How final a status is: from the class digit of a code, or the catalog's judgement.</summary>
public enum Severity
{
    Unknown,
    Success,
    Intermediate,
    Temporary,
    Permanent,
}

/// <summary>A language the product's text is written in.</summary>
public enum Language
{
    En,
    Nl,
}

/// <summary>The wire names of the vocabulary enums: kebab-case, as in the JSON contracts.</summary>
public static class Vocabulary
{
    public static string Token(this CodeKind kind) => kind switch
    {
        CodeKind.Enhanced => "enhanced",
        CodeKind.Reply => "reply",
        CodeKind.WindowsClient => "windows-client",
        CodeKind.Winsock => "winsock",
        CodeKind.Provider => "provider",
        CodeKind.Access => "access",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Token(this FaultSide side) => side switch
    {
        FaultSide.Sender => "sender",
        FaultSide.SenderClient => "sender-client",
        FaultSide.SenderServer => "sender-server",
        FaultSide.Recipient => "recipient",
        FaultSide.RecipientServer => "recipient-server",
        FaultSide.Network => "network",
        _ => "unknown",
    };

    public static string Token(this Severity severity) => severity switch
    {
        Severity.Success => "success",
        Severity.Intermediate => "intermediate",
        Severity.Temporary => "temporary",
        Severity.Permanent => "permanent",
        _ => "unknown",
    };

    public static string Token(this Language language) => language == Language.Nl ? "nl" : "en";

    /// <summary>Whether codes of the kind come from the user's own mail program or its own server talking to it (a
    /// Windows mail client code, a socket error, a POP3/IMAP response): the user is the one at the keyboard, not
    /// necessarily a sender.</summary>
    public static bool FromMailProgram(this CodeKind kind) => kind is CodeKind.WindowsClient or CodeKind.Winsock or CodeKind.Access;

    public static bool TryParseKind(string? token, out CodeKind kind)
    {
        foreach (var k in Enum.GetValues<CodeKind>())
        {
            if (string.Equals(k.Token(), token, StringComparison.OrdinalIgnoreCase)) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    public static bool TryParseFaultSide(string? token, out FaultSide side)
    {
        foreach (var s in Enum.GetValues<FaultSide>())
        {
            if (string.Equals(s.Token(), token, StringComparison.OrdinalIgnoreCase)) { side = s; return true; }
        }
        side = FaultSide.Unknown;
        return false;
    }

    public static bool TryParseSeverity(string? token, out Severity severity)
    {
        foreach (var s in Enum.GetValues<Severity>())
        {
            if (string.Equals(s.Token(), token, StringComparison.OrdinalIgnoreCase)) { severity = s; return true; }
        }
        severity = Severity.Unknown;
        return false;
    }

    public static bool TryParseLanguage(string? token, out Language language)
    {
        language = Language.En;
        if (string.IsNullOrWhiteSpace(token)) return false;
        var t = token.Trim();
        if (t.StartsWith("nl", StringComparison.OrdinalIgnoreCase)) { language = Language.Nl; return true; }
        if (t.StartsWith("en", StringComparison.OrdinalIgnoreCase)) { language = Language.En; return true; }
        return false;
    }

    /// <summary>The severity an SMTP class digit (2, 3, 4, 5) implies.</summary>
    public static Severity SeverityOfClass(int classDigit) => classDigit switch
    {
        1 or 3 => Severity.Intermediate,
        2 => Severity.Success,
        4 => Severity.Temporary,
        5 => Severity.Permanent,
        _ => Severity.Unknown,
    };
}

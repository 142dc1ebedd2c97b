namespace Bounceback.Core.Codes;

/// <summary>The bounce reason vocabulary (34 values); the wire name is the lower-case member name.</summary>
public enum BounceReason
{
    Undefined,
    UserUnknown,
    HostUnknown,
    HasMoved,
    MailboxFull,
    MesgTooBig,
    ExceedLimit,
    SystemFull,
    Suspend,
    Filtered,
    Rejected,
    Blocked,
    BadReputation,
    RequirePtr,
    SpamDetected,
    VirusDetected,
    PolicyViolation,
    AuthFailure,
    SecurityError,
    NoRelaying,
    NotCompliantRfc,
    SyntaxError,
    TooManyConn,
    Speeding,
    NetworkError,
    Expired,
    MailerError,
    NotAccept,
    ContentError,
    SystemError,
    OnHold,
    Delivered,
    Feedback,
    Vacation,
}

/// <summary>Wire names and bounce hardness of <see cref="BounceReason"/>.</summary>
public static class BounceReasons
{
    private static readonly Dictionary<string, BounceReason> ByToken =
        Enum.GetValues<BounceReason>().ToDictionary(r => r.ToString().ToLowerInvariant(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The wire name, e.g. "userunknown".</summary>
    public static string Token(this BounceReason reason) => reason.ToString().ToLowerInvariant();

    public static bool TryParse(string? token, out BounceReason reason)
    {
        reason = BounceReason.Undefined;
        return token is not null && ByToken.TryGetValue(token.Trim(), out reason);
    }

    /// <summary>Whether a failure for this reason is a hard bounce (the address should not be retried).</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="temporary">True when the status class is 4 (a temporary failure).</param>
    public static bool IsHard(this BounceReason reason, bool temporary = false) => reason switch
    {
        BounceReason.UserUnknown or BounceReason.HostUnknown or BounceReason.HasMoved => true,
        BounceReason.NotAccept => !temporary,
        _ => false,
    };

    /// <summary>True for results that are not failures: delivered, feedback and vacation.</summary>
    public static bool IsNotFailure(this BounceReason reason) =>
        reason is BounceReason.Delivered or BounceReason.Feedback or BounceReason.Vacation;
}

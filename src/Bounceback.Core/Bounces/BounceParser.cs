using MimeKit;

namespace Bounceback.Core.Bounces;

/// <summary>What became of one message.</summary>
public enum ParseOutcomeKind
{
    /// <summary>A bounce, delivery report, feedback report or auto-reply: one result per recipient.</summary>
    Bounce,
    /// <summary>An ordinary message: no result, counted and skipped.</summary>
    NotBounce,
    /// <summary>The message could not be read at all (the error says why).</summary>
    Failed,
}

/// <summary>The results of one message, or why there are none.</summary>
public sealed record ParseOutcome(ParseOutcomeKind Kind, IReadOnlyList<BounceResult> Results, string? Error = null)
{
    public static readonly ParseOutcome NotABounce = new(ParseOutcomeKind.NotBounce, []);
}

/// <summary>
/// Entry point of bounce parsing: picks the decoder for a message, runs it, classifies each recipient's reason and
/// links it to the catalog. Thread-safe; build once and share.
/// </summary>
public sealed class BounceParser
{
    private static readonly Lazy<BounceParser> DefaultParser = new(() => new BounceParser(Diagnosis.Diagnoser.Default));

    public static BounceParser Default => DefaultParser.Value;

    private readonly Diagnosis.Diagnoser _diagnoser;

    public BounceParser(Diagnosis.Diagnoser diagnoser) => _diagnoser = diagnoser;

    /// <summary>Parses one message already read by MimeKit.</summary>
    /// <param name="message">The message.</param>
    /// <param name="source">Where it came from (file path, mbox path, IMAP URL, "-").</param>
    /// <param name="messageIndex">Index within an mbox or folder, else null.</param>
    /// <param name="language">Language of the linked explanations.</param>
    /// <remarks>SKELETON: the parse issue implements this.</remarks>
    public ParseOutcome Parse(MimeMessage message, string source, int? messageIndex, Codes.Language language)
    {
        ArgumentNullException.ThrowIfNull(message);
        _ = _diagnoser;
        return ParseOutcome.NotABounce;
    }
}

using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Scanning;

/// <summary>Totals of a scan: messages by outcome, and recipients by reason, hardness, status, domain, remote MTA and decoder.</summary>
/// <remarks>Not thread-safe: the pipeline's single consumer adds to it in order.</remarks>
public sealed class ScanSummary
{
    private readonly Dictionary<string, int> _reasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _domains = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _remoteMtas = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _decoders = new(StringComparer.Ordinal);

    public int Messages { get; private set; }
    public int Bounces { get; private set; }
    public int NotBounces { get; private set; }
    public int Failed { get; private set; }
    public int Recipients { get; private set; }
    public int Hard { get; private set; }
    public int Soft { get; private set; }

    public IReadOnlyDictionary<string, int> Reasons => _reasons;
    public IReadOnlyDictionary<string, int> Statuses => _statuses;
    public IReadOnlyDictionary<string, int> Domains => _domains;
    public IReadOnlyDictionary<string, int> RemoteMtas => _remoteMtas;
    public IReadOnlyDictionary<string, int> Decoders => _decoders;

    /// <summary>Counts one message's outcome (the recipients counted are those passed in <paramref name="shown"/>).</summary>
    public void Add(ParseOutcome outcome, IEnumerable<BounceResult> shown)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(shown);
        Messages++;
        switch (outcome.Kind)
        {
            case ParseOutcomeKind.NotBounce: NotBounces++; return;
            case ParseOutcomeKind.Failed: Failed++; return;
        }
        Bounces++;
        foreach (var r in shown)
        {
            Recipients++;
            if (r.HardBounce) Hard++; else Soft++;
            Bump(_reasons, r.Reason.Token());
            Bump(_statuses, r.Status ?? "-");
            var at = r.Recipient.LastIndexOf('@');
            Bump(_domains, at >= 0 && at < r.Recipient.Length - 1 ? r.Recipient[(at + 1)..].ToLowerInvariant() : "-");
            Bump(_remoteMtas, string.IsNullOrEmpty(r.RemoteMta) ? "-" : r.RemoteMta);
            Bump(_decoders, r.Decoder);
        }
    }

    /// <summary>The largest groups of a table, most first, ties by name.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Top(IReadOnlyDictionary<string, int> table, int count) =>
        table.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count).ToList();

    private static void Bump(Dictionary<string, int> table, string key)
    {
        // Bounded: a hostile mailbox cannot grow a table without limit; the rest is counted under "(other)".
        if (!table.ContainsKey(key) && table.Count >= 10_000) key = "(other)";
        table[key] = table.GetValueOrDefault(key) + 1;
    }
}

using System.Runtime.InteropServices;
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
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _domainsBySpan;

    private readonly bool _tables;

    /// <summary>Empty totals, with the tables by reason, status, domain, remote MTA and decoder.</summary>
    public ScanSummary() : this(tables: true) { }

    /// <summary>Empty totals; without <paramref name="tables"/> only the counts are kept (the tables stay empty).</summary>
    /// <param name="tables">Whether to count recipients by reason, status, domain, remote MTA and decoder: a run
    /// that prints no summary needs only the counts, and the tables cost a look-up in each for every recipient.</param>
    public ScanSummary(bool tables)
    {
        _tables = tables;
        _domainsBySpan = _domains.GetAlternateLookup<ReadOnlySpan<char>>();
    }

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
            if (!_tables) continue;
            Bump(_reasons, ReasonToken(r.Reason));
            Bump(_statuses, r.Status ?? "-");
            BumpDomain(r.Recipient);
            Bump(_remoteMtas, string.IsNullOrEmpty(r.RemoteMta) ? "-" : r.RemoteMta);
            Bump(_decoders, r.Decoder);
        }
    }

    /// <summary>The largest groups of a table, most first, ties by name.</summary>
    public static IReadOnlyList<KeyValuePair<string, int>> Top(IReadOnlyDictionary<string, int> table, int count) =>
        table.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count).ToList();

    /// <summary>Most rows of one table; the rest is counted under "(other)".</summary>
    private const int MaxRows = 10_000;

    // Each reason's token made once: the token itself is two new strings per call, and this runs once per recipient.
    private static readonly Dictionary<BounceReason, string> ReasonTokens = Enum.GetValues<BounceReason>().ToDictionary(r => r, r => r.Token());

    private static string ReasonToken(BounceReason reason) => ReasonTokens.TryGetValue(reason, out var token) ? token : reason.Token();

    private static void Bump(Dictionary<string, int> table, string key)
    {
        // Bounded: a hostile mailbox cannot grow a table without limit; the rest is counted under "(other)".
        if (table.Count >= MaxRows && !table.ContainsKey(key)) key = "(other)";
        CollectionsMarshal.GetValueRefOrAddDefault(table, key, out _)++;
    }

    /// <summary>Counts the recipient's domain, lower-cased; a domain already counted is found without a new string.</summary>
    private void BumpDomain(string recipient)
    {
        var at = recipient.LastIndexOf('@');
        if (at < 0 || at >= recipient.Length - 1)
        {
            Bump(_domains, "-");
            return;
        }
        var domain = recipient.AsSpan(at + 1);
        if (domain.Length <= 256)
        {
            Span<char> lower = stackalloc char[domain.Length];
            domain.ToLowerInvariant(lower);
            if (_domainsBySpan.TryGetValue(lower, out var count))
            {
                _domainsBySpan[lower] = count + 1;
                return;
            }
        }
        Bump(_domains, domain.ToString().ToLowerInvariant());
    }
}

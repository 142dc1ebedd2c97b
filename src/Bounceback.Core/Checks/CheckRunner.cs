using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Checks;

/// <summary>One target to check, optionally limited to some blocklists (those a bounce named).</summary>
public sealed record CheckRequest(CheckTarget Target, IReadOnlyList<Blocklist>? Blocklists = null);

/// <summary>
/// The entry point of the live checks: runs the checks that fit each target concurrently under one overall time
/// limit, and plans which checks fit a diagnosis or a bounce result.
/// </summary>
public sealed partial class CheckRunner
{
    private readonly CheckOptions _options;
    private readonly ExplanationCatalog _catalog;

    public CheckRunner(CheckOptions options, ExplanationCatalog? catalog = null)
    {
        _options = options;
        _catalog = catalog ?? ExplanationCatalog.Default;
    }

    public CheckOptions Options => _options;

    /// <summary>Runs all checks for the requests; never throws for network trouble, which becomes an error result.</summary>
    public async Task<CheckReport> RunAsync(IReadOnlyList<CheckRequest> requests, Language language, CancellationToken cancellationToken = default)
    {
        var texts = new CheckTexts(_catalog, language);
        using var gate = new SemaphoreSlim(Math.Max(1, _options.MaxParallel));
        var dns = new DnsLookup(_options, gate);
        var run = new Run(_options, texts, new DnsChecks(dns, texts), new BlocklistChecks(dns, texts), new SmtpChecks(_options, dns, texts));
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(_options.OverallTimeout);
        var reports = await Task.WhenAll(requests.Select(r => run.TargetAsync(r, overall.Token))).ConfigureAwait(false);
        return new CheckReport(reports);
    }

    /// <summary>The checks that fit an explained text: domain checks for an unknown host, the named blocklists for a blocklist
    /// rejection, the configured outgoing server for a connection error.</summary>
    public IReadOnlyList<CheckRequest> Plan(Diagnosis.Diagnosis? diagnosis, string? text) =>
        Plan(diagnosis?.Reason, [diagnosis?.Code], text, null);

    /// <summary>The checks that fit one parsed bounce result.</summary>
    public IReadOnlyList<CheckRequest> Plan(BounceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reason = result.Reason == BounceReason.Undefined ? result.Explanation?.Reason : result.Reason;
        var text = string.Join(" ", new[] { result.DiagnosticCode, result.RemoteMta }.Where(s => s is not null));
        return Plan(reason, [result.Status, result.Explanation?.Code, result.ReplyCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)], text, result.Recipient);
    }

    private List<CheckRequest> Plan(BounceReason? reason, string?[] codes, string? text, string? recipient)
    {
        var requests = new List<CheckRequest>();
        var codeSet = codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hostProblem = reason == BounceReason.HostUnknown
            || codeSet.Any(c => c.EndsWith(".1.2", StringComparison.Ordinal) || c.EndsWith(".1.10", StringComparison.Ordinal));
        if (hostProblem)
        {
            var address = recipient ?? (text is null ? null : AddressPattern().Match(text) is { Success: true } m ? m.Value : null);
            if (address is not null && CheckTarget.TryParse(address, out var domain) && domain.Kind == CheckTargetKind.Domain)
            {
                requests.Add(new CheckRequest(domain));
            }
        }

        var named = _options.Blocklists.NamedIn(text);
        var reputation = reason is BounceReason.Blocked or BounceReason.BadReputation or BounceReason.RequirePtr;
        if ((reputation || named.Count > 0) && SendingIp(text) is { } ip)
        {
            requests.Add(new CheckRequest(new CheckTarget(ip.ToString(), CheckTargetKind.Ip, ip.ToString()), named.Count > 0 ? named : null));
        }

        var connection = codeSet.Any(c => c.Equals("0x800CCC0E", StringComparison.OrdinalIgnoreCase) || c.Equals("0x800CCC0F", StringComparison.OrdinalIgnoreCase)
            || c is "10060" or "10061" or "10065");
        if (connection && _options.OutgoingServer is { } server) requests.Add(new CheckRequest(server));
        return requests;
    }

    /// <summary>The first public IP address in a text (the sending address a rejection quotes); null when none.</summary>
    internal static IPAddress? SendingIp(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        foreach (Match m in Ipv4Pattern().Matches(text.Length > 100_000 ? text[..100_000] : text))
        {
            if (IPAddress.TryParse(m.Value, out var ip) && !IsPrivate(ip)) return ip;
        }
        return null;
    }

    private static bool IsPrivate(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return ip.AddressFamily != AddressFamily.InterNetwork || b[0] is 10 or 127 or 0 || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] >= 224;
    }

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]{1,64}@(?:[A-Za-z0-9\-]{1,63}\.){1,10}[A-Za-z]{2,63}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    private sealed class Run(CheckOptions options, CheckTexts t, DnsChecks dns, BlocklistChecks blocklists, SmtpChecks smtp)
    {
        public async Task<TargetReport> TargetAsync(CheckRequest request, CancellationToken ct)
        {
            var target = request.Target;
            var results = target.Kind switch
            {
                CheckTargetKind.Domain => await DomainAsync(target.Host, ct).ConfigureAwait(false),
                CheckTargetKind.Ip => await IpAsync(IPAddress.Parse(target.Host), request.Blocklists ?? options.Blocklists.Lists, ct).ConfigureAwait(false),
                _ => await Guard(Ports([target.Port]), c => smtp.ProbeAsync(target.Host, target.Port, c), ct).ConfigureAwait(false),
            };
            return new TargetReport(target.Text, results);
        }

        private async Task<IReadOnlyList<CheckResult>> DomainAsync(string domain, CancellationToken ct)
        {
            var mxTask = GuardMx(domain, ct);
            var spf = Guard(["spf"], async c => [await dns.SpfAsync(domain, c).ConfigureAwait(false)], ct);
            var dmarc = Guard(["dmarc"], async c => [await dns.DmarcAsync(domain, c).ConfigureAwait(false)], ct);
            var sts = Guard(["mta-sts"], async c => [await dns.MtaStsAsync(domain, c).ConfigureAwait(false)], ct);
            var rpt = Guard(["tls-rpt"], async c => [await dns.TlsRptAsync(domain, c).ConfigureAwait(false)], ct);
            var (mxResults, hosts, exists) = await mxTask.ConfigureAwait(false);
            if (!exists) return mxResults;
            var probes = hosts.Count == 0 ? [] : options.MxPorts.Select(p => Guard(Ports([p]), c => smtp.ProbeAsync(hosts[0], p, c), ct)).ToList();
            var all = new List<CheckResult>(mxResults);
            foreach (var task in new[] { spf, dmarc, sts, rpt }.Concat(probes)) all.AddRange(await task.ConfigureAwait(false));
            return all;
        }

        private async Task<(IReadOnlyList<CheckResult>, IReadOnlyList<string>, bool)> GuardMx(string domain, CancellationToken ct)
        {
            try
            {
                return await dns.MxAsync(domain, ct).WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return (TimedOut(["domain-exists", "mx", "null-mx"]), [], true);
            }
        }

        private async Task<IReadOnlyList<CheckResult>> IpAsync(IPAddress ip, IReadOnlyList<Blocklist> lists, CancellationToken ct)
        {
            var reverse = Guard(["ptr", "fcrdns"], c => dns.ReverseAsync(ip, c), ct);
            var listed = lists.Select(l => Guard(["dnsbl:" + l.Zone], async c => [await blocklists.CheckAsync(ip, l, c).ConfigureAwait(false)], ct)).ToList();
            var all = new List<CheckResult>(await reverse.ConfigureAwait(false));
            foreach (var task in listed) all.AddRange(await task.ConfigureAwait(false));
            return all;
        }

        private static string[] Ports(int[] ports) =>
            ports.SelectMany(p => new[] { "smtp:", "starttls:", "certificate:" }.Select(k => k + p.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        /// <summary>Runs a check under the overall limit; when the limit passes first, each of its ids reports a time-out.</summary>
        private async Task<IReadOnlyList<CheckResult>> Guard(string[] ids, Func<CancellationToken, Task<IReadOnlyList<CheckResult>>> check, CancellationToken ct)
        {
            try
            {
                return await check(ct).WaitAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return TimedOut(ids);
            }
        }

        private List<CheckResult> TimedOut(string[] ids) => ids.Select(id => t.Make(id, CheckStatus.Error, "timeout")).ToList();
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bounceback.Core.Checks;

/// <summary>The DNS checks of a mail domain (existence, MX, null MX, SPF, DMARC, MTA-STS, TLS-RPT) and of an IP address (PTR, FCrDNS).</summary>
internal sealed class DnsChecks
{
    /// <summary>RFC 7208 section 4.6.4: at most 10 terms that cause DNS lookups.</summary>
    public const int SpfLookupLimit = 10;
    private const int MaxMxHosts = 10;
    private readonly DnsLookup _dns;
    private readonly CheckTexts _t;

    public DnsChecks(DnsLookup dns, CheckTexts texts)
    {
        _dns = dns;
        _t = texts;
    }

    /// <summary>Whether the domain exists, and its MX result; the mail hosts to probe come back too.</summary>
    public async Task<(IReadOnlyList<CheckResult> Results, IReadOnlyList<string> MailHosts, bool Exists)> MxAsync(string domain, CancellationToken ct)
    {
        var mx = await _dns.MxAsync(domain, ct).ConfigureAwait(false);
        var d = new Dictionary<string, string> { ["domain"] = domain };
        if (mx.Outcome == DnsOutcome.NxDomain)
        {
            return ([_t.Make("domain-exists", CheckStatus.Fail, "nxdomain", d)], [], false);
        }
        if (!mx.Answered)
        {
            var e = With(d, "error", mx.Error ?? mx.Outcome.ToString());
            return ([_t.Make("domain-exists", CheckStatus.Error, "dns-failed", e), _t.Make("mx", CheckStatus.Error, "dns-failed", e), _t.Make("null-mx", CheckStatus.Error, "dns-failed", e)], [], true);
        }
        var exists = _t.Make("domain-exists", CheckStatus.Pass, "exists", d);
        var records = mx.Records.OrderBy(r => r.Preference).ToList();
        var nulls = records.Count(r => r.Exchange.Value.TrimEnd('.').Length == 0);
        if (nulls > 0)
        {
            var mixed = records.Count > nulls;
            return ([exists,
                _t.Make("mx", CheckStatus.Fail, "null", d),
                _t.Make("null-mx", CheckStatus.Fail, mixed ? "mixed" : "present", d)], [], true);
        }
        var nullMx = _t.Make("null-mx", CheckStatus.Pass, "absent", d);
        if (records.Count == 0)
        {
            var implicitMx = await _dns.AddressesAsync(domain, ct).ConfigureAwait(false);
            if (implicitMx.Outcome == DnsOutcome.Ok)
            {
                return ([exists, _t.Make("mx", CheckStatus.Warn, "implicit", With(d, "addresses", Join(implicitMx.Records))), nullMx], [domain], true);
            }
            return ([exists, _t.Make("mx", CheckStatus.Fail, "none", d), nullMx], [], true);
        }
        var hosts = records.Take(MaxMxHosts).Select(r => (r.Preference, Host: r.Exchange.Value.TrimEnd('.'))).ToList();
        var lookups = hosts.Select(h => _dns.AddressesAsync(h.Host, ct)).ToList();
        await Task.WhenAll(lookups).ConfigureAwait(false);
        var good = new List<string>();
        var lines = new List<string>();
        var bad = new List<string>();
        for (var i = 0; i < hosts.Count; i++)
        {
            var a = lookups[i].Result;
            if (a.Outcome == DnsOutcome.Ok)
            {
                good.Add(hosts[i].Host);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{hosts[i].Preference} {hosts[i].Host} ({Join(a.Records)})"));
            }
            else
            {
                bad.Add(hosts[i].Host);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{hosts[i].Preference} {hosts[i].Host} (-)"));
            }
        }
        var details = With(d, "hosts", string.Join("; ", lines));
        details["count"] = hosts.Count.ToString(CultureInfo.InvariantCulture);
        if (bad.Count > 0) details["unresolved"] = string.Join(", ", bad);
        var result = bad.Count == 0 ? _t.Make("mx", CheckStatus.Pass, "ok", details)
            : good.Count > 0 ? _t.Make("mx", CheckStatus.Warn, "some-unresolved", details)
            : _t.Make("mx", CheckStatus.Fail, "unresolved", details);
        return ([exists, result, nullMx], good, true);
    }

    public async Task<CheckResult> SpfAsync(string domain, CancellationToken ct)
    {
        var d = new Dictionary<string, string> { ["domain"] = domain };
        var txt = await _dns.TxtAsync(domain, ct).ConfigureAwait(false);
        if (!txt.Answered) return _t.Make("spf", CheckStatus.Error, "dns-failed", With(d, "error", txt.Error ?? txt.Outcome.ToString()));
        var spf = txt.Records.Where(Spf.IsSpf).ToList();
        if (spf.Count == 0) return _t.Make("spf", CheckStatus.Warn, "missing", d);
        if (spf.Count > 1)
        {
            d["count"] = spf.Count.ToString(CultureInfo.InvariantCulture);
            d["records"] = string.Join(" | ", spf);
            return _t.Make("spf", CheckStatus.Fail, "duplicate", d);
        }
        d["record"] = spf[0];
        var counter = new Spf.Counter();
        await CountSpfAsync(domain, spf[0], 0, counter, ct).ConfigureAwait(false);
        d["lookups"] = counter.Lookups.ToString(CultureInfo.InvariantCulture);
        if (counter.SyntaxError is not null) return _t.Make("spf", CheckStatus.Fail, "syntax", With(d, "term", counter.SyntaxError));
        if (counter.Lookups > SpfLookupLimit) return _t.Make("spf", CheckStatus.Fail, "too-many-lookups", d);
        if (counter.MissingInclude is not null) return _t.Make("spf", CheckStatus.Fail, "include-missing", With(d, "include", counter.MissingInclude));
        if (counter.DnsError is not null) return _t.Make("spf", CheckStatus.Error, "dns-failed", With(d, "error", counter.DnsError));
        if (Spf.AllowsAll(spf[0])) return _t.Make("spf", CheckStatus.Warn, "allows-all", d);
        return _t.Make("spf", CheckStatus.Pass, "ok", d);
    }

    private async Task CountSpfAsync(string domain, string record, int depth, Spf.Counter c, CancellationToken ct)
    {
        var parsed = Spf.Parse(record);
        if (parsed.SyntaxError is not null)
        {
            c.SyntaxError ??= depth == 0 ? parsed.SyntaxError : $"{domain}: {parsed.SyntaxError}";
            return;
        }
        c.Lookups += parsed.LookupTerms;
        foreach (var next in parsed.Follow)
        {
            if (c.Lookups > SpfLookupLimit || depth >= SpfLookupLimit || c.Queries >= 4 * SpfLookupLimit) return;
            if (next.Contains('%', StringComparison.Ordinal) || !c.Visited.Add(next.ToLowerInvariant())) continue;
            c.Queries++;
            var txt = await _dns.TxtAsync(next, ct).ConfigureAwait(false);
            if (!txt.Answered)
            {
                c.DnsError ??= $"{next}: {txt.Error}";
                continue;
            }
            var spf = txt.Records.Where(Spf.IsSpf).ToList();
            if (spf.Count != 1)
            {
                c.MissingInclude ??= next;
                continue;
            }
            await CountSpfAsync(next, spf[0], depth + 1, c, ct).ConfigureAwait(false);
        }
    }

    public async Task<CheckResult> DmarcAsync(string domain, CancellationToken ct)
    {
        var d = new Dictionary<string, string> { ["domain"] = domain };
        var txt = await _dns.TxtAsync("_dmarc." + domain, ct).ConfigureAwait(false);
        if (!txt.Answered) return _t.Make("dmarc", CheckStatus.Error, "dns-failed", With(d, "error", txt.Error ?? txt.Outcome.ToString()));
        var records = txt.Records.Where(r => TagList.StartsWith(r, "v", "DMARC1")).ToList();
        if (records.Count == 0) return _t.Make("dmarc", CheckStatus.Warn, "missing", d);
        if (records.Count > 1) return _t.Make("dmarc", CheckStatus.Fail, "duplicate", With(d, "records", string.Join(" | ", records)));
        d["record"] = records[0];
        var tags = TagList.Parse(records[0]);
        if (!tags.TryGetValue("p", out var p) || p.ToLowerInvariant() is not ("none" or "quarantine" or "reject"))
        {
            return _t.Make("dmarc", CheckStatus.Fail, "invalid", With(d, "problem", "p=" + (p ?? "")));
        }
        d["policy"] = p.ToLowerInvariant();
        if (tags.TryGetValue("rua", out var rua))
        {
            var uris = rua.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var bad = uris.FirstOrDefault(u => !u.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || !u.Contains('@', StringComparison.Ordinal));
            if (uris.Length == 0 || bad is not null) return _t.Make("dmarc", CheckStatus.Fail, "invalid", With(d, "problem", "rua=" + rua));
            d["rua"] = rua;
        }
        if (d["policy"] == "none") return _t.Make("dmarc", CheckStatus.Warn, "monitor-only", d);
        if (rua is null) return _t.Make("dmarc", CheckStatus.Warn, "no-rua", d);
        return _t.Make("dmarc", CheckStatus.Pass, "ok", d);
    }

    public async Task<CheckResult> MtaStsAsync(string domain, CancellationToken ct)
    {
        var d = new Dictionary<string, string> { ["domain"] = domain };
        var txt = await _dns.TxtAsync("_mta-sts." + domain, ct).ConfigureAwait(false);
        if (!txt.Answered) return _t.Make("mta-sts", CheckStatus.Error, "dns-failed", With(d, "error", txt.Error ?? txt.Outcome.ToString()));
        var records = txt.Records.Where(r => TagList.StartsWith(r, "v", "STSv1")).ToList();
        if (records.Count == 0) return _t.Make("mta-sts", CheckStatus.Pass, "absent", d);
        if (records.Count > 1) return _t.Make("mta-sts", CheckStatus.Fail, "duplicate", With(d, "records", string.Join(" | ", records)));
        d["record"] = records[0];
        var tags = TagList.Parse(records[0]);
        if (!tags.TryGetValue("id", out var id) || id.Length is 0 or > 32 || !id.All(char.IsAsciiLetterOrDigit))
        {
            return _t.Make("mta-sts", CheckStatus.Fail, "invalid", With(d, "problem", "id=" + (id ?? "")));
        }
        d["id"] = id;
        return _t.Make("mta-sts", CheckStatus.Pass, "ok", d);
    }

    public async Task<CheckResult> TlsRptAsync(string domain, CancellationToken ct)
    {
        var d = new Dictionary<string, string> { ["domain"] = domain };
        var txt = await _dns.TxtAsync("_smtp._tls." + domain, ct).ConfigureAwait(false);
        if (!txt.Answered) return _t.Make("tls-rpt", CheckStatus.Error, "dns-failed", With(d, "error", txt.Error ?? txt.Outcome.ToString()));
        var records = txt.Records.Where(r => TagList.StartsWith(r, "v", "TLSRPTv1")).ToList();
        if (records.Count == 0) return _t.Make("tls-rpt", CheckStatus.Pass, "absent", d);
        if (records.Count > 1) return _t.Make("tls-rpt", CheckStatus.Fail, "duplicate", With(d, "records", string.Join(" | ", records)));
        d["record"] = records[0];
        var tags = TagList.Parse(records[0]);
        if (!tags.TryGetValue("rua", out var rua) || rua.Split(',', StringSplitOptions.TrimEntries).Any(u =>
                !(u.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https:", StringComparison.OrdinalIgnoreCase))))
        {
            return _t.Make("tls-rpt", CheckStatus.Fail, "invalid", With(d, "problem", "rua=" + (rua ?? "")));
        }
        d["rua"] = rua;
        return _t.Make("tls-rpt", CheckStatus.Pass, "ok", d);
    }

    /// <summary>PTR and forward-confirmed reverse DNS of an address.</summary>
    public async Task<IReadOnlyList<CheckResult>> ReverseAsync(IPAddress ip, CancellationToken ct)
    {
        var d = new Dictionary<string, string> { ["ip"] = ip.ToString() };
        var ptr = await _dns.PtrAsync(ip, ct).ConfigureAwait(false);
        if (!ptr.Answered)
        {
            var e = With(d, "error", ptr.Error ?? ptr.Outcome.ToString());
            return [_t.Make("ptr", CheckStatus.Error, "dns-failed", e), _t.Make("fcrdns", CheckStatus.Error, "dns-failed", e)];
        }
        if (ptr.Records.Count == 0)
        {
            return [_t.Make("ptr", CheckStatus.Fail, "missing", d), _t.Make("fcrdns", CheckStatus.Fail, "no-ptr", d)];
        }
        var names = ptr.Records.Take(5).ToList();
        d["names"] = string.Join(", ", names);
        var ptrResult = _t.Make("ptr", CheckStatus.Pass, "ok", d);
        var forward = names.Select(n => _dns.AddressesAsync(n, ct)).ToList();
        await Task.WhenAll(forward).ConfigureAwait(false);
        var fd = new Dictionary<string, string>(d);
        for (var i = 0; i < names.Count; i++)
        {
            if (forward[i].Result.Records.Any(a => a.Equals(ip)))
            {
                fd["name"] = names[i];
                return [ptrResult, _t.Make("fcrdns", CheckStatus.Pass, "ok", fd)];
            }
        }
        fd["addresses"] = Join(forward.SelectMany(f => f.Result.Records).Distinct());
        if (fd["addresses"].Length == 0) fd["addresses"] = "-";
        return [ptrResult, _t.Make("fcrdns", CheckStatus.Fail, "mismatch", fd)];
    }

    internal static Dictionary<string, string> With(Dictionary<string, string> d, string key, string value) =>
        new(d) { [key] = value };

    internal static string Join(IEnumerable<IPAddress> addresses) => string.Join(", ", addresses.Select(a => a.ToString()));

    internal static bool IsIpv6(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6;
}

/// <summary>Reading of "k=v; k=v" tag lists (DMARC, MTA-STS, TLS-RPT records).</summary>
internal static class TagList
{
    public static Dictionary<string, string> Parse(string record)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in record.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Take(64))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) continue;
            tags.TryAdd(part[..eq].Trim(), part[(eq + 1)..].Trim());
        }
        return tags;
    }

    /// <summary>True when the record's first tag is <paramref name="tag"/> with exactly this value.</summary>
    public static bool StartsWith(string record, string tag, string value)
    {
        var first = record.Split(';', 2)[0];
        var eq = first.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && first[..eq].Trim().Equals(tag, StringComparison.OrdinalIgnoreCase) && first[(eq + 1)..].Trim() == value;
    }
}

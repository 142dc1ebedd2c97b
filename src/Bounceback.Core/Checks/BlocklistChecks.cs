using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bounceback.Core.Checks;

/// <summary>Looks an IP address up in DNS blocklists and tells a listing apart from the list refusing to answer.</summary>
internal sealed class BlocklistChecks
{
    private readonly DnsLookup _dns;
    private readonly CheckTexts _t;

    public BlocklistChecks(DnsLookup dns, CheckTexts texts)
    {
        _dns = dns;
        _t = texts;
    }

    /// <summary>The name to query: the address's octets (IPv4) or nibbles (IPv6) reversed, then the zone.</summary>
    public static string QueryName(IPAddress ip, string zone)
    {
        var bytes = ip.GetAddressBytes();
        var sb = new StringBuilder(80);
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            for (var i = bytes.Length - 1; i >= 0; i--) sb.Append(bytes[i]).Append('.');
        }
        else
        {
            for (var i = bytes.Length - 1; i >= 0; i--)
            {
                sb.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.');
                sb.Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
            }
        }
        return sb.Append(zone).ToString();
    }

    public async Task<CheckResult> CheckAsync(IPAddress ip, Blocklist list, CancellationToken ct)
    {
        var id = "dnsbl:" + list.Zone;
        var d = new Dictionary<string, string> { ["ip"] = ip.ToString(), ["zone"] = list.Zone, ["list"] = list.Name };
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && !list.Ipv6) return _t.Make(id, CheckStatus.Error, "no-ipv6", d);
        var answer = await _dns.AAsync(QueryName(ip, list.Zone), ct).ConfigureAwait(false);
        if (answer.Outcome is DnsOutcome.NxDomain or DnsOutcome.NoData) return _t.Make(id, CheckStatus.Pass, "not-listed", d);
        if (!answer.Answered) return _t.Make(id, CheckStatus.Error, "dns-failed", DnsChecks.With(d, "error", answer.Error ?? answer.Outcome.ToString()));
        var codes = answer.Records.Select(a => a.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();
        d["codes"] = string.Join(", ", codes);
        var refusal = list.Refusals.FirstOrDefault(r => codes.Contains(r.Code));
        if (refusal is not null)
        {
            d["meaning"] = refusal.Meaning.Get(_t.Language);
            return _t.Make(id, CheckStatus.Error, "refused", d);
        }
        if (answer.Records.Any(a => a.AddressFamily != AddressFamily.InterNetwork || a.GetAddressBytes()[0] != 127))
        {
            return _t.Make(id, CheckStatus.Error, "odd-answer", d);
        }
        var known = list.Codes.Where(c => codes.Contains(c.Code)).ToList();
        d["meaning"] = known.Count > 0 ? string.Join(" ", known.Select(k => k.Meaning.Get(_t.Language))) : "-";
        d["lists"] = known.Count > 0 ? string.Join(", ", known.Select(k => k.Name)) : list.Name;
        if (list.Removal is not null) d["removal"] = list.Removal;
        return _t.Make(id, CheckStatus.Fail, "listed", d);
    }
}

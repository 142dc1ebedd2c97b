using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bounceback.Core.Checks;

/// <summary>Reading of SPF records (RFC 7208): syntax of the terms and the terms that cost a DNS lookup.</summary>
internal static class Spf
{
    private const int MaxTerms = 100;

    /// <summary>What one record holds: the lookup-costing terms, the domains to follow (include, redirect), a syntax error.</summary>
    public sealed record Record(int LookupTerms, IReadOnlyList<string> Follow, string? SyntaxError);

    /// <summary>The running totals while following includes.</summary>
    public sealed class Counter
    {
        public int Lookups { get; set; }
        public int Queries { get; set; }
        public string? SyntaxError { get; set; }
        public string? MissingInclude { get; set; }
        public string? DnsError { get; set; }
        public HashSet<string> Visited { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>An SPF record starts with exactly "v=spf1" followed by a space or nothing.</summary>
    public static bool IsSpf(string txt) =>
        txt.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase) && (txt.Length == 6 || txt[6] == ' ');

    public static bool AllowsAll(string record) =>
        record.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(t => t.Equals("+all", StringComparison.OrdinalIgnoreCase) || t.Equals("all", StringComparison.OrdinalIgnoreCase));

    public static Record Parse(string record)
    {
        var terms = record.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (terms.Length > MaxTerms) return new(0, [], "too many terms");
        var lookups = 0;
        var follow = new List<string>();
        string? redirect = null;
        var hasAll = false;
        foreach (var raw in terms.Skip(1))
        {
            var term = raw;
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            if (eq > 0 && (colon < 0 || eq < colon))
            {
                var name = term[..eq].ToLowerInvariant();
                var value = term[(eq + 1)..];
                if (!IsModifierName(name)) return new(lookups, follow, raw);
                if (name == "redirect")
                {
                    if (redirect is not null || value.Length == 0) return new(lookups, follow, raw);
                    redirect = value;
                }
                else if (name == "exp" && value.Length == 0) return new(lookups, follow, raw);
                continue;
            }
            if (term.Length > 0 && term[0] is '+' or '-' or '~' or '?') term = term[1..];
            var mech = (colon < 0 ? term.Split('/')[0] : term[..term.IndexOf(':', StringComparison.Ordinal)]).ToLowerInvariant();
            var arg = colon < 0 ? null : term[(term.IndexOf(':', StringComparison.Ordinal) + 1)..];
            switch (mech)
            {
                case "all" when arg is null && term.Equals("all", StringComparison.OrdinalIgnoreCase):
                    hasAll = true;
                    break;
                case "include" when !string.IsNullOrEmpty(arg):
                    lookups++;
                    follow.Add(arg);
                    break;
                case "exists" when !string.IsNullOrEmpty(arg):
                    lookups++;
                    break;
                case "a" or "mx" or "ptr" when arg is null || (arg.Length > 0 && ValidCidrs(arg)):
                    lookups++;
                    break;
                case "ip4" when arg is not null && ValidIp(arg, AddressFamily.InterNetwork, 32):
                    break;
                case "ip6" when arg is not null && ValidIp(arg, AddressFamily.InterNetworkV6, 128):
                    break;
                default:
                    if (mech is "a" or "mx" && term.Contains('/', StringComparison.Ordinal) && arg is null) { lookups++; break; }
                    return new(lookups, follow, raw);
            }
        }
        if (redirect is not null && !hasAll)
        {
            lookups++;
            follow.Add(redirect);
        }
        return new(lookups, follow, null);
    }

    private static bool IsModifierName(string name) =>
        name.Length > 0 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool ValidCidrs(string arg)
    {
        var slash = arg.IndexOf('/', StringComparison.Ordinal);
        return slash != 0;
    }

    private static bool ValidIp(string arg, AddressFamily family, int maxPrefix)
    {
        var slash = arg.IndexOf('/', StringComparison.Ordinal);
        var ip = slash < 0 ? arg : arg[..slash];
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != family) return false;
        if (family == AddressFamily.InterNetwork && ip.Count(c => c == '.') != 3) return false;
        if (slash < 0) return true;
        return int.TryParse(arg[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix <= maxPrefix;
    }
}

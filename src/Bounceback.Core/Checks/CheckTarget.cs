using System.Globalization;
using System.Net;

namespace Bounceback.Core.Checks;

/// <summary>What a target names: a mail domain, an IP address, or one port of a mail server.</summary>
public enum CheckTargetKind
{
    Domain,
    Ip,
    Server,
}

/// <summary>A parsed check target: "user@example.com" and "example.com" are domains, "192.0.2.1" an IP, "mail.example.com:587" a server.</summary>
public sealed record CheckTarget(string Text, CheckTargetKind Kind, string Host, int Port = 0)
{
    /// <summary>Reads a target; false for anything that is not a plausible domain, address, IP or host:port.</summary>
    public static bool TryParse(string? text, out CheckTarget target)
    {
        target = null!;
        var t = (text ?? "").Trim();
        if (t.Length is 0 or > 320) return false;
        var at = t.LastIndexOf('@');
        if (at >= 0)
        {
            var domain = t[(at + 1)..].TrimEnd('.', '>');
            if (at == 0 || !IsHostName(domain)) return false;
            target = new CheckTarget(t, CheckTargetKind.Domain, domain.ToLowerInvariant());
            return true;
        }
        var colons = t.Count(c => c == ':');
        if ((colons == 0 || (colons > 1 && !t.StartsWith('['))) && IPAddress.TryParse(t, out var ip))
        {
            target = new CheckTarget(t, CheckTargetKind.Ip, ip.ToString());
            return true;
        }
        if (t.StartsWith('[') && t.EndsWith(']') && IPAddress.TryParse(t[1..^1], out ip))
        {
            target = new CheckTarget(t, CheckTargetKind.Ip, ip.ToString());
            return true;
        }
        var colon = t.LastIndexOf(':');
        if (colon > 0)
        {
            var host = t[..colon].Trim('[', ']');
            if (!int.TryParse(t[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535) return false;
            if (!IPAddress.TryParse(host, out _) && !IsHostName(host)) return false;
            target = new CheckTarget(t, CheckTargetKind.Server, host.ToLowerInvariant(), port);
            return true;
        }
        var name = t.TrimEnd('.');
        if (!IsHostName(name) || !name.Contains('.', StringComparison.Ordinal)) return false;
        target = new CheckTarget(t, CheckTargetKind.Domain, name.ToLowerInvariant());
        return true;
    }

    /// <summary>A DNS host name: labels of letters, digits, hyphens and underscores, at most 253 characters.</summary>
    public static bool IsHostName(string name)
    {
        if (name.Length is 0 or > 253) return false;
        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
            }
        }
        return true;
    }
}

using System.Globalization;

namespace Bounceback.Core.Codes;

/// <summary>A Windows Sockets error number (10004 to 11031), such as 10060 (timed out).</summary>
public readonly record struct WinsockError(int Value)
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    public static bool IsInRange(int value) => value is >= 10004 and <= 11031;

    public static bool TryParse(ReadOnlySpan<char> text, out WinsockError error)
    {
        error = default;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) || !IsInRange(v)) return false;
        error = new WinsockError(v);
        return true;
    }
}

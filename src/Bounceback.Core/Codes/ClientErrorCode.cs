using System.Globalization;

namespace Bounceback.Core.Codes;

/// <summary>A Windows mail client error (HRESULT) such as 0x800CCC0E (Outlook, Windows Mail, Outlook Express).</summary>
public readonly record struct ClientErrorCode(uint Value)
{
    /// <summary>The HRESULT facility (12 = internet, for the IMNXPORT range 0x800CCCxx; 4 = interface, for 0x8004xxxx).</summary>
    public int Facility => (int)((Value >> 16) & 0x1FFF);

    /// <summary>Whether this is an error of Windows' Volume Shadow Copy Service (VSS_E_*, 0x800423xx and 0x800424xx), which
    /// backup reports show ("0x800423F4"): the same facility as Outlook's 0x8004xxxx codes, but nothing to do with mail.</summary>
    public bool IsShadowCopyError => (Value & 0xFFFFFF00) is 0x80042300 or 0x80042400;

    public override string ToString() => "0x" + Value.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Parses "0x800CCC0E" or "800CCC0E" (eight hex digits, case-insensitive).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ClientErrorCode code)
    {
        code = default;
        text = text.Trim();
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) text = text[2..];
        if (text.Length != 8 || !uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)) return false;
        if ((v & 0x80000000) == 0) return false;
        code = new ClientErrorCode(v);
        return true;
    }
}

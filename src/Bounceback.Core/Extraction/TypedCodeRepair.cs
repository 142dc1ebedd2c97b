using System.Text.RegularExpressions;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Extraction;

/// <summary>
/// Codes as people retype or scan them from a screen: the letter O for a zero ("0x800CCCOE", "Ox800CCC92",
/// "Socketfout: 1OO61", "55O 5.1.1"), and an enhanced status written with spaces or decimal commas right after its
/// reply code ("550 5 1 1", "550 5,7,1"). The repair changes characters one for one, so positions in the repaired text
/// are those of the original. A Windows client code or socket error is repaired only into a code the catalog knows; a
/// reply code only before an enhanced status of its class; the spaced or comma status only after a reply code of the
/// same class.
/// </summary>
internal static partial class TypedCodeRepair
{
    /// <summary>Texts longer than this are bounces or logs, not typed codes: they are left as they are.</summary>
    private const int MaxLength = 64 * 1024;

    /// <param name="text">The pasted text.</param>
    /// <param name="known">Whether the catalog explains a code of a kind (written as the extractor normalises it).</param>
    /// <returns>The text with its mistyped codes written as codes; the same instance when nothing needed repair.</returns>
    public static string Repair(string text, Func<CodeKind, string, bool> known)
    {
        if (text.Length > MaxLength || !MayNeedRepair(text)) return text;
        char[]? chars = null;
        foreach (var m in ClientCodeWithLetterO().EnumerateMatches(text))
        {
            var code = "0x" + ZerosFor(text.AsSpan(m.Index + 2, m.Length - 2)).ToUpperInvariant();
            if (text.AsSpan(m.Index, m.Length).ContainsAny('O', 'o') && known(CodeKind.WindowsClient, code)) Write(ref chars, text, m.Index, ZerosFor(text.AsSpan(m.Index, 1)) + text[m.Index + 1] + code[2..]);
        }
        foreach (Match m in SocketErrorWithLetterO().Matches(text))
        {
            var n = m.Groups["n"];
            var code = ZerosFor(n.ValueSpan);
            if (n.ValueSpan.ContainsAny('O', 'o') && known(CodeKind.Winsock, code)) Write(ref chars, text, n.Index, code);
        }
        foreach (Match m in ReplyWithLetterO().Matches(text))
        {
            var r = m.Groups["r"];
            if (r.ValueSpan.ContainsAny('O', 'o') && r.ValueSpan[0] == m.Groups["c"].ValueSpan[0]) Write(ref chars, text, r.Index, ZerosFor(r.ValueSpan));
        }
        foreach (Match m in StatusWithoutDots().Matches(text))
        {
            if (m.Groups["r"].ValueSpan[0] != m.Groups["c"].ValueSpan[0]) continue;
            Write(ref chars, text, m.Groups["s1"].Index, ".");
            Write(ref chars, text, m.Groups["s2"].Index, ".");
        }
        return chars is null ? text : new string(chars);
    }

    /// <summary>A cheap look before the patterns run: a letter O after a hex digit, before a digit or an x, or a digit, a space
    /// or comma and a digit.</summary>
    private static bool MayNeedRepair(string text)
    {
        for (var i = 0; i < text.Length - 1; i++)
        {
            var c = text[i];
            if ((c is 'O' or 'o' && ((i > 0 && char.IsAsciiHexDigit(text[i - 1])) || char.IsAsciiDigit(text[i + 1]) || text[i + 1] is 'x' or 'X'))
                || (c is ' ' or ',' && i > 0 && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]))) return true;
        }
        return false;
    }

    private static string ZerosFor(ReadOnlySpan<char> s)
    {
        Span<char> c = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++) c[i] = s[i] is 'O' or 'o' ? '0' : s[i];
        return new string(c);
    }

    private static void Write(ref char[]? chars, string text, int at, string value)
    {
        chars ??= text.ToCharArray();
        value.AsSpan().CopyTo(chars.AsSpan(at));
    }

    // "0x800CCCOE", "Ox800CCC92", "0x80O4210B": a zero or O, x, eight hex digits or Os, as a word of its own.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[0O][xX][0-9A-Fa-fOo]{8}(?![0-9A-Za-z])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ClientCodeWithLetterO();

    // "Socketfout: 1OO61", "Socket Error: 10O53", "winsock 1OO6O": five characters of digits and Os after a socket word.
    [GeneratedRegex(@"(?:socket\s?(?:error|fout|fehler)|winsock(?:\s?(?:error|fout))?)\s{0,3}[:#]?\s{0,3}(?<n>1[0-9Oo]{4})(?![0-9A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SocketErrorWithLetterO();

    // "55O 5.1.1", "55O-5.7.26": a reply code with an O before an enhanced status of its class.
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<r>[245][0-9Oo]{2})[ -](?<c>[245])\.\d{1,3}\.\d{1,3}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReplyWithLetterO();

    // "550 5 1 1", "550 5,7,1": a reply code, then its class digit, subject and detail with spaces or commas for dots.
    [GeneratedRegex(@"(?<![0-9A-Za-z.,])(?<r>[245]\d\d)[ -](?<c>[245])(?<s1>[ ,])[0-7](?<s2>[ ,])\d{1,3}(?![0-9A-Za-z]|[.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StatusWithoutDots();
}

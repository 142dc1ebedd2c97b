using System.Text.RegularExpressions;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// Exchange's section for administrators quotes each delivery attempt's remote reply ("16-12-2026 12:01:55 - Remote
/// Server at mx (ip) returned '451 4.7.1 ... Greylisted'"), after its own "returned '400 4.4.7 Message delayed'" in a
/// delay notice. The last remote reply is the cause of the delay; Exchange's own line says only that there is one.
/// Used by the report reader and the plain-text reader, which meet the same section.
/// </summary>
internal static partial class ExchangeAttempts
{
    /// <summary>Whether a reply is Exchange's own "400 4.4.7 Message delayed", however a relay folded it.</summary>
    public static bool IsOwnDelay(string reply)
    {
        var words = reply.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 3 && words[0] == "400" && words[1] == "4.4.7";
    }

    /// <summary>Whether a reply is Exchange's own expiry, "550 4.4.7 QUEUE.Expired; message expired".</summary>
    public static bool IsOwnExpiry(string reply) => reply.Contains("QUEUE.Expired", StringComparison.OrdinalIgnoreCase);

    /// <summary>The last reply quoted in a block of the section that is not Exchange's own delay or expiry, or null.</summary>
    public static string? LastRemoteReply(string block)
    {
        string? last = null;
        foreach (Match m in QuotedAttempt().Matches(block))
        {
            var reply = m.Groups["r"].Value;
            if (!IsOwnDelay(reply) && !IsOwnExpiry(reply)) last = reply;
        }
        return last;
    }

    // The quote that ends the reply is followed by white space or the end: an address may hold an apostrophe. The verb
    // in the notice's language: "returned", German "hat '...' zurückgegeben", Dutch "heeft '...' geretourneerd", French
    // "a renvoyé", Spanish "devolvió", Italian "ha restituito", Portuguese "retornou", Hebrew "החזיר", Turkish "döndürdü",
    // Greek "επέστρεψε", Russian "вернул", Polish "zwrócił", Swedish "returnerade", Norwegian "returnerte"; Japanese
    // "(ip) のサーバーから '452 ...' が返されました", Chinese "返回了 '...'", Korean "서버가 '...'을(를) 반환했습니다", where
    // the space before the quote may be left out.
    [GeneratedRegex(@"(?:(?:returned|hat|heeft|a renvoyé|a retourné|devolvió|ha devuelto|ha restituito|retornou|החזיר|döndürdü|επέστρεψε|вернул|zwrócił|returnerade|returnerte) |(?:から|返回了?|서버가) ?)'(?<r>[245]\d\d[ -].{1,500}?)'(?=\s|$|[。がを을])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: RegexBudget.Milliseconds)]
    private static partial Regex QuotedAttempt();
}

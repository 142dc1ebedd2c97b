using Bounceback.Core.Codes;

namespace Bounceback.Core.Catalog;

/// <summary>One explained code: what it means, why it happens, whose side it is on and what to do.</summary>
/// <remarks>
/// Enhanced codes may be written class-independently ("x.7.1"); such an entry serves 4.7.1 and 5.7.1 alike and takes its
/// severity from the class of the code it explains. A class-specific entry ("4.4.7") wins over the x-form.
/// Provider entries belong to one provider's profile and win over the generic entry when that provider is recognised.
/// </remarks>
public sealed record CatalogEntry
{
    /// <summary>The code as the catalog keys it: "x.1.1", "4.4.7", "550", "0x800CCC0E", "10060", "TSS04", "5.7.606".</summary>
    public required string Code { get; init; }
    public required CodeKind Kind { get; init; }
    /// <summary>For provider entries: the profile id ("google", "microsoft", ...); otherwise null.</summary>
    public string? Provider { get; init; }
    /// <summary>A symbolic name where the source gives one (IXP_E_..., WSAETIMEDOUT).</summary>
    public string? Symbol { get; init; }
    public required LocalizedText Title { get; init; }
    public required LocalizedText Meaning { get; init; }
    public required LocalizedList Causes { get; init; }
    public required LocalizedList SenderSteps { get; init; }
    public required LocalizedList AdminSteps { get; init; }
    /// <summary>
    /// For a code that happens while sending and while fetching mail (0x800CCC0E, Winsock 10060): the steps to give when
    /// the text is about fetching mail over POP3 or IMAP. Empty when the code's steps fit both.
    /// </summary>
    public LocalizedList ReceivingSenderSteps { get; init; } = LocalizedList.Empty;
    public LocalizedList ReceivingAdminSteps { get; init; } = LocalizedList.Empty;
    public required FaultSide FaultSide { get; init; }
    /// <summary>Null for class-independent entries: the severity then comes from the class digit.</summary>
    public Severity? Severity { get; init; }
    public required BounceReason Reason { get; init; }
    /// <summary>RFC number or vendor document title.</summary>
    public required string Source { get; init; }
    /// <summary>Provider entries only: phrases of which at least one must occur near the code (case-insensitive); empty means none needed.</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];
    /// <summary>Provider entries only: the reply code the provider pairs the token with, when it matters.</summary>
    public int? Reply { get; init; }
    /// <summary>
    /// Reply entries only: a bare three-digit number (not on a reply line) is read first as the enhanced code written
    /// without dots. For codes that exist as replies only on paper (523, tied to 5.7.10 in the registry) while help
    /// pages and mail programs use the number for the enhanced code (5.2.3).
    /// </summary>
    public bool PreferDotless { get; init; }
    /// <summary>
    /// The code says that the sending server stopped trying (x.4.7, delivery time expired): the summary's sentence on
    /// trying again says so, instead of the temporary class's "the server tries again by itself".
    /// </summary>
    public bool GaveUp { get; init; }
    /// <summary>A limit that resets after a time (a daily sending quota, an hourly recipient limit): refused for good
    /// now, but the same message goes through once the limit has reset.</summary>
    public bool Resets { get; init; }
    /// <summary>A temporary refusal for a setting of the sender's (no reverse DNS, SPF, DKIM, no TLS): the sending server
    /// tries again by itself, but every try fails the same way until the setting is fixed.</summary>
    public bool UntilFixed { get; init; }
    /// <summary>
    /// From wording.yaml: the meaning a standard code takes where one of the entry's phrases is in the server's words
    /// ("450 4.2.0 ... Greylisted"). Not listed as a code of its own (the code's page is its standard entry).
    /// </summary>
    public bool IsWording { get; init; }
    /// <summary>The catalog file the entry came from (for messages and tests).</summary>
    public string File { get; init; } = "";
    /// <summary>The entry's position in its catalog's <see cref="ExplanationCatalog.Entries"/>; -1 for an entry made elsewhere.</summary>
    internal int Id { get; init; } = -1;
}

/// <summary>A receiving provider or filter whose wording the catalog knows, and how to recognise it in text.</summary>
/// <param name="Id">Short id, e.g. "google".</param>
/// <param name="Name">Display name, e.g. "Google (Gmail, Google Workspace)".</param>
/// <param name="Detect">Words or host names whose presence in a text shows this provider's hand (case-insensitive).</param>
/// <param name="TokenPatterns">Regular expressions (run with a match timeout) for the provider's own tokens, e.g. "\\[TS[S]?\\d{2}\\]".</param>
public sealed record ProviderProfile(string Id, string Name, IReadOnlyList<string> Detect, IReadOnlyList<string> TokenPatterns);

using YamlDotNet.Serialization;

namespace Bounceback.Core.Catalog;

// The YAML shape of a catalog file. Mutable only because the deserializer needs it; converted to records at once.
#pragma warning disable CA1002, CA2227
internal sealed class CatalogFileDto
{
    /// <summary>enhanced, reply, windows-client, winsock, provider (for files under providers/).</summary>
    public string? Family { get; set; }
    public ProviderDto? Provider { get; set; }
    public List<EntryDto> Entries { get; set; } = [];
    /// <summary>Only in ui.yaml: key -> text.</summary>
    public Dictionary<string, TextDto>? Strings { get; set; }
}

internal sealed class ProviderDto
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public List<string> Detect { get; set; } = [];
    public List<string> Tokens { get; set; } = [];
}

internal sealed class EntryDto
{
    public string? Code { get; set; }
    public string? Kind { get; set; }
    public string? Symbol { get; set; }
    public TextDto? Title { get; set; }
    public TextDto? Meaning { get; set; }
    public ListDto? Causes { get; set; }
    public StepsDto? Steps { get; set; }
    [YamlMember(Alias = "faultSide")]
    public string? FaultSide { get; set; }
    public string? Severity { get; set; }
    public string? Reason { get; set; }
    public string? Source { get; set; }
    public List<string> Phrases { get; set; } = [];
    public int? Reply { get; set; }
    public bool PreferDotless { get; set; }
    [YamlMember(Alias = "gaveUp")]
    public bool GaveUp { get; set; }
    public bool Resets { get; set; }
    [YamlMember(Alias = "untilFixed")]
    public bool UntilFixed { get; set; }
}

internal sealed class TextDto
{
    public string? En { get; set; }
    public string? Nl { get; set; }
}

internal sealed class ListDto
{
    public List<string> En { get; set; } = [];
    public List<string> Nl { get; set; } = [];
}

internal sealed class StepsDto
{
    public ListDto? Sender { get; set; }
    public ListDto? Admin { get; set; }
    /// <summary>Steps for the same code met while fetching mail (POP3, IMAP), for codes that happen in either direction.</summary>
    public StepsDto? Receiving { get; set; }
}
#pragma warning restore CA1002, CA2227

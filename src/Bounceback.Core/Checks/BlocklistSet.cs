using System.Net;
using Bounceback.Core.Catalog;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bounceback.Core.Checks;

/// <summary>One answer a blocklist can give: a listing (with its list name) or a refusal to answer.</summary>
public sealed record BlocklistCode(string Code, string Name, LocalizedText Meaning);

/// <summary>A DNS blocklist: the zone to query, its answers and their meanings, and the words that name it in a bounce.</summary>
public sealed record Blocklist(
    string Zone,
    string Name,
    IReadOnlyList<string> Match,
    bool Ipv6,
    string? Removal,
    IReadOnlyList<BlocklistCode> Codes,
    IReadOnlyList<BlocklistCode> Refusals);

/// <summary>The configurable set of blocklists, read from YAML (the shipped Checks/Data/blocklists.yaml or a file of your own).</summary>
public sealed class BlocklistSet
{
    private static readonly Lazy<BlocklistSet> DefaultSet = new(() =>
    {
        using var stream = typeof(BlocklistSet).Assembly.GetManifestResourceStream("checks/blocklists.yaml")
            ?? throw new CatalogException("The embedded blocklist data is missing.");
        return Load(stream);
    });

    /// <summary>The blocklists shipped with the library.</summary>
    public static BlocklistSet Default => DefaultSet.Value;

    public IReadOnlyList<Blocklist> Lists { get; }

    public BlocklistSet(IReadOnlyList<Blocklist> lists) => Lists = lists;

    /// <summary>The lists a bounce text names ("blocked using zen.spamhaus.org", "Barracuda Reputation"); empty when none.</summary>
    public IReadOnlyList<Blocklist> NamedIn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        return Lists.Where(l => text.Contains(l.Zone, StringComparison.OrdinalIgnoreCase)
            || l.Match.Any(m => m.Length > 3 && text.Contains(m, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>Reads a blocklist file; throws <see cref="CatalogException"/> when it is not valid.</summary>
    public static BlocklistSet Load(Stream yaml)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        BlocklistFileDto dto;
        try
        {
            using var reader = new StreamReader(yaml);
            dto = deserializer.Deserialize<BlocklistFileDto>(reader) ?? new BlocklistFileDto();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new CatalogException($"Blocklist file is not valid: {ex.Message}", ex);
        }
        var lists = new List<Blocklist>();
        foreach (var b in dto.Blocklists)
        {
            var zone = b.Zone?.Trim().TrimEnd('.').ToLowerInvariant();
            if (zone is null || !CheckTarget.IsHostName(zone)) throw new CatalogException($"Blocklist '{b.Zone}' has no valid zone.");
            lists.Add(new Blocklist(zone, b.Name ?? zone, b.Match, b.Ipv6, b.Removal, Codes(zone, b.Codes), Codes(zone, b.Refusals)));
        }
        return new BlocklistSet(lists);

        static List<BlocklistCode> Codes(string zone, List<BlocklistCodeDto> codes) => codes.Select(c =>
        {
            if (c.Code is null || !IPAddress.TryParse(c.Code, out _)) throw new CatalogException($"Blocklist {zone}: '{c.Code}' is not an address.");
            if (c.Meaning?.En is null || c.Meaning.Nl is null) throw new CatalogException($"Blocklist {zone}: {c.Code} needs a meaning in en and nl.");
            return new BlocklistCode(c.Code, c.Name ?? c.Code, new LocalizedText(c.Meaning.En.Trim(), c.Meaning.Nl.Trim()));
        }).ToList();
    }
}

#pragma warning disable CA1002, CA2227
internal sealed class BlocklistFileDto
{
    public List<BlocklistDto> Blocklists { get; set; } = [];
}

internal sealed class BlocklistDto
{
    public string? Zone { get; set; }
    public string? Name { get; set; }
    public List<string> Match { get; set; } = [];
    public bool Ipv6 { get; set; }
    public string? Removal { get; set; }
    public List<BlocklistCodeDto> Codes { get; set; } = [];
    public List<BlocklistCodeDto> Refusals { get; set; } = [];
}

internal sealed class BlocklistCodeDto
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public TextDto? Meaning { get; set; }
}
#pragma warning restore CA1002, CA2227

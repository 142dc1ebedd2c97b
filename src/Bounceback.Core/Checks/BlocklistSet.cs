using System.Net;
using Bounceback.Core.Catalog;
using YamlDotNet.RepresentationModel;

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
    /// <remarks>Read node by node (YamlDotNet's representation model), not with its reflection deserializer, so the
    /// reader also works in the trimmed Native AOT build of the tool.</remarks>
    public static BlocklistSet Load(Stream yaml)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(yaml);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new CatalogException($"Blocklist file is not valid: {ex.Message}", ex);
        }
        var lists = new List<Blocklist>();
        if (stream.Documents.Count == 0) return new BlocklistSet(lists);
        var root = Map(stream.Documents[0].RootNode, "the file");
        foreach (var (key, value) in root.Children)
        {
            if (Scalar(key, "a key") != "blocklists") throw Invalid(key, $"unknown key '{Scalar(key, "a key")}'");
            foreach (var node in Sequence(value, "blocklists").Children) lists.Add(ReadList(node));
        }
        return new BlocklistSet(lists);
    }

    private static Blocklist ReadList(YamlNode node)
    {
        string? zone = null, name = null, removal = null;
        var match = new List<string>();
        var ipv6 = false;
        List<BlocklistCode>? codes = null, refusals = null;
        List<YamlNode>? codeNodes = null, refusalNodes = null;
        foreach (var (key, value) in Map(node, "a blocklist").Children)
        {
            switch (Scalar(key, "a key"))
            {
                case "zone": zone = Scalar(value, "zone"); break;
                case "name": name = Scalar(value, "name"); break;
                case "removal": removal = Scalar(value, "removal"); break;
                case "match": match.AddRange(Sequence(value, "match").Children.Select(m => Scalar(m, "match"))); break;
                case "ipv6":
                    if (!bool.TryParse(Scalar(value, "ipv6"), out ipv6)) throw Invalid(value, "ipv6 must be true or false");
                    break;
                case "codes": codeNodes = [.. Sequence(value, "codes").Children]; break;
                case "refusals": refusalNodes = [.. Sequence(value, "refusals").Children]; break;
                case var other: throw Invalid(key, $"unknown key '{other}'");
            }
        }
        var cleanZone = zone?.Trim().TrimEnd('.').ToLowerInvariant();
        if (cleanZone is null || !CheckTarget.IsHostName(cleanZone)) throw new CatalogException($"Blocklist '{zone}' has no valid zone.");
        codes = codeNodes?.Select(c => ReadCode(cleanZone, c)).ToList() ?? [];
        refusals = refusalNodes?.Select(c => ReadCode(cleanZone, c)).ToList() ?? [];
        return new Blocklist(cleanZone, name ?? cleanZone, match, ipv6, removal, codes, refusals);
    }

    private static BlocklistCode ReadCode(string zone, YamlNode node)
    {
        string? code = null, name = null, en = null, nl = null;
        foreach (var (key, value) in Map(node, "a code").Children)
        {
            switch (Scalar(key, "a key"))
            {
                case "code": code = Scalar(value, "code"); break;
                case "name": name = Scalar(value, "name"); break;
                case "meaning":
                    foreach (var (lang, text) in Map(value, "meaning").Children)
                    {
                        switch (Scalar(lang, "a language"))
                        {
                            case "en": en = Scalar(text, "meaning"); break;
                            case "nl": nl = Scalar(text, "meaning"); break;
                            case var other: throw Invalid(lang, $"unknown language '{other}'");
                        }
                    }
                    break;
                case var other: throw Invalid(key, $"unknown key '{other}'");
            }
        }
        if (code is null || !IPAddress.TryParse(code, out _)) throw new CatalogException($"Blocklist {zone}: '{code}' is not an address.");
        if (en is null || nl is null) throw new CatalogException($"Blocklist {zone}: {code} needs a meaning in en and nl.");
        return new BlocklistCode(code, name ?? code, new LocalizedText(en.Trim(), nl.Trim()));
    }

    private static YamlMappingNode Map(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Invalid(node, $"{what} must be a mapping");

    private static YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Invalid(node, $"{what} must be a list");

    private static string Scalar(YamlNode node, string what) =>
        (node as YamlScalarNode)?.Value ?? throw Invalid(node, $"{what} must be a single value");

    private static CatalogException Invalid(YamlNode node, string problem) =>
        new($"Blocklist file is not valid: line {node.Start.Line}: {problem}.");
}


using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bounceback.Core.Catalog;

/// <summary>Reads one catalog YAML file into its data shape; shared by the catalog loader and the build-time compiler.</summary>
internal static class CatalogYaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Parses a catalog file; a file that is not valid YAML of this shape throws <see cref="CatalogException"/>.</summary>
    public static CatalogFileDto Read(string name, TextReader reader)
    {
        try
        {
            // Merge keys ("<<: *entry") let one entry serve several codes with one text (wording.yaml).
            return Deserializer.Deserialize<CatalogFileDto>(new YamlDotNet.Core.MergingParser(new YamlDotNet.Core.Parser(reader))) ?? new CatalogFileDto();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            // YamlDotNet's message is general ("Exception during deserialization"); where and why are in its position and
            // inner exception.
            var why = ex.InnerException is { } inner ? $" ({inner.Message})" : "";
            throw new CatalogException($"Catalog file {name} is not valid at line {ex.Start.Line}: {ex.Message}{why}", ex);
        }
    }
}

using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests;

public class CatalogLoadingTests
{
    [Fact]
    public void Embedded_catalog_loads_and_finds_a_class_independent_entry_for_a_class_specific_code()
    {
        var entry = ExplanationCatalog.Default.Find(CodeKind.Enhanced, "5.1.1");
        Assert.NotNull(entry);
        Assert.Equal("x.1.1", entry.Code);
        Assert.Equal(BounceReason.UserUnknown, entry.Reason);
    }

    [Fact]
    public void Malformed_catalog_file_gives_a_catalog_exception_naming_the_file()
    {
        var yaml = "family: enhanced\nentries:\n  - code: x.9.9\n    faultSide: nowhere\n    reason: userunknown\n";
        var ex = Assert.Throws<CatalogException>(() => ExplanationCatalog.Load([("bad.yaml", () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(yaml)))]));
        Assert.Contains("bad.yaml", ex.Message);
        Assert.Contains("faultSide", ex.Message);
    }

    [Fact]
    public void Embedded_compiled_catalog_matches_the_yaml_source_files()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bounceback.slnx"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var data = Path.Combine(dir.FullName, "src", "Bounceback.Core", "Catalog", "Data");
        var files = Directory.EnumerateFiles(data, "*.yaml", SearchOption.AllDirectories)
            .Select(path => ("catalog/" + Path.GetRelativePath(data, path).Replace('\\', '/'), (Func<Stream>)(() => File.OpenRead(path))))
            .OrderBy(f => f.Item1, StringComparer.Ordinal);
        var fromYaml = ExplanationCatalog.Load(files);
        var embedded = ExplanationCatalog.Default;

        Assert.Equal(fromYaml.Entries.Count, embedded.Entries.Count);
        Assert.Equal(fromYaml.Providers.Select(p => (p.Id, string.Join("|", p.Detect), string.Join("|", p.TokenPatterns))),
            embedded.Providers.Select(p => (p.Id, string.Join("|", p.Detect), string.Join("|", p.TokenPatterns))));
        Assert.Equal(fromYaml.Strings.OrderBy(s => s.Key, StringComparer.Ordinal), embedded.Strings.OrderBy(s => s.Key, StringComparer.Ordinal));
        foreach (var (a, b) in fromYaml.Entries.Zip(embedded.Entries))
        {
            Assert.Equal((a.Code, a.Kind, a.Provider, a.Symbol, a.Title, a.Meaning, a.FaultSide, a.Severity, a.Reason, a.Source, a.Reply, a.File),
                (b.Code, b.Kind, b.Provider, b.Symbol, b.Title, b.Meaning, b.FaultSide, b.Severity, b.Reason, b.Source, b.Reply, b.File));
            Assert.Equal(a.Causes.En.Concat(a.Causes.Nl).Concat(a.SenderSteps.En).Concat(a.SenderSteps.Nl).Concat(a.AdminSteps.En).Concat(a.AdminSteps.Nl)
                .Concat(a.ReceivingSenderSteps.En).Concat(a.ReceivingSenderSteps.Nl).Concat(a.ReceivingAdminSteps.En).Concat(a.ReceivingAdminSteps.Nl).Concat(a.Phrases),
                b.Causes.En.Concat(b.Causes.Nl).Concat(b.SenderSteps.En).Concat(b.SenderSteps.Nl).Concat(b.AdminSteps.En).Concat(b.AdminSteps.Nl)
                .Concat(b.ReceivingSenderSteps.En).Concat(b.ReceivingSenderSteps.Nl).Concat(b.ReceivingAdminSteps.En).Concat(b.ReceivingAdminSteps.Nl).Concat(b.Phrases));
        }
    }
}

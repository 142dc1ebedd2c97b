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
}

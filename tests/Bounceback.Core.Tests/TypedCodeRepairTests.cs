using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Extraction;

namespace Bounceback.Core.Tests;

/// <summary>Codes retyped from a screen are written as codes, in place; other words and numbers are left alone.</summary>
public class TypedCodeRepairTests
{
    private static string Repair(string text) =>
        TypedCodeRepair.Repair(text, (kind, code) => ExplanationCatalog.Default.Find(kind, code) is not null);

    [Theory]
    [InlineData("Foutnummer: 0x800CCCOE", "Foutnummer: 0x800CCC0E")]
    [InlineData("foutnummer Ox800CCC92 sinds gisteren", "foutnummer 0x800CCC92 sinds gisteren")]
    [InlineData("(0x80O4210B)", "(0x8004210B)")]
    [InlineData("Socketfout: 1OO61", "Socketfout: 10061")]
    [InlineData("Socket Error: 10O53, Error Number: 0x800CCC0F", "Socket Error: 10053, Error Number: 0x800CCC0F")]
    [InlineData("55O 5.1.1 Recipient address rejected", "550 5.1.1 Recipient address rejected")]
    [InlineData("foutcode 550 5 1 1 bij verzenden", "foutcode 550 5.1.1 bij verzenden")]
    [InlineData("ik krijg 550 5,7,1 terug", "ik krijg 550 5.7.1 terug")]
    public void A_mistyped_code_is_written_as_the_code(string text, string expected)
    {
        var repaired = Repair(text);
        Assert.Equal(expected, repaired);
        Assert.Equal(text.Length, repaired.Length);
    }

    [Theory]
    // Words with an O, numbers with spaces that are no codes, codes the catalog does not know, classes that differ.
    [InlineData("OOK 0x in de tekst: OxOOOOOOOO")]
    [InlineData("Socketfout: 1OOOO")]
    [InlineData("bel 020 5 1 1 voor hulp")]
    [InlineData("550 4 1 1 ergens")]
    [InlineData("45O euro, 5.1.1 kilo")]
    [InlineData("in 2026 5 7 1 keer")]
    public void Text_that_is_no_mistyped_code_stays(string text) => Assert.Same(text, Repair(text));

    [Fact]
    public void The_repaired_code_is_found_where_it_was_typed()
    {
        const string text = "Outlook: Socketfout: 10060, Foutnummer: 0x800CCCOE (overgetypt)";
        var codes = CodeExtractor.Default.Extract(text).Codes;
        var client = Assert.Single(codes, c => c.Kind == CodeKind.WindowsClient);
        Assert.Equal("0x800CCC0E", client.Code);
        Assert.Equal("0x800CCCOE", text.Substring(client.Start, client.Length));
    }
}

using System.Text;
using Bounceback.Core.Bounces.Decoders;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Addresses and typed fields cut as spans give what the cuts of strings gave.</summary>
public class AddressCleaningTests
{
    private static string StringCleanAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var s = value.Trim();
        var semi = s.IndexOf(';');
        if (semi >= 0 && semi < 12) s = s[(semi + 1)..].Trim();
        var lt = s.LastIndexOf('<');
        var gt = s.LastIndexOf('>');
        if (lt >= 0 && gt > lt) s = s[(lt + 1)..gt];
        s = s.Trim().Trim('<', '>', '"', '\'', ' ', '\t', ':', ',', '.', '(', ')', '[', ']');
        if (s.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) s = s[7..];
        return s;
    }

    private static (string? Type, string Value) StringSplitTyped(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, "");
        var s = value.Trim();
        var semi = s.IndexOf(';');
        // (Spaces before the semicolon are not part of the type name: "smtp ; 550 ...".)
        if (semi > 0 && semi < 16 && s[..semi].TrimEnd(' ') is { Length: > 0 } name && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            return (name.ToLowerInvariant(), s[(semi + 1)..].Trim());
        }
        return (null, s);
    }

    private static string RandomField(Random random)
    {
        string[] bits = ["rfc822", "RFC822", "smtp", "SMTP", "X-Unix", "dns", "Dİ", "ı", ";", "; ", " ", "\t", "<", ">", "\"", "'", "mailto:", "MAILTO:", "ann@example.org", "(", "]", ".", ",", ":", "550 5.1.1 ", "é"];
        var text = new StringBuilder();
        for (var i = random.Next(0, 8); i > 0; i--) text.Append(bits[random.Next(bits.Length)]);
        return text.ToString();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("rfc822; <ann@example.org>")]
    [InlineData("Ann <mailto:ann@example.org>")]
    [InlineData("ann@example.org")]
    [InlineData("SMTP; 550 5.1.1 no such user")]
    [InlineData("X-Postfix;  host said ")]
    public void Examples_are_cut_as_before(string? value)
    {
        Assert.Equal(StringCleanAddress(value), MessageParts.CleanAddress(value));
        Assert.Equal(StringSplitTyped(value), MessageParts.SplitTyped(value));
    }

    [Fact]
    public void Random_fields_are_cut_as_before()
    {
        var random = new Random(61212);
        for (var i = 0; i < 20_000; i++)
        {
            var value = RandomField(random);
            Assert.Equal(StringCleanAddress(value), MessageParts.CleanAddress(value));
            Assert.Equal(StringSplitTyped(value), MessageParts.SplitTyped(value));
        }
    }
}

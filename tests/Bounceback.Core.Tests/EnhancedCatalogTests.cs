using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests;

/// <summary>The enhanced status code family: class and subject rows, class-specific entries and fallbacks.</summary>
public class EnhancedCatalogTests
{
    private static readonly ExplanationCatalog Catalog = ExplanationCatalog.Default;

    [Theory]
    [InlineData("4.7.950")]
    [InlineData("5.3.999")]
    [InlineData("2.0.901")]
    [InlineData("5.1.77")]
    public void Unknown_detail_code_can_be_explained_from_its_class_row_and_subject_row(string code)
    {
        var status = EnhancedStatus.Parse(code);
        var classRow = Catalog.Find(CodeKind.Enhanced, status.Class.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var subjectRow = Catalog.Find(CodeKind.Enhanced, $"x.{status.Subject}");
        Assert.NotNull(classRow);
        Assert.NotNull(subjectRow);
        Assert.Equal<Severity?>(status.Severity, classRow.Severity);
        Assert.Null(Catalog.Find(CodeKind.Enhanced, code));
    }

    [Theory]
    // Their own entries.
    [InlineData("2.1.0", "2.1.0")]
    [InlineData("2.6.0", "2.6.0")]
    [InlineData("2.7.0", "2.7.0")]
    // The subject's general entry is a success too ("destination address valid").
    [InlineData("2.1.5", "x.1.5")]
    // The subject's general entry is a failure: the plain "accepted".
    [InlineData("2.4.0", "2.0.0")]
    [InlineData("2.3.0", "2.0.0")]
    public void A_success_status_is_never_explained_as_a_failure(string code, string entry)
    {
        var found = Catalog.Find(CodeKind.Enhanced, code);
        Assert.NotNull(found);
        Assert.Equal(entry, found.Code);
        Assert.Equal(BounceReason.Delivered, found.Reason);
    }

    [Fact]
    public void Class_specific_enhanced_entries_carry_the_severity_of_their_class_digit()
    {
        var wrong = Catalog.Entries
            .Where(e => e.Kind == CodeKind.Enhanced && e.Provider is null && EnhancedStatus.TryParse(e.Code, out _))
            .Where(e => e.Severity != EnhancedStatus.Parse(e.Code).Severity)
            .Select(e => $"{e.Code}: {e.Severity}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Class_independent_enhanced_entries_leave_the_severity_to_the_class_digit()
    {
        var withSeverity = Catalog.Entries
            .Where(e => e.Kind == CodeKind.Enhanced && e.Provider is null && e.Code.StartsWith("x.", StringComparison.Ordinal) && e.Severity is not null)
            .Select(e => e.Code)
            .ToList();
        Assert.True(withSeverity.Count == 0, string.Join(", ", withSeverity));
    }

    [Theory]
    [InlineData("4.7.1", "4.7.1")]
    [InlineData("5.7.1", "x.7.1")]
    [InlineData("5.7.2", "5.7.2")]
    [InlineData("4.7.2", "x.7.2")]
    [InlineData("4.4.9", "4.4.9")]
    [InlineData("2.1.5", "x.1.5")]
    [InlineData("5.1.5", "5.1.5")]
    public void Class_specific_entry_wins_over_the_class_independent_one(string code, string expected)
    {
        Assert.Equal(expected, Catalog.Find(CodeKind.Enhanced, code)?.Code);
    }

    [Fact]
    public void Every_subject_has_a_row_and_every_registered_detail_up_to_x_7_30_has_an_entry()
    {
        // Highest registered detail per subject in the IANA "SMTP Enhanced Status Codes" registry.
        int[] highest = [0, 10, 4, 6, 7, 6, 10, 30];
        var missing = new List<string>();
        for (var subject = 0; subject < highest.Length; subject++)
        {
            if (Catalog.Find(CodeKind.Enhanced, $"x.{subject}") is null) missing.Add($"x.{subject}");
            for (var detail = 0; detail <= highest[subject]; detail++)
            {
                if (Catalog.Find(CodeKind.Enhanced, $"5.{subject}.{detail}") is null) missing.Add($"x.{subject}.{detail}");
            }
        }
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }
}

using System.Text.Json;
using Bounceback.Core.Bounces;
using Bounceback.Core.Json;

namespace Bounceback.Core.Tests.Bounces;

public class FixtureTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var f in BounceFixtures.Messages()) data.Add(Path.GetRelativePath(BounceFixtures.FixtureRoot, f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Each_fixture_gives_the_expected_results(string fixture)
    {
        var path = Path.Combine(BounceFixtures.FixtureRoot, fixture);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".expected.json"))).RootElement;
        var outcome = BounceFixtures.Parse(File.ReadAllBytes(path), path);
        AssertMatches(expected, outcome, fixture);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Crlf_line_endings_give_the_same_results(string fixture) => SameWithLineEndings(fixture, "\r\n");

    /// <summary>Lines that end in CR alone (old Mac programs and relays) must give the same results, not only no crash.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Bare_cr_line_endings_give_the_same_results(string fixture) => SameWithLineEndings(fixture, "\r");

    private static void SameWithLineEndings(string fixture, string ending)
    {
        var path = Path.Combine(BounceFixtures.FixtureRoot, fixture);
        var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(path, ".expected.json"))).RootElement;
        var outcome = BounceFixtures.Parse(BounceFixtures.WithLineEndings(File.ReadAllBytes(path), ending), path);
        AssertMatches(expected, outcome, fixture);
    }

    [Fact]
    public void There_are_at_least_two_fixtures_per_family()
    {
        var families = BounceFixtures.Messages().GroupBy(f => Path.GetFileName(Path.GetDirectoryName(f))).Where(g => g.Key != "not-bounce");
        Assert.NotEmpty(families);
        Assert.All(families, g => Assert.True(g.Count() >= 2, $"{g.Key} has {g.Count()} fixture(s)"));
    }

    /// <summary>The not-bounce folder holds look-alikes only: a fixture there that expects results belongs to a family.</summary>
    [Fact]
    public void Every_fixture_in_not_bounce_expects_no_result()
    {
        var lookAlikes = BounceFixtures.Messages().Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "not-bounce").ToList();
        Assert.NotEmpty(lookAlikes);
        Assert.All(lookAlikes, f =>
            Assert.True(JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(f, ".expected.json"))).RootElement.GetArrayLength() == 0, f));
    }

    private static void AssertMatches(JsonElement expected, ParseOutcome outcome, string fixture)
    {
        var want = expected.EnumerateArray().ToList();
        if (want.Count == 0)
        {
            Assert.Equal(ParseOutcomeKind.NotBounce, outcome.Kind);
            return;
        }
        Assert.Equal(ParseOutcomeKind.Bounce, outcome.Kind);
        Assert.Equal(want.Count, outcome.Results.Count);
        for (var i = 0; i < want.Count; i++)
        {
            var got = JsonSerializer.SerializeToElement(outcome.Results[i], BouncebackJsonContext.Default.BounceResult);
            foreach (var field in want[i].EnumerateObject())
            {
                var actual = got.TryGetProperty(field.Name, out var v) ? v.ToString() : "(missing)";
                Assert.True(field.Value.ToString() == actual, $"{fixture} #{i + 1} {field.Name}: want {field.Value}, got {actual}");
            }
        }
    }
}

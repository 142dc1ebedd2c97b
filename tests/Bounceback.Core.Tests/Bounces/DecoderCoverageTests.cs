using System.Text.Json;
using Bounceback.Core.Bounces.Decoders;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Every decoder in the list is exercised by fixtures written for it.</summary>
public class DecoderCoverageTests
{
    public static TheoryData<string> DecoderNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in DecoderList.All.Select(d => d.Name).Distinct()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(DecoderNames))]
    public void Each_decoder_decodes_at_least_two_fixtures(string decoder)
    {
        var files = BounceFixtures.Messages()
            .Select(f => Path.ChangeExtension(f, ".expected.json"))
            .Where(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.EnumerateArray()
                .Any(r => r.TryGetProperty("decoder", out var d) && d.GetString() == decoder))
            .ToList();
        Assert.True(files.Count >= 2, $"{decoder}: {files.Count} fixture(s) expect it");
    }
}

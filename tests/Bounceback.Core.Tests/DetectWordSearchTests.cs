using Bounceback.Core.Catalog;
using Bounceback.Core.Extraction;
using FsCheck;
using FsCheck.Xunit;

namespace Bounceback.Core.Tests;

/// <summary>The three-character index finds exactly what testing every word at every position finds.</summary>
public class DetectWordSearchTests
{
    private static readonly (string Provider, string Word)[] Words = ExplanationCatalog.Default.Providers
        .SelectMany(p => p.Detect.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => (p.Id, w.Trim())))
        .ToArray();

    private static readonly string[] Fragments =
    [
        .. Words.Select(w => w.Word), .. Words.Select(w => w.Word.ToUpperInvariant()), .. Words.Select(w => w.Word[..^1]),
        " ", "\n", "@", ".", "-", "550 5.1.1 ", "mx", "GMAIL", "{", "`", "[", "é", "ı",
    ];

    [Property(MaxTest = 1000)]
    public bool Finds_the_first_position_of_every_provider_as_a_plain_search_does(NonNegativeInt[] picks)
    {
        var text = string.Concat((picks ?? []).Select(p => Fragments[p.Get % Fragments.Length]));
        var search = DetectWordSearch.Create(Words)!;
        Dictionary<string, int>? found = null;
        if (!search.TryFindFirst(text, ref found)) return !System.Text.Ascii.IsValid(text);
        return (found ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(Plain(text).OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void The_catalogs_words_can_be_indexed() => Assert.NotNull(DetectWordSearch.Create(Words));

    [Fact]
    public void A_word_shorter_than_three_characters_cannot_be_indexed() => Assert.Null(DetectWordSearch.Create([("x", "ab")]));

    private static Dictionary<string, int> Plain(string text)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            foreach (var (provider, word) in Words)
            {
                if (!first.ContainsKey(provider) && text.AsSpan(i).StartsWith(word, StringComparison.OrdinalIgnoreCase)) first[provider] = i;
            }
        }
        return first;
    }
}

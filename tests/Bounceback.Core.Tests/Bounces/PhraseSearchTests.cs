using System.Text;
using Bounceback.Core.Bounces;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The split phrase search must find exactly what testing each phrase with OrdinalIgnoreCase finds.</summary>
public class PhraseSearchTests
{
    private static readonly string[] Phrases =
    [
        "user unknown", "Empf\u00e4nger", "domaine introuvable", "\u5b9b\u5148\u306e\u30e1\u30fc\u30eb\u30a2\u30c9\u30ec\u30b9", "CAF\u00c9",
        "mailbox full", "a", "\u0131nvalid", "\u017fpam", "STRASSE", "stra\u00dfe",
    ];

    private static string RandomText(Random random)
    {
        string[] filler = [" ", "x", "\u00e9", "I", "S", "s", "i", "\u0130", "\r\n", "550 5.1.1 ", "\u30a2"];
        var text = new StringBuilder();
        for (var n = random.Next(0, 6); n > 0; n--)
        {
            var phrase = Phrases[random.Next(Phrases.Length)];
            if (random.Next(4) == 0) phrase = phrase[..random.Next(1, phrase.Length + 1)];
            phrase = random.Next(3) switch { 0 => phrase.ToUpperInvariant(), 1 => phrase.ToLowerInvariant(), _ => phrase };
            text.Append(filler[random.Next(filler.Length)]).Append(phrase);
        }
        return text.ToString();
    }

    [Theory]
    [InlineData("\u5b9b\u5148\u306e\u30e1\u30fc\u30eb", true)]
    [InlineData("\u00a9 2026 \u30a2", true)]
    [InlineData("Empf\u00e4nger", false)]
    [InlineData("\u24b6", false)]
    [InlineData("\u24d0", false)]
    [InlineData("\u212a", false)]
    [InlineData("\u2160", false)]
    [InlineData("\u00e9", false)]
    public void A_phrase_is_compared_as_it_is_only_when_no_character_of_it_has_a_case(string phrase, bool caseless) =>
        Assert.Equal(caseless, PhraseSearch.IsCaseless(phrase));

    [Fact]
    public void Phrases_without_case_and_with_case_are_found_in_order_together()
    {
        // Circled and Roman-numeral letters have case outside the letter categories; Japanese has none.
        string[] phrases = ["\u30e1\u30fc\u30eb", "\u24b6\u2460", "\u2160x", "\u00a9\u30a2", "caf\u00e9"];
        string[] filler = [" ", "\u24d0", "\u24b6", "\u2170", "\u2160", "X", "\u30e1", "\u00a9", "\u30fc\u30eb", "\u2460", "CAF\u00c9"];
        var search = new PhraseSearch(phrases);
        var random = new Random(61212);
        var hits = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(1, 12); n > 0; n--) text.Append(filler[random.Next(filler.Length)]);
            hits += AssertScanFindsEachPlace(search, phrases, text.ToString());
        }
        Assert.True(hits > 1000, $"only {hits} hits");
    }

    [Fact]
    public void Contains_any_agrees_with_testing_each_phrase()
    {
        var search = new PhraseSearch(Phrases.Where(p => p != "a"));
        var random = new Random(61206);
        var hits = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = RandomText(random);
            var expected = Phrases.Where(p => p != "a").Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
            Assert.True(expected == search.ContainsAny(text), $"text: {text}");
            if (expected) hits++;
        }
        Assert.True(hits > 500, $"only {hits} hits");
    }

    [Fact]
    public void The_scan_visits_every_place_where_a_phrase_starts_in_order()
    {
        var search = new PhraseSearch(Phrases);
        var random = new Random(61207);
        for (var i = 0; i < 2000; i++)
        {
            AssertScanFindsEachPlace(search, Phrases, RandomText(random));
        }
    }

    /// <summary>The places where some phrase starts, phrase by phrase with OrdinalIgnoreCase, must be those the scan gives.</summary>
    private static int AssertScanFindsEachPlace(PhraseSearch search, string[] phrases, string text)
    {
        var expected = Enumerable.Range(0, text.Length)
            .Where(at => phrases.Any(p => text.AsSpan(at).StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList();
        var found = new List<int>();
        var scan = search.Scan(text);
        for (var at = scan.Next(); at >= 0; at = scan.Next()) found.Add(at);
        Assert.True(expected.SequenceEqual(found), $"text: {text}: want {string.Join(',', expected)} got {string.Join(',', found)}");
        return expected.Count;
    }

    /// <summary>Phrases that each need a non-ASCII character of the text (no dotless i or long s): their search looks
    /// only near the text's non-ASCII characters.</summary>
    private static readonly string[] NonAsciiPhrases =
    [
        "Empf\u00e4nger unbekannt", "\u00e9", "caf\u00e9 ferm\u00e9", "\u5b9b\u5148\u306e\u30e1\u30fc\u30eb\u30a2\u30c9\u30ec\u30b9", "n\u00e3o \u00e9 poss\u00edvel entregar",
        "mailbox full", "user unknown",
        // The longest two, with their only non-ASCII letter first and last: a match reaches furthest from it.
        "\u00c0 destinataire inconnu, compte supprime!!!!!!!", "!adresse du destinataire introuvable, reessay\u00e9",
    ];

    /// <summary>Long ASCII stretches with a few non-ASCII characters and phrases, some cut short, near the stretches' ends.</summary>
    private static string SparseText(Random random)
    {
        string[] filler = ["x", " ", "ab", "\r\n", "E", "\u00e4", "\u00c9", "\u30a2", "\u00a9", "\ud83d\ude00"];
        var text = new StringBuilder();
        for (var n = random.Next(0, 5); n > 0; n--)
        {
            text.Append('y', random.Next(0, 90));
            text.Append(filler[random.Next(filler.Length)]);
            if (random.Next(2) == 0) continue;
            var phrase = NonAsciiPhrases[random.Next(NonAsciiPhrases.Length)];
            if (random.Next(3) == 0) phrase = phrase[..random.Next(1, phrase.Length + 1)];
            text.Append(random.Next(2) == 0 ? phrase.ToUpperInvariant() : phrase);
        }
        return text.ToString();
    }

    [Fact]
    public void Phrases_that_need_a_non_ascii_character_are_found_wherever_they_are_in_a_long_text()
    {
        var search = new PhraseSearch(NonAsciiPhrases);
        var random = new Random(61208);
        var hits = 0;
        for (var i = 0; i < 4000; i++)
        {
            var text = SparseText(random);
            var places = AssertScanFindsEachPlace(search, NonAsciiPhrases, text);
            Assert.Equal(places > 0, search.ContainsAny(text));
            hits += places;
        }
        Assert.True(hits > 2000, $"only {hits} hits");
    }

    /// <summary>A text full of non-ASCII characters, longer than one search of the other phrases covers, with phrases in it.</summary>
    private static string DenseText(Random random)
    {
        string[] filler = ["\u30a2", "\u5b9b", "\u00e9", "x", " ", "\u00c0"];
        var text = new StringBuilder();
        for (var n = random.Next(3, 12); n > 0; n--)
        {
            for (var k = random.Next(0, PhraseSearch.MaxStarts / 2); k > 0; k--) text.Append(filler[random.Next(filler.Length)]);
            var phrase = NonAsciiPhrases[random.Next(NonAsciiPhrases.Length)];
            text.Append(random.Next(2) == 0 ? phrase.ToUpperInvariant() : phrase);
        }
        return text.ToString();
    }

    [Fact]
    public void Phrases_are_found_in_order_in_a_text_full_of_non_ascii_characters()
    {
        var search = new PhraseSearch(NonAsciiPhrases);
        var random = new Random(61211);
        for (var i = 0; i < 150; i++)
        {
            var text = DenseText(random);
            var places = AssertScanFindsEachPlace(search, NonAsciiPhrases, text);
            Assert.Equal(places > 0, search.ContainsAny(text));
        }
    }

    [Fact]
    public void A_long_phrase_right_after_one_search_of_a_dense_text_comes_before_a_short_one_inside_it()
    {
        // One search ends its possible starts just before the long phrase, which runs past what it covers, while the short
        // phrase inside the long one lies within it: the long one's place is still the first.
        string[] phrases = ["\u00c4yy\u00e9" + new string('y', 41), "\u00e9"];
        var text = new string('\u30a2', PhraseSearch.MaxStarts) + phrases[0];
        var places = AssertScanFindsEachPlace(new PhraseSearch(phrases), phrases, text);
        Assert.Equal(2, places);
    }

    [Theory]
    [InlineData("\u0131nvalid", "550 INVALID recipient")]
    [InlineData("\u017fpam", "rejected as SPAM")]
    [InlineData("Empf\u00e4nger", "Empfanger")]
    [InlineData("Empf\u00e4nger", "EMPF\u00c4NGER unbekannt")]
    [InlineData("stra\u00dfe", "STRASSE")]
    public void Letters_with_special_case_rules_match_as_ordinal_ignore_case_does(string phrase, string text)
    {
        // Whatever .NET's ordinal case-insensitive comparison says for the dotless i, the long s, umlauts and sharp s, the
        // split search says the same, whether the text is ASCII or not.
        Assert.Equal(text.Contains(phrase, StringComparison.OrdinalIgnoreCase), new PhraseSearch([phrase]).ContainsAny(text));
    }
}

using System.Text;
using Bounceback.Core.Bounces.Reasons;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The one-pass rule search must decide exactly as testing the rules one by one.</summary>
public class RuleListTests
{
    private static ReasonRule? OneByOne(IReadOnlyList<ReasonRule> rules, string text, EnhancedStatus? status) =>
        rules.FirstOrDefault(r => r.MatchesText(text) && r.AppliesWith(status));

    [Fact]
    public void Texts_made_of_rule_phrases_get_the_same_first_rule_as_testing_rule_by_rule()
    {
        var rules = ReasonRules.All;
        var list = ReasonRules.Wording;
        var phrases = rules.SelectMany(r => r.Phrases.Concat(r.Unless ?? [])).Where(p => p.Length > 0).Distinct().ToArray();
        string[] filler = [" ", ", ", "\u00e9t\u00e9 ", "x", "550 5.1.1 ", "\u00fcber ", "\u0130", "\u0131", "\u3042", "\r\n"];
        EnhancedStatus?[] statuses = [null, EnhancedStatus.Parse("5.1.1"), EnhancedStatus.Parse("5.7.1"), EnhancedStatus.Parse("4.2.2")];
        var random = new Random(20261123);
        var matched = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, 5); n > 0; n--)
            {
                var phrase = phrases[random.Next(phrases.Length)];
                // Cut some phrases short and change case, so near-misses and case-insensitive hits both occur.
                if (random.Next(4) == 0) phrase = phrase[..random.Next(1, phrase.Length + 1)];
                phrase = random.Next(3) switch { 0 => phrase.ToUpperInvariant(), 1 => phrase, _ => MixCase(phrase, random) };
                text.Append(filler[random.Next(filler.Length)]).Append(phrase);
            }
            var s = text.ToString();
            var status = statuses[random.Next(statuses.Length)];
            var expected = OneByOne(rules, s, status);
            Assert.True(ReferenceEquals(expected, list.FirstMatch(s, status)), $"text: {s}");
            if (expected is not null) matched++;
        }
        // The generator must exercise matches, not only misses.
        Assert.InRange(matched, 1000, 3000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nothing of interest here")]
    [InlineData("550 5.1.1 <a@b.example>: Recipient address rejected: User unknown in local recipient table")]
    [InlineData("452 4.2.2 Mailbox full")]
    [InlineData("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org")]
    public void Real_wording_gets_the_same_first_rule(string text)
    {
        foreach (var status in new EnhancedStatus?[] { null, EnhancedStatus.Parse("5.1.1"), EnhancedStatus.Parse("5.7.1") })
        {
            Assert.Same(OneByOne(ReasonRules.All, text, status), ReasonRules.Wording.FirstMatch(text, status));
        }
    }

    private static string MixCase(string s, Random random)
    {
        var chars = s.ToCharArray();
        for (var i = 0; i < chars.Length; i++) chars[i] = random.Next(2) == 0 ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
        return new string(chars);
    }
}

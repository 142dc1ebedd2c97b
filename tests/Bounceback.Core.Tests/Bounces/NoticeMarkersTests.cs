using System.Text;
using Bounceback.Core.Bounces.Decoders;
using MimeKit;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The one-pass marker search must say what searching each family's markers on its own says.</summary>
public class NoticeMarkersTests
{
    private static MimeMessage Notice(string text) => new() { Body = new TextPart("plain") { Text = text } };

    [Fact]
    public void Texts_made_of_markers_give_the_same_answer_as_searching_each_family_on_its_own()
    {
        string[][] families =
        [
            ["This is the mail system at host", "The Postfix program"],
            ["following address(es) failed", "This message was created automatically"],
            ["Domino", "was not delivered to:"],
            ["Unzustellbar", "Empf\u00e4nger", "\u5b9b\u5148"],
            ["domino", "mail system"],
        ];
        var ids = families.Select(f => NoticeMarkers.Register(f)).ToArray();
        var pieces = families.SelectMany(f => f).Concat(["x", " ", "\r\n", "\u0130", "550 5.1.1 "]).ToArray();
        var random = new Random(20261206);
        var hits = 0;
        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(0, 6); n > 0; n--)
            {
                var piece = pieces[random.Next(pieces.Length)];
                // Cut some short and change case, so near misses and case-insensitive hits both occur.
                if (random.Next(4) == 0) piece = piece[..random.Next(1, piece.Length + 1)];
                piece = random.Next(3) switch { 0 => piece.ToUpperInvariant(), 1 => piece.ToLowerInvariant(), _ => piece };
                text.Append(piece);
            }
            var message = Notice(text.ToString());
            var notice = MessageParts.AllNoticeText(message);
            for (var f = 0; f < families.Length; f++)
            {
                var expected = families[f].Any(m => notice.Contains(m, StringComparison.OrdinalIgnoreCase));
                Assert.True(expected == NoticeMarkers.AnyPresent(message, ids[f]), $"family {f}, text: {notice}");
                if (expected) hits++;
            }
        }
        Assert.True(hits > 1000, $"only {hits} hits: the generator must exercise matches as well as misses");
    }

    [Fact]
    public void Only_the_first_eight_kilobytes_of_the_notice_count()
    {
        var ids = NoticeMarkers.Register(["far-away-marker"]);
        Assert.True(NoticeMarkers.AnyPresent(Notice(new string('x', 8000) + " far-away-marker"), ids));
        Assert.False(NoticeMarkers.AnyPresent(Notice(new string('x', 9000) + " far-away-marker"), ids));
    }
}

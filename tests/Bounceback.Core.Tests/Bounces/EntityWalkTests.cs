using Bounceback.Core.Bounces.Decoders;
using MimeKit;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>The walk over a message's entities with a rented stack gives the entities the iterator with a stack of its own gave.</summary>
public class EntityWalkTests
{
    /// <summary>The walk as it was written before (an iterator over a <see cref="Stack{T}"/>), without attached messages left unparsed.</summary>
    private static IEnumerable<MimeEntity> IteratorWalk(MimeEntity? root, bool intoMessages)
    {
        if (root is null) yield break;
        var stack = new Stack<(MimeEntity Entity, int Depth)>();
        stack.Push((root, 0));
        var count = 0;
        while (stack.Count > 0 && count++ < 1000)
        {
            var (entity, depth) = stack.Pop();
            yield return entity;
            if (depth >= 6) continue;
            if (entity is Multipart multipart)
            {
                for (var i = multipart.Count - 1; i >= 0; i--) stack.Push((multipart[i], depth + 1));
            }
            else if (intoMessages && entity is MessagePart { Message.Body: { } body } and not TextRfc822Headers)
            {
                stack.Push((body, depth + 1));
            }
        }
    }

    private static List<MimeEntity> Walked(MimeEntity? root, bool intoMessages)
    {
        var walked = new List<MimeEntity>();
        foreach (var entity in MessageParts.Walk(root, intoMessages)) walked.Add(entity);
        return walked;
    }

    [Fact]
    public void Every_fixture_is_walked_as_before()
    {
        var walked = 0;
        foreach (var path in BounceFixtures.Messages())
        {
            MimeMessage message;
            try
            {
                message = MimeMessage.Load(path);
            }
            catch (FormatException)
            {
                // Pasted text without headers: no message to walk.
                continue;
            }
            using var _ = message;
            foreach (var into in new[] { false, true })
            {
                Assert.Equal(IteratorWalk(message.Body, into), Walked(message.Body, into));
                walked++;
            }
        }
        Assert.True(walked > 100, $"only {walked} walks");
    }

    [Fact]
    public void A_wide_and_deep_tree_is_walked_as_before_up_to_the_most_entities()
    {
        // More children than the first rented stack holds, nested past the depth limit, more entities than are walked.
        Multipart Level(int depth)
        {
            var multipart = new Multipart("mixed");
            for (var i = 0; i < 40; i++) multipart.Add((i == 0 && depth < 9) || (i % 13 == 0 && depth < 3) ? Level(depth + 1) : new TextPart("plain") { Text = $"{depth}.{i}" });
            return multipart;
        }
        var root = Level(0);
        Assert.Equal(IteratorWalk(root, true), Walked(root, true));
        Assert.Equal(1000, Walked(root, true).Count);
    }

    [Fact]
    public void Nothing_is_walked_without_a_root() => Assert.Empty(Walked(null, true));
}

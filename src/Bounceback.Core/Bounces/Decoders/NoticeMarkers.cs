using MimeKit;

namespace Bounceback.Core.Bounces.Decoders;

/// <summary>
/// The wording markers of every plain-text family, found in a notice in one pass: each message meets most families'
/// recognisers, and scanning its notice once for all their markers replaces one scan per family. The same test as
/// <see cref="MessageParts.NoticeContainsAny"/> (case-insensitive, the first 8 KB of the notice text).
/// </summary>
internal static class NoticeMarkers
{
    private static readonly object Gate = new();
    private static readonly List<string> Markers = [];
    // Every marker registered so far and one search for all of them, replaced whole when a family registers.
    private static volatile Snapshot? s_snapshot;

    private sealed record Snapshot(string[] Markers, PhraseSearch Search, Dictionary<char, (string Marker, int Id)[]> ByFirst);

    private static Snapshot Take()
    {
        string[] markers = [.. Markers];
        // The markers that can start at a place, by the first character upper-cased as ordinal case-insensitive
        // comparison does, so a place is compared with a few markers, not with all of them.
        var byFirst = markers.Select((m, id) => (m, id)).GroupBy(p => char.ToUpperInvariant(p.m[0]))
            .ToDictionary(g => g.Key, g => g.ToArray());
        return new Snapshot(markers, new PhraseSearch(markers), byFirst);
    }

    // The last notice looked at on this thread and which markers it holds: one message's recognisers run in a row.
    [ThreadStatic] private static string? t_text;
    [ThreadStatic] private static bool[]? t_present;

    /// <summary>Adds a family's markers to the shared list (once each) and returns their places in it.</summary>
    public static int[] Register(IEnumerable<string> markers)
    {
        lock (Gate)
        {
            var ids = new List<int>();
            foreach (var marker in markers)
            {
                var id = Markers.FindIndex(m => m.Equals(marker, StringComparison.OrdinalIgnoreCase));
                if (id < 0)
                {
                    id = Markers.Count;
                    Markers.Add(marker);
                    s_snapshot = null;
                }
                ids.Add(id);
            }
            return [.. ids];
        }
    }

    /// <summary>Whether the notice holds any of the markers with these places.</summary>
    public static bool AnyPresent(MimeMessage message, int[] ids)
    {
        var present = Present(MessageParts.AllNoticeText(message));
        foreach (var id in ids)
        {
            if (id < present.Length && present[id]) return true;
        }
        return false;
    }

    private static bool[] Present(string text)
    {
        var snapshot = s_snapshot;
        if (snapshot is null)
        {
            lock (Gate)
            {
                snapshot = s_snapshot ??= Take();
            }
        }
        var (markers, search) = (snapshot.Markers, snapshot.Search);
        // Reused only when made with the same markers (a family registered since would be missing from it).
        if (ReferenceEquals(text, t_text) && t_present is { } cached && cached.Length == markers.Length) return cached;
        var present = new bool[markers.Length];
        var span = text.AsSpan(0, Math.Min(text.Length, 8192));
        // Every place where some marker starts, and which markers start there.
        var scan = search.Scan(span);
        for (var at = scan.Next(); at >= 0; at = scan.Next())
        {
            if (!snapshot.ByFirst.TryGetValue(char.ToUpperInvariant(span[at]), out var candidates)) continue;
            foreach (var (marker, id) in candidates)
            {
                if (!present[id] && span[at..].StartsWith(marker, StringComparison.OrdinalIgnoreCase)) present[id] = true;
            }
        }
        (t_text, t_present) = (text, present);
        return present;
    }
}

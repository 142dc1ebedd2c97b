using System.Text;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Tests.Bounces;

/// <summary>Locates the fixture messages and the shared corpus, and parses bytes the way the product does.</summary>
internal static class BounceFixtures
{
    public static string FixtureRoot => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static IEnumerable<string> Messages() =>
        Directory.Exists(FixtureRoot)
            ? Directory.EnumerateFiles(FixtureRoot, "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [];

    /// <summary>The shared corpus next to the repository (../shared/corpus/sisimai), or null when absent.</summary>
    public static string? CorpusRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bounceback.slnx"))) dir = dir.Parent;
        if (dir is null) return null;
        var corpus = Path.Combine(dir.FullName, "..", "shared", "corpus", "sisimai");
        if (!Directory.Exists(Path.Combine(corpus, "emails"))) corpus = "/work/shared/corpus/sisimai";
        return Directory.Exists(Path.Combine(corpus, "emails")) ? Path.GetFullPath(corpus) : null;
    }

    public static ParseOutcome Parse(byte[] bytes, string source = "test")
    {
        using var stream = new MemoryStream(bytes);
        return BounceParser.Default.Parse(stream, source, null, Language.En);
    }

    public static byte[] WithLineEndings(byte[] lf, string ending)
    {
        var text = Encoding.Latin1.GetString(lf).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text.Replace("\n", ending, StringComparison.Ordinal));
    }
}

/// <summary>A fact that runs only when the shared sample corpus is present.</summary>
internal sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (BounceFixtures.CorpusRoot() is null) Skip = "The shared corpus (../shared/corpus/sisimai) is not present.";
    }
}

using BenchmarkDotNet.Attributes;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using MimeKit;

namespace Bounceback.Benchmarks;

/// <summary>
/// Bounce parsing over the shared corpus (../shared/corpus/sisimai/emails, or BOUNCEBACK_CORPUS): every message is
/// read by MimeKit and parsed, as `bounceback parse` does. Messages per second = corpus size / mean time. The baseline
/// is MimeKit alone loading the same messages (the ceiling of the scan issue); the Ratio column says how many times
/// that the whole parse costs.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[][] _messages = [];

    [GlobalSetup]
    public void Setup()
    {
        var dir = Environment.GetEnvironmentVariable("BOUNCEBACK_CORPUS") ?? FindCorpus();
        _messages = Directory.EnumerateFiles(dir, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        Console.WriteLine($"// corpus: {_messages.Length} messages from {dir}");
    }

    internal static string FindCorpus()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "Bounceback.slnx"))) d = d.Parent;
        var candidate = d is null ? "" : Path.Combine(d.FullName, "..", "shared", "corpus", "sisimai", "emails");
        return Directory.Exists(candidate) ? candidate : "/work/shared/corpus/sisimai/emails";
    }

    [Benchmark(Baseline = true, Description = "MimeKit alone: load the whole corpus")]
    public int LoadCorpus()
    {
        var parts = 0;
        foreach (var bytes in _messages)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var message = MimeMessage.Load(stream);
            parts += message.Body is null ? 0 : 1;
        }
        return parts;
    }

    [Benchmark(Description = "parse the whole corpus (load + decode + classify)")]
    public int ParseCorpus()
    {
        var recipients = 0;
        foreach (var bytes in _messages)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var message = MimeMessage.Load(stream);
            recipients += BounceParser.Default.Parse(message, "bench", null, Language.En).Results.Count;
        }
        return recipients;
    }
}

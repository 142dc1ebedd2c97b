using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using Bounceback.Core.Json;
using Bounceback.Core.Scanning;

namespace Bounceback.Benchmarks;

/// <summary>
/// Bulk parsing in process, as `bounceback parse` runs it: the corpus (../shared/corpus/sisimai/emails, or
/// BOUNCEBACK_CORPUS) as one mbox in memory, split, read by MimeKit and parsed by the pipeline's workers; and the
/// results written as JSON lines, through a string per result (the text writer's way) or as UTF-8 into one buffer
/// (the way `parse --jsonl` writes to a file or standard output). "Allocated" is per corpus pass: divide by the
/// message count printed at setup.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private byte[] _mbox = [];
    private BounceResult[] _results = [];

    [GlobalSetup]
    public void Setup()
    {
        var dir = Environment.GetEnvironmentVariable("BOUNCEBACK_CORPUS") ?? ParseBenchmarks.FindCorpus();
        var files = Directory.EnumerateFiles(dir, "*.eml").Order(StringComparer.Ordinal).ToArray();
        // mboxrd as ../shared/bench/make-scaled.sh writes it: a separator line per message, body "From " lines quoted.
        var mbox = new StringBuilder();
        foreach (var file in files)
        {
            if (mbox.Length > 0) mbox.Append('\n');
            mbox.Append("From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n");
            foreach (var line in File.ReadAllText(file, Encoding.Latin1).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
            {
                var quoted = line.TrimStart('>').StartsWith("From ", StringComparison.Ordinal);
                mbox.Append(quoted ? ">" : "").Append(line).Append('\n');
            }
        }
        _mbox = Encoding.Latin1.GetBytes(mbox.ToString());
        var all = new List<BounceResult>();
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            all.AddRange(BounceParser.Default.Parse(stream, file, null, Language.En).Results);
        }
        _results = [.. all];
        Console.WriteLine($"// corpus: {files.Length} messages ({_mbox.Length / 1024} KB as mbox), {_results.Length} results, from {dir}");
    }

    [Benchmark(Description = "scan the corpus mbox (split + MimeKit + parse, 2 workers)")]
    public async Task<int> ScanMbox()
    {
        var pipeline = new ScanPipeline(BounceParser.Default, Language.En, 2);
        var results = 0;
        await foreach (var scanned in pipeline.RunAsync(LocalSources.FromStreamAsync(new MemoryStream(_mbox, writable: false), "bench")))
            results += scanned.Outcome.Results.Count;
        return results;
    }

    [Benchmark(Description = "JSON lines of the corpus' results: a string per result")]
    public int JsonLinesAsStrings()
    {
        var length = 0;
        foreach (var result in _results) length += JsonSerializer.Serialize(result, BouncebackJsonContext.Default.BounceResult).Length + 1;
        return length;
    }

    [Benchmark(Description = "JSON lines of the corpus' results: UTF-8 into one reused buffer")]
    public int JsonLinesAsUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 17);
        using var writer = new Utf8JsonWriter(buffer);
        var length = 0;
        foreach (var result in _results)
        {
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, result, BouncebackJsonContext.Default.BounceResult);
            writer.Flush();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount < 64 * 1024) continue;
            length += buffer.WrittenCount;
            buffer.ResetWrittenCount();
        }
        return length + buffer.WrittenCount;
    }
}

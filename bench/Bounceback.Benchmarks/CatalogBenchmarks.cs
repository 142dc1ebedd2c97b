using BenchmarkDotNet.Attributes;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Benchmarks;

/// <summary>What a start of the tool pays for the catalog: the compiled resource indexed, one family built, or all of it.</summary>
[MemoryDiagnoser]
public class CatalogBenchmarks
{
    [Benchmark(Description = "open the compiled catalog (index, strings, provider profiles)")]
    public int OpenCatalog() => ExplanationCatalog.LoadEmbedded().Providers.Count;

    [Benchmark(Description = "open it and look up 5.1.1 (builds the enhanced family)")]
    public string? FirstLookup() => ExplanationCatalog.LoadEmbedded().Find(CodeKind.Enhanced, "5.1.1")?.Code;

    [Benchmark(Description = "open it and build every entry")]
    public int LoadAllEntries() => ExplanationCatalog.LoadEmbedded().Entries.Count;
}

using BenchmarkDotNet.Attributes;
using Bounceback.Core.Catalog;

namespace Bounceback.Benchmarks;

[MemoryDiagnoser]
public class CatalogBenchmarks
{
    [Benchmark(Description = "load the embedded catalog")]
    public int LoadCatalog() => ExplanationCatalog.LoadEmbedded().Entries.Count;
}

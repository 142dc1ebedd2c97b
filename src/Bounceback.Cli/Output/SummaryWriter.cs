using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;
using Bounceback.Core.Scanning;

namespace Bounceback.Cli.Output;

/// <summary>The JSON shape of --summary-json.</summary>
internal sealed record SummaryJson(
    int Messages, int Bounces, int NotBounces, int Failed, int Recipients, int Hard, int Soft, bool Interrupted,
    IReadOnlyDictionary<string, int> Reasons, IReadOnlyDictionary<string, int> Statuses, IReadOnlyDictionary<string, int> Domains,
    IReadOnlyDictionary<string, int> RemoteMtas, IReadOnlyDictionary<string, int> Decoders);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(SummaryJson))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;

/// <summary>Writes a scan's totals as readable tables (labels from the catalog) or as JSON.</summary>
internal static class SummaryWriter
{
    private const int RowsPerTable = 15;

    public static void WriteJson(TextWriter output, ScanSummary s, bool interrupted)
    {
        var json = new SummaryJson(s.Messages, s.Bounces, s.NotBounces, s.Failed, s.Recipients, s.Hard, s.Soft, interrupted,
            Sorted(s.Reasons), Sorted(s.Statuses), Sorted(s.Domains), Sorted(s.RemoteMtas), Sorted(s.Decoders));
        output.WriteLine(JsonSerializer.Serialize(json, SummaryJsonContext.Default.SummaryJson));
    }

    public static void WriteTable(TextWriter output, ScanSummary s, Language language, bool interrupted)
    {
        var c = ExplanationCatalog.Default;
        string T(string key) => c.Text(key, language);
        output.WriteLine();
        if (interrupted) output.WriteLine(T("scan.interrupted"));
        output.WriteLine(T("scan.summary.title"));
        Row(output, T("scan.summary.messages"), s.Messages);
        Row(output, T("scan.summary.bounces"), s.Bounces);
        Row(output, T("scan.summary.notBounces"), s.NotBounces);
        Row(output, T("scan.summary.failed"), s.Failed);
        Row(output, T("scan.summary.recipients"), s.Recipients);
        Row(output, T("scan.summary.hard"), s.Hard);
        Row(output, T("scan.summary.soft"), s.Soft);
        Table(output, T("scan.summary.byReason"), s.Reasons);
        Table(output, T("scan.summary.byStatus"), s.Statuses);
        Table(output, T("scan.summary.byDomain"), s.Domains);
        Table(output, T("scan.summary.byRemoteMta"), s.RemoteMtas);
        Table(output, T("scan.summary.byDecoder"), s.Decoders);
    }

    private static void Table(TextWriter output, string title, IReadOnlyDictionary<string, int> table)
    {
        if (table.Count == 0) return;
        output.WriteLine();
        output.WriteLine(title);
        foreach (var (key, count) in ScanSummary.Top(table, RowsPerTable)) Row(output, Safe(key), count);
        if (table.Count > RowsPerTable) output.WriteLine($"  … (+{(table.Count - RowsPerTable).ToString(CultureInfo.InvariantCulture)})");
    }

    private static void Row(TextWriter output, string label, int count) =>
        output.WriteLine($"  {label,-44} {count.ToString("N0", CultureInfo.InvariantCulture),10}");

    /// <summary>Keys come from bounce text: no control characters (terminal escapes) reach the terminal.</summary>
    private static string Safe(string s)
    {
        var clean = new string(s.Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());
        return clean.Length <= 44 ? clean : clean[..43] + "…";
    }

    private static Dictionary<string, int> Sorted(IReadOnlyDictionary<string, int> table) =>
        ScanSummary.Top(table, int.MaxValue).ToDictionary(p => p.Key, p => p.Value);
}

using System.Text.Json.Serialization;

namespace Bounceback.Core.Checks;

/// <summary>The outcome of one live check: it passed, deserves attention, failed, or could not run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    [JsonStringEnumMemberName("pass")] Pass,
    [JsonStringEnumMemberName("warn")] Warn,
    [JsonStringEnumMemberName("fail")] Fail,
    /// <summary>The check could not run (time-out, refused query, no TLS); the summary says why.</summary>
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>One check's result: a stable id ("mx", "dnsbl:zen.spamhaus.org", "smtp:25"), its status, and texts in one language.</summary>
public sealed record CheckResult
{
    /// <summary>Stable id of the check, e.g. "spf" or "certificate:465".</summary>
    public required string Id { get; init; }
    public required CheckStatus Status { get; init; }
    /// <summary>The machine name of what was found ("too-many-lookups", "refused"); the key of the texts in checks.yaml.</summary>
    [JsonIgnore]
    public string Outcome { get; init; } = "";
    public required string Summary { get; init; }
    /// <summary>The facts behind the result (records found, codes returned, timings in milliseconds).</summary>
    public required IReadOnlyDictionary<string, string> Details { get; init; }
    /// <summary>What to do about it; empty when nothing needs doing.</summary>
    public required IReadOnlyList<string> Fix { get; init; }
}

/// <summary>All checks run for one target.</summary>
public sealed record TargetReport(string Target, IReadOnlyList<CheckResult> Checks);

/// <summary>The results of one run of <see cref="CheckRunner"/>: the JSON contract of `bounceback check --json`.</summary>
public sealed record CheckReport(IReadOnlyList<TargetReport> Targets)
{
    /// <summary>True when some check failed (warnings and errors do not count as failures).</summary>
    [JsonIgnore]
    public bool AnyFailed => Targets.Any(t => t.Checks.Any(c => c.Status == CheckStatus.Fail));
}

/// <summary>Source-generated JSON for check reports (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CheckReport))]
public sealed partial class CheckJsonContext : JsonSerializerContext
{
    /// <summary>For people and pipes: camelCase, letters such as é and quotes left as they are (no \u escapes).</summary>
    public static CheckJsonContext Readable(bool indented) => new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        WriteIndented = indented,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

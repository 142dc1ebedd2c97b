using System.Text.Json.Serialization;
using Bounceback.Core.Codes;
using Bounceback.Core.Json;

namespace Bounceback.Cli.Output;

/// <summary>One row of `bounceback codes`: the code, its kind, the provider for provider entries, and its title.</summary>
internal sealed record CodeListItem(string Code, CodeKind Kind, string? Provider, string Title, FaultSide FaultSide, Severity? Severity);

/// <summary>JSON of the command line's own shapes, with the same conventions as Core's contracts.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    Converters = [typeof(CodeKindConverter), typeof(FaultSideConverter), typeof(SeverityConverter), typeof(BounceReasonConverter), typeof(LanguageConverter)])]
[JsonSerializable(typeof(IReadOnlyList<CodeListItem>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

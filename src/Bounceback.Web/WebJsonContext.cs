using System.Text.Json.Serialization;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Bounceback.Core.Json;

namespace Bounceback.Web;

/// <summary>The body of POST /api/explain when sent as JSON.</summary>
public sealed record ExplainRequest(string? Text);

/// <summary>One catalog entry in a code search result, with its permalink.</summary>
public sealed record CodeSummary(string Code, CodeKind Kind, string? Provider, string Title, string Url);

/// <summary>JSON contracts of the web API that Core's context does not already cover; same options as Core's.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(CodeKindConverter), typeof(FaultSideConverter), typeof(SeverityConverter), typeof(BounceReasonConverter), typeof(LanguageConverter)])]
[JsonSerializable(typeof(ExplainRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Finding))]
[JsonSerializable(typeof(IReadOnlyList<Finding>))]
[JsonSerializable(typeof(IReadOnlyList<CodeSummary>))]
internal sealed partial class WebJsonContext : JsonSerializerContext;

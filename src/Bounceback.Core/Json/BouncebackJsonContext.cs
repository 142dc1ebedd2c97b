using System.Text.Json.Serialization;
using Bounceback.Core.Bounces;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Core.Json;

/// <summary>The source-generated JSON contracts of the product (camelCase, vocabulary as tokens, nulls left out).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(CodeKindConverter), typeof(FaultSideConverter), typeof(SeverityConverter), typeof(BounceReasonConverter), typeof(LanguageConverter)])]
[JsonSerializable(typeof(ExplainReport))]
[JsonSerializable(typeof(BounceResult))]
[JsonSerializable(typeof(IReadOnlyList<BounceResult>))]
public sealed partial class BouncebackJsonContext : JsonSerializerContext;

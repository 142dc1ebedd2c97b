using System.Text.Json;
using System.Text.Json.Serialization;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Json;

/// <summary>Writes a vocabulary enum as its wire token ("sender-client", "permanent", "userunknown").</summary>
public abstract class TokenConverter<T> : JsonConverter<T> where T : struct, Enum
{
    protected abstract string ToToken(T value);
    protected abstract bool TryParse(string? token, out T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TryParse(reader.GetString(), out var v) ? v : throw new JsonException($"Unknown {typeof(T).Name} '{reader.GetString()}'.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(ToToken(value));
}

public sealed class CodeKindConverter : TokenConverter<CodeKind>
{
    protected override string ToToken(CodeKind value) => value.Token();
    protected override bool TryParse(string? token, out CodeKind value) => Vocabulary.TryParseKind(token, out value);
}

public sealed class FaultSideConverter : TokenConverter<FaultSide>
{
    protected override string ToToken(FaultSide value) => value.Token();
    protected override bool TryParse(string? token, out FaultSide value) => Vocabulary.TryParseFaultSide(token, out value);
}

public sealed class SeverityConverter : TokenConverter<Severity>
{
    protected override string ToToken(Severity value) => value.Token();
    protected override bool TryParse(string? token, out Severity value) => Vocabulary.TryParseSeverity(token, out value);
}

public sealed class BounceReasonConverter : TokenConverter<BounceReason>
{
    protected override string ToToken(BounceReason value) => value.Token();
    protected override bool TryParse(string? token, out BounceReason value) => BounceReasons.TryParse(token, out value);
}

public sealed class LanguageConverter : TokenConverter<Language>
{
    protected override string ToToken(Language value) => value.Token();
    protected override bool TryParse(string? token, out Language value) => Vocabulary.TryParseLanguage(token, out value);
}

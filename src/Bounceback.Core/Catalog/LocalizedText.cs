using Bounceback.Core.Codes;

namespace Bounceback.Core.Catalog;

/// <summary>A text in both of the product's languages.</summary>
public sealed record LocalizedText(string En, string Nl)
{
    public static readonly LocalizedText Empty = new(string.Empty, string.Empty);

    public string Get(Language language) => language == Language.Nl ? Nl : En;

    public bool IsComplete => !string.IsNullOrWhiteSpace(En) && !string.IsNullOrWhiteSpace(Nl);
}

/// <summary>A list of texts (causes, steps) in both languages; the two lists may differ in length.</summary>
public sealed record LocalizedList(IReadOnlyList<string> En, IReadOnlyList<string> Nl)
{
    public static readonly LocalizedList Empty = new([], []);

    public IReadOnlyList<string> Get(Language language) => language == Language.Nl ? Nl : En;

    public bool IsEmpty => En.Count == 0 && Nl.Count == 0;

    /// <summary>Both languages present, or both absent, with no blank item.</summary>
    public bool IsComplete => (En.Count > 0) == (Nl.Count > 0) && En.Concat(Nl).All(s => !string.IsNullOrWhiteSpace(s));
}

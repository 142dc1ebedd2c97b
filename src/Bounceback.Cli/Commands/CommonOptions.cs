using System.CommandLine;
using System.Globalization;
using Bounceback.Core.Codes;

namespace Bounceback.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> Lang() => new("--lang")
    {
        Description = "Language of the output: nl or en (default: from the user's culture, nl-* gives Dutch).",
        Validators =
        {
            r =>
            {
                var v = r.GetValueOrDefault<string?>();
                if (v is not null && v is not ("nl" or "en" or "NL" or "EN")) r.AddError("--lang takes nl or en.");
            },
        },
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a readable summary." };

    /// <summary>The language from --lang, else from the current UI culture.</summary>
    public static Language ResolveLanguage(string? lang)
    {
        if (Vocabulary.TryParseLanguage(lang, out var l)) return l;
        var culture = CultureInfo.CurrentUICulture.Name;
        if (string.IsNullOrEmpty(culture)) culture = Environment.GetEnvironmentVariable("LANG") ?? "";
        return culture.StartsWith("nl", StringComparison.OrdinalIgnoreCase) ? Language.Nl : Language.En;
    }
}

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
                if (v is not null && LanguageOf(v) is null) r.AddError("--lang takes nl or en.");
            },
        },
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a readable summary." };

    /// <summary>nl or en, also written as a culture name ("nl-NL", "en_GB"); null for another value.</summary>
    private static string? LanguageOf(string value)
    {
        var v = value.Trim();
        if (v.Length > 2 && v[2] is not ('-' or '_')) return null;
        var code = v.Length >= 2 ? v[..2].ToLowerInvariant() : "";
        return code is "nl" or "en" ? code : null;
    }

    /// <summary>
    /// Rejects a word of the command's free arguments that looks like an option ("--jsn"): the command would otherwise
    /// take a misspelt option for text to explain or a path to read, and answer something else than was asked.
    /// </summary>
    public static void RejectOptionLike(Argument<string[]> argument) => argument.Validators.Add(r =>
    {
        foreach (var token in r.Tokens)
        {
            if (token.Value.Length > 2 && token.Value.StartsWith("--", StringComparison.Ordinal))
            {
                r.AddError($"Unrecognized option '{token.Value}'.");
                return;
            }
        }
    });

    /// <summary>The language from --lang, else from the current UI culture.</summary>
    public static Language ResolveLanguage(string? lang)
    {
        if (lang is not null && LanguageOf(lang) is { } code && Vocabulary.TryParseLanguage(code, out var l)) return l;
        var culture = CultureInfo.CurrentUICulture.Name;
        if (string.IsNullOrEmpty(culture)) culture = Environment.GetEnvironmentVariable("LANG") ?? "";
        return culture.StartsWith("nl", StringComparison.OrdinalIgnoreCase) ? Language.Nl : Language.En;
    }
}

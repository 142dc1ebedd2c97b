using System.CommandLine;
using System.Text.Json;
using Bounceback.Cli.Output;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback codes [QUERY]`: searches the catalog and lists code, kind and title.</summary>
internal static class CodesCommand
{
    public static Command Create(CliContext context)
    {
        var query = new Argument<string[]>("query")
        {
            Description = "Words or a code to look for (code, symbol, title or meaning, both languages). Lists every code when left out.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        CommonOptions.RejectOptionLike(query);
        var lang = CommonOptions.Lang();
        var json = CommonOptions.Json();
        var command = new Command("codes", "Search the catalog of explained codes.") { query, lang, json };
        command.SetAction(parse =>
        {
            var language = CommonOptions.ResolveLanguage(parse.GetValue(lang));
            var catalog = ExplanationCatalog.Default;
            var q = string.Join(' ', parse.GetValue(query) ?? []);
            var items = catalog.Search(q, limit: 10_000)
                .Select(e => new CodeListItem(e.Code, e.Kind, e.Provider, e.Title.Get(language), e.FaultSide, e.Severity))
                .ToList();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize<IReadOnlyList<CodeListItem>>(items, CliJsonContext.Default.IReadOnlyListCodeListItem));
            }
            else if (items.Count > 0)
            {
                var codeWidth = items.Max(i => Label(i).Length);
                var kindWidth = items.Max(i => catalog.Text("kind." + i.Kind.Token(), language).Length);
                foreach (var i in items)
                {
                    context.Output.WriteLine($"{Label(i).PadRight(codeWidth)}  {catalog.Text("kind." + i.Kind.Token(), language).PadRight(kindWidth)}  {i.Title}");
                }
            }
            if (items.Count == 0)
            {
                context.Error.WriteLine(catalog.Text("codes.none", language).Replace("{query}", q, StringComparison.Ordinal));
                return ExitCodes.NotFound;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Label(CodeListItem item) => item.Provider is null ? item.Code : $"{item.Code} ({item.Provider})";
}

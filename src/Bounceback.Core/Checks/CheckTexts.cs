using System.Text;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Core.Checks;

/// <summary>
/// Turns a check's facts into a <see cref="CheckResult"/> with texts from the catalog's checks.yaml:
/// "check.&lt;family&gt;.&lt;outcome&gt;.summary" and ".fix", where {name} is filled in from the details.
/// </summary>
public sealed class CheckTexts
{
    private readonly ExplanationCatalog _catalog;

    public CheckTexts(ExplanationCatalog catalog, Language language)
    {
        _catalog = catalog;
        Language = language;
    }

    public Language Language { get; }

    /// <summary>A result for check <paramref name="id"/> ("spf", "smtp:587"), its texts looked up by family and outcome.</summary>
    public CheckResult Make(string id, CheckStatus status, string outcome, IReadOnlyDictionary<string, string>? details = null)
    {
        details ??= new Dictionary<string, string>();
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        var family = colon < 0 ? id : id[..colon];
        var key = $"check.{family}.{outcome}";
        if (!_catalog.Strings.ContainsKey(key + ".summary")) key = $"check.any.{outcome}";
        var fixKey = key + ".fix";
        var fix = _catalog.Strings.ContainsKey(fixKey) ? new[] { Fill(_catalog.Text(fixKey, Language), details) } : [];
        return new CheckResult
        {
            Id = id,
            Status = status,
            Outcome = outcome,
            Summary = Fill(_catalog.Text(key + ".summary", Language), details),
            Details = details,
            Fix = fix,
        };
    }

    /// <summary>A plain UI text by key (labels of the command line output).</summary>
    public string Text(string key) => _catalog.Text(key, Language);

    private static string Fill(string template, IReadOnlyDictionary<string, string> details)
    {
        if (!template.Contains('{', StringComparison.Ordinal)) return template;
        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }
            sb.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            sb.Append(details.TryGetValue(name, out var v) ? v : "?");
            i = close + 1;
        }
        return sb.ToString();
    }
}

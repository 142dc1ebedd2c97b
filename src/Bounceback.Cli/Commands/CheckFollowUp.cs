using System.CommandLine;
using System.Text.Json;
using Bounceback.Core.Bounces;
using Bounceback.Core.Catalog;
using Bounceback.Core.Checks;
using Bounceback.Core.Codes;

namespace Bounceback.Cli.Commands;

/// <summary>
/// `--check [SERVER]` for explain and parse: after the normal output, runs the live checks that fit the results
/// (see <see cref="CheckRunner.Plan(BounceResult)"/>). SERVER (host:port) is the sender's outgoing server for
/// connection errors. The DNS server comes from BOUNCEBACK_DNS_SERVER when set.
/// </summary>
internal sealed class CheckFollowUp
{
    private static readonly CheckJsonContext CompactJson = CheckJsonContext.Readable(indented: false);
    private readonly CheckRunner _runner;
    private readonly List<CheckRequest> _requests = [];
    private readonly Lock _lock = new();

    private CheckFollowUp(CheckRunner runner) => _runner = runner;

    /// <summary>The --check option: present alone, or with the outgoing server as host:port.</summary>
    public static Option<string?> Option() => new("--check")
    {
        Description = "Afterwards, run the live checks that fit the result (DNS, blocklists, SMTP). Optional value: your outgoing server as host:port, for connection errors.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>A follow-up when --check was given, else null; false when its value is not a host:port.</summary>
    public static bool TryCreate(ParseResult parse, Option<string?> option, out CheckFollowUp? followUp)
    {
        followUp = null;
        if (parse.GetResult(option) is null) return true;
        var value = parse.GetValue(option);
        if (!CheckCommand.TryOptions(null, null, out var options, out _)) options = new CheckOptions();
        if (value is not null)
        {
            if (!CheckTarget.TryParse(value, out var server) || server.Kind != CheckTargetKind.Server) return false;
            options = options with { OutgoingServer = server };
        }
        followUp = new CheckFollowUp(new CheckRunner(options));
        return true;
    }

    /// <summary>Notes the checks that fit one bounce result.</summary>
    public void Add(BounceResult result) => Add(_runner.Plan(result));

    /// <summary>Notes the checks that fit an explained text.</summary>
    public void Add(Core.Diagnosis.Diagnosis? diagnosis, string text) => Add(_runner.Plan(diagnosis, text));

    private void Add(IReadOnlyList<CheckRequest> requests)
    {
        // Scans report results from several workers at once.
        lock (_lock)
        {
            foreach (var r in requests)
            {
                if (_requests.Count >= 20 || _requests.Any(x => x.Target.Text == r.Target.Text && SameLists(x, r))) continue;
                _requests.Add(r);
            }
        }

        static bool SameLists(CheckRequest a, CheckRequest b) =>
            (a.Blocklists ?? []).Select(l => l.Zone).SequenceEqual((b.Blocklists ?? []).Select(l => l.Zone));
    }

    /// <summary>Runs the noted checks and prints them: readable text, or one line of JSON after JSON output.</summary>
    public async Task<CheckReport> RunAsync(CliContext context, Language language, bool json, CancellationToken ct)
    {
        var catalog = ExplanationCatalog.Default;
        List<CheckRequest> requests;
        lock (_lock) requests = [.. _requests];
        if (requests.Count == 0)
        {
            if (!json) await context.Output.WriteLineAsync(catalog.Text("check.cli.nothing-to-check", language)).ConfigureAwait(false);
            return new CheckReport([]);
        }
        var report = await _runner.RunAsync(requests, language, ct).ConfigureAwait(false);
        if (json) await context.Output.WriteLineAsync(JsonSerializer.Serialize(report, CompactJson.CheckReport)).ConfigureAwait(false);
        else
        {
            await context.Output.WriteLineAsync().ConfigureAwait(false);
            CheckCommand.Write(context, report, false, new CheckTexts(catalog, language));
        }
        return report;
    }
}

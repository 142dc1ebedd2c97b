using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Bounceback.Core.Catalog;
using Bounceback.Core.Checks;
using Bounceback.Core.Codes;

namespace Bounceback.Cli.Commands;

/// <summary>`bounceback check TARGET...`: live DNS, blocklist and SMTP checks of addresses, domains, IPs and servers.</summary>
internal static class CheckCommand
{
    private const double DefaultTimeoutSeconds = 20;
    private static readonly CheckJsonContext Json = CheckJsonContext.Readable(indented: true);

    public static Command Create(CliContext context)
    {
        var targets = new Argument<string[]>("target")
        {
            Description = "An e-mail address or domain (DNS checks), an IP address (reverse DNS, blocklists) or host:port (SMTP, STARTTLS, certificate).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        CommonOptions.RejectOptionLike(targets);
        var json = CommonOptions.Json();
        var lang = CommonOptions.Lang();
        var dnsServer = DnsServerOption();
        var timeout = TimeoutOption();
        var mxPorts = new Option<string?>("--mx-ports")
        {
            Description = "Ports to probe on a domain's first mail server, comma-separated (default 25; 'none' probes nothing).",
        };
        var blocklists = new Option<FileInfo?>("--blocklists")
        {
            Description = "A YAML file with the blocklists to consult, in the form of the built-in list (default: the built-in list).",
        };
        var command = new Command("check", "Check live what may stop mail: DNS records, blocklists, mail server ports and certificates.")
        {
            targets, json, lang, dnsServer, timeout, mxPorts, blocklists,
        };
        command.SetAction(async (parse, ct) =>
        {
            var language = CommonOptions.ResolveLanguage(parse.GetValue(lang));
            var catalog = ExplanationCatalog.Default;
            var given = parse.GetValue(targets) ?? [];
            if (given.Length == 0)
            {
                await context.Error.WriteLineAsync(catalog.Text("check.cli.no-target", language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var requests = new List<CheckRequest>();
            foreach (var text in given)
            {
                if (!CheckTarget.TryParse(text, out var target))
                {
                    await context.Error.WriteLineAsync(catalog.Text("check.cli.invalid-target", language).Replace("{target}", text, StringComparison.Ordinal)).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                requests.Add(new CheckRequest(target));
            }
            if (!TryOptions(parse.GetValue(dnsServer), parse.GetValue(timeout), out var options, out var problem))
            {
                await context.Error.WriteLineAsync(catalog.Text(problem!, language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (!TryMxPorts(parse.GetValue(mxPorts), out var ports))
            {
                await context.Error.WriteLineAsync(catalog.Text("check.cli.bad-mx-ports", language)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            options = options with { MxPorts = ports };
            if (parse.GetValue(blocklists) is { } file)
            {
                try
                {
                    using var stream = file.OpenRead();
                    options = options with { Blocklists = BlocklistSet.Load(stream) };
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Bounceback.Core.BouncebackException)
                {
                    await context.Error.WriteLineAsync(catalog.Text("check.cli.bad-blocklists", language).Replace("{error}", ex.Message, StringComparison.Ordinal)).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }
            var report = await new CheckRunner(options, catalog).RunAsync(requests, language, ct).ConfigureAwait(false);
            Write(context, report, parse.GetValue(json), new CheckTexts(catalog, language));
            return report.AnyFailed ? ExitCodes.NotFound : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>--dns-server IP[:port].</summary>
    public static Option<string?> DnsServerOption() => new("--dns-server")
    {
        Description = "Ask this DNS server (IP[:port]) instead of the system's resolvers.",
    };

    /// <summary>--timeout SECONDS: the limit for the whole run.</summary>
    public static Option<string?> TimeoutOption() => new("--timeout")
    {
        Description = "Stop after this many seconds; checks not finished by then report an error (default 20).",
    };

    /// <summary>Check options from the command line values; false with the key of the problem text when one is wrong.</summary>
    public static bool TryOptions(string? dnsServer, string? timeoutSeconds, out CheckOptions options, out string? problem)
    {
        options = new CheckOptions();
        problem = null;
        IPEndPoint? endpoint = null;
        dnsServer ??= Environment.GetEnvironmentVariable("BOUNCEBACK_DNS_SERVER") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (dnsServer is not null)
        {
            if (!IPEndPoint.TryParse(dnsServer.Trim(), out endpoint))
            {
                problem = "check.cli.bad-dns-server";
                return false;
            }
            if (endpoint.Port == 0) endpoint.Port = 53;
        }
        var seconds = DefaultTimeoutSeconds;
        if (timeoutSeconds is not null && !double.TryParse(timeoutSeconds, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || double.IsNaN(seconds) || seconds is < 1 or > 300)
        {
            problem = "check.cli.bad-timeout";
            return false;
        }
        options = options with
        {
            DnsServer = endpoint,
            OverallTimeout = TimeSpan.FromSeconds(seconds),
            OperationTimeout = TimeSpan.FromSeconds(Math.Min(5, seconds / 2)),
        };
        return true;
    }

    private static bool TryMxPorts(string? text, out IReadOnlyList<int> ports)
    {
        ports = [25];
        if (text is null) return true;
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            ports = [];
            return true;
        }
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535 || list.Count >= 5) return false;
            list.Add(port);
        }
        ports = list;
        return list.Count > 0;
    }

    /// <summary>Prints a report as JSON or as readable text.</summary>
    public static void Write(CliContext context, CheckReport report, bool json, CheckTexts texts)
    {
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(report, Json.CheckReport));
            return;
        }
        var labels = new[] { CheckStatus.Pass, CheckStatus.Warn, CheckStatus.Fail, CheckStatus.Error }
            .ToDictionary(s => s, s => texts.Text("check.status." + s.ToString().ToLowerInvariant()));
        var width = labels.Values.Max(l => l.Length);
        var idWidth = Math.Min(28, report.Targets.SelectMany(t => t.Checks).Select(c => c.Id.Length).DefaultIfEmpty(4).Max());
        var remedy = texts.Text("check.label.remedy");
        foreach (var target in report.Targets)
        {
            context.Output.WriteLine(target.Target);
            foreach (var check in target.Checks)
            {
                context.Output.WriteLine($"  {labels[check.Status].PadRight(width)}  {check.Id.PadRight(idWidth)}  {check.Summary}");
                foreach (var fix in check.Fix)
                {
                    context.Output.WriteLine($"  {new string(' ', width)}  {new string(' ', idWidth)}  {remedy}: {fix}");
                }
            }
            context.Output.WriteLine();
        }
        var all = report.Targets.SelectMany(t => t.Checks).ToList();
        var counts = new Dictionary<string, string>
        {
            ["pass"] = Count(CheckStatus.Pass), ["warn"] = Count(CheckStatus.Warn), ["fail"] = Count(CheckStatus.Fail), ["error"] = Count(CheckStatus.Error),
        };
        var line = texts.Text("check.cli.summary");
        foreach (var (k, v) in counts) line = line.Replace("{" + k + "}", v, StringComparison.Ordinal);
        context.Output.WriteLine(line);

        string Count(CheckStatus s) => all.Count(c => c.Status == s).ToString(CultureInfo.InvariantCulture);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bounceback.Cli.Tests;

/// <summary>A test that sends Unix signals; skipped on Windows.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
            Skip = "Sends SIGINT to a real process; Unix only.";
    }
}

/// <summary>The real `bounceback` process stopped with SIGINT (what Ctrl-C sends) in the middle of a large mbox.</summary>
public sealed class ScanSigintTests
{
    private const int Rounds = 2500;

    [UnixFact]
    public async Task Sigint_mid_scan_exits_130_with_whole_json_lines_and_the_summary_so_far()
    {
        var dir = Directory.CreateTempSubdirectory("bounceback-sigint-").FullName;
        try
        {
            var fixtures = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures"), "*.eml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            var mbox = Path.Combine(dir, "large.mbox");
            await WriteMboxAsync(mbox, fixtures);
            var total = Rounds * fixtures.Count;
            var output = Path.Combine(dir, "out.jsonl");

            using var process = Start("parse", "--jsonl", "--output", output, "--summary", "--lang", "en", "--parallel", "2", mbox);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // The first results reach the file once the writer's buffer fills; then interrupt.
            var waited = Stopwatch.StartNew();
            while (!process.HasExited && (!File.Exists(output) || new FileInfo(output).Length == 0) && waited.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(20);
            Assert.False(process.HasExited, "The scan ended before it could be interrupted.");
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);

            var error = await stderr;
            Assert.True(process.ExitCode == 130, $"exit code {process.ExitCode}: {error}");
            Assert.Contains("Stopped early", error, StringComparison.Ordinal);

            var text = await File.ReadAllTextAsync(output);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            var indexes = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("messageIndex").GetInt32()).ToList();
            Assert.Equal(indexes.Order().ToList(), indexes);

            // The summary of what was read before the signal: more than what reached the file's first lines, less than all.
            var summary = await stdout;
            Assert.Contains("Summary", summary, StringComparison.Ordinal);
            var read = Count(summary, "Messages read");
            Assert.InRange(read, indexes[^1] + 1, total - 1);
            Assert.Equal(lines.Length, Count(summary, "Recipients"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The fixtures over and over as one mbox, enough for a scan of several seconds.</summary>
    private static async Task WriteMboxAsync(string path, IReadOnlyList<string> fixtures)
    {
        var bodies = new List<byte[]>();
        foreach (var f in fixtures)
        {
            var text = (await File.ReadAllTextAsync(f, Encoding.Latin1)).Replace("\r\n", "\n", StringComparison.Ordinal);
            // mbox quoting: a body line that starts with "From " would otherwise begin a new message.
            var quoted = string.Join('\n', text.Split('\n').Select(l => l.StartsWith("From ", StringComparison.Ordinal) ? ">" + l : l));
            bodies.Add(Encoding.Latin1.GetBytes("From MAILER-DAEMON Thu Mar  5 14:20:11 2026\n" + quoted.TrimEnd('\n') + "\n\n"));
        }
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var body in bodies) await file.WriteAsync(body);
        }
    }

    private static int Count(string summary, string label)
    {
        var line = summary.Split('\n').First(l => l.TrimStart().StartsWith(label, StringComparison.Ordinal));
        return int.Parse(line[(line.IndexOf(label, StringComparison.Ordinal) + label.Length)..].Trim().Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    /// <summary>The built tool as its own process: `dotnet bounceback.dll` from the test output.</summary>
    private static Process Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bounceback.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        return Process.Start(info) ?? throw new InvalidOperationException("Could not start bounceback.");
    }
}

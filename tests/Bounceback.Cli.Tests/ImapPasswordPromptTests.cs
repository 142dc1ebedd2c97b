using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Bounceback.Cli.Tests;

/// <summary>
/// The IMAP password typed on a terminal: asked on standard error only when there is a terminal and no
/// BOUNCEBACK_IMAP_PASSWORD, never echoed, Backspace honoured; without either a clear error, never a wait.
/// </summary>
[Collection(nameof(ImapPasswordVariable))]
public sealed class ImapPasswordPromptTests
{
    private static string DeadMailbox() => $"imap://anna@127.0.0.1:{ImapPasswordVariable.DeadPort().ToString(CultureInfo.InvariantCulture)}/INBOX";

    [Fact]
    public async Task Without_a_terminal_or_the_variable_it_is_a_usage_error_and_nothing_is_read()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "rfc3464");
        var mailbox = DeadMailbox();

        var (code, output, error) = await ImapPasswordVariable.RunAsync(null, ["parse", "--jsonl", "--lang", "en", folder, mailbox]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Contains("No password for " + mailbox, error, StringComparison.Ordinal);
        Assert.Contains("BOUNCEBACK_IMAP_PASSWORD", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Password for", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_context_over_anything_but_the_console_has_no_terminal_to_type_on()
    {
        Assert.Null(new CliContext(TextWriter.Null, TextWriter.Null, new StringReader("secret\n")).ReadHiddenKey);
    }

    [Fact]
    public async Task The_real_tool_with_input_from_a_pipe_that_stays_open_stops_at_once_without_a_password()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "bounceback.dll"), "parse", "--lang", "en", DeadMailbox()])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove(ImapPasswordVariable.Name);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bounceback.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            // Standard input is never written to nor closed: a program that waited for a password would hang here.
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }

        Assert.Equal(ExitCodes.Usage, process.ExitCode);
        Assert.Contains("No password for", await error, StringComparison.Ordinal);
        Assert.Equal("", await output);
    }

    [Fact]
    public async Task On_a_terminal_the_prompt_goes_to_standard_error_and_the_typed_password_is_not_shown()
    {
        var mailbox = DeadMailbox();
        var typed = ImapPasswordVariable.Typing([.. ImapPasswordVariable.Text("hunter2x"), ImapPasswordVariable.Enter]);

        var (code, output, error) = await ImapPasswordVariable.RunAsync(null, ["parse", "--jsonl", "--lang", "en", mailbox], typed);

        Assert.Equal(ExitCodes.SourceFailed, code);
        Assert.Equal("", output);
        Assert.StartsWith($"Password for {mailbox}: {Environment.NewLine}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("*", error, StringComparison.Ordinal);
        Assert.Contains("Could not connect to " + mailbox, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_variable_set_no_prompt_is_shown_even_on_a_terminal()
    {
        var asked = false;
        ConsoleKeyInfo Key()
        {
            asked = true;
            return ImapPasswordVariable.Enter;
        }

        var (code, _, error) = await ImapPasswordVariable.RunAsync("from-the-variable", ["parse", "--jsonl", "--lang", "en", DeadMailbox()], Key);

        Assert.Equal(ExitCodes.SourceFailed, code);
        Assert.False(asked);
        Assert.DoesNotContain("Password for", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_prompt_per_account_even_for_several_folders()
    {
        var port = ImapPasswordVariable.DeadPort().ToString(CultureInfo.InvariantCulture);
        var typed = ImapPasswordVariable.Typing([.. ImapPasswordVariable.Text("pw"), ImapPasswordVariable.Enter]);

        var (_, _, error) = await ImapPasswordVariable.RunAsync(null, ["parse", "--lang", "en", $"imap://anna@127.0.0.1:{port}/INBOX", $"imap://anna@127.0.0.1:{port}/Bounces"], typed);

        Assert.Single(error.Split("Password for", StringSplitOptions.None)[1..]);
    }

    [Fact]
    public void Backspace_takes_back_a_character_and_other_control_keys_are_ignored()
    {
        var keys = ImapPasswordVariable.Typing(
        [
            .. ImapPasswordVariable.Text("sx"), ImapPasswordVariable.Backspace, .. ImapPasswordVariable.Text("ec"),
            new ConsoleKeyInfo('\0', ConsoleKey.LeftArrow, false, false, false), new ConsoleKeyInfo('\t', ConsoleKey.Tab, false, false, false),
            .. ImapPasswordVariable.Text("ret"), ImapPasswordVariable.Backspace, ImapPasswordVariable.Backspace, ImapPasswordVariable.Backspace,
            ImapPasswordVariable.Backspace, ImapPasswordVariable.Backspace, ImapPasswordVariable.Backspace, ImapPasswordVariable.Backspace,
            .. ImapPasswordVariable.Text("Ok1"), ImapPasswordVariable.Enter,
        ]);

        Assert.Equal("Ok1", Commands.ScanRun.ReadHiddenLine(keys));
    }

    [Fact]
    public async Task Ctrl_c_typed_at_the_prompt_stops_the_run_with_exit_130_before_anything_is_read()
    {
        var typed = ImapPasswordVariable.Typing([.. ImapPasswordVariable.Text("hal"), new ConsoleKeyInfo('\u0003', ConsoleKey.C, false, false, true)]);

        var (code, output, error) = await ImapPasswordVariable.RunAsync(null, ["parse", "--jsonl", "--lang", "en", DeadMailbox()], typed);

        Assert.Equal(130, code);
        Assert.Equal("", output);
        Assert.Contains("Stopped at the password prompt (Ctrl-C)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not connect", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_interrupt_signal_while_the_prompt_waits_for_a_key_stops_the_run_even_though_no_key_comes()
    {
        using var release = new SemaphoreSlim(0);
        using var interrupt = new CancellationTokenSource();
        ConsoleKeyInfo NeverTyped()
        {
            // The signal arrives while the read is blocked, as Console.ReadKey blocks on a terminal.
            interrupt.Cancel();
            release.Wait(TimeSpan.FromMinutes(1));
            return ImapPasswordVariable.Enter;
        }

        try
        {
            var (code, output, error) = await ImapPasswordVariable.RunAsync(null, ["parse", "--jsonl", "--lang", "nl", DeadMailbox()], NeverTyped, interrupt.Token);

            Assert.Equal(130, code);
            Assert.Equal("", output);
            Assert.Contains("Gestopt bij de vraag om het wachtwoord", error, StringComparison.Ordinal);
        }
        finally
        {
            release.Release();
        }
    }

    /// <summary>
    /// The real tool on a real pseudo-terminal (util-linux `script`): Ctrl-C typed at the prompt ends the program at once
    /// with exit 130 (it used to be taken for an ignored control key, and the prompt waited on).
    /// </summary>
    [Fact]
    public async Task On_a_real_terminal_ctrl_c_at_the_prompt_ends_the_program()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script")) return;

        var (exitCode, screen) = await TypeAtThePromptOnATerminal(["parse", "--lang", "en", DeadMailbox()], "ab\u0003");

        Assert.True(exitCode == 130, screen);
        Assert.Contains("Stopped at the password prompt (Ctrl-C)", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_line_is_kept_to_the_limit()
    {
        var keys = ImapPasswordVariable.Typing([.. ImapPasswordVariable.Text(new string('a', Commands.ScanRun.MaxPasswordLength + 50)), ImapPasswordVariable.Enter]);

        Assert.Equal(Commands.ScanRun.MaxPasswordLength, Commands.ScanRun.ReadHiddenLine(keys).Length);
    }

    [ImapFact]
    public async Task A_password_typed_with_a_correction_logs_in()
    {
        var server = DovecotServer.Require();
        var folder = await server.CreateFolderAsync([(MimeKit.MimeMessage.Load(Path.Combine(AppContext.BaseDirectory, "fixtures", "rfc3464", "two-recipients.eml")), DateTimeOffset.UtcNow)]);
        var typed = ImapPasswordVariable.Typing([.. ImapPasswordVariable.Text(server.Password + "#"), ImapPasswordVariable.Backspace, ImapPasswordVariable.Enter]);

        var (code, output, error) = await ImapPasswordVariable.RunAsync(null, ["parse", "--jsonl", "--ca-file", server.CaFile, server.Url(folder)], typed);

        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(server.Password, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// The real tool on a real pseudo-terminal (util-linux `script`), whose line discipline echoes what is typed unless
    /// the program turns that off: the prompt appears, the password typed after it does not, and the login works.
    /// </summary>
    [ImapFact]
    public async Task On_a_real_terminal_the_password_is_asked_and_not_echoed()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script")) return;
        var server = DovecotServer.Require();
        var folder = await server.CreateFolderAsync([(MimeKit.MimeMessage.Load(Path.Combine(AppContext.BaseDirectory, "fixtures", "rfc3464", "two-recipients.eml")), DateTimeOffset.UtcNow)]);
        var results = Path.Combine(Path.GetTempPath(), $"bounceback-tty-{Guid.NewGuid():N}.jsonl");
        try
        {
            // Typed after the prompt, as a person would: the program has turned echo off by then.
            var (exitCode, seen) = await TypeAtThePromptOnATerminal(
                ["parse", "--jsonl", "--lang", "en", "--output", results, "--ca-file", server.CaFile, server.Url(folder)], server.Password + "\r");

            Assert.True(exitCode == 0, seen);
            Assert.Contains($"Password for {server.Url(folder)}:", seen, StringComparison.Ordinal);
            Assert.DoesNotContain(server.Password, seen, StringComparison.Ordinal);
            Assert.Equal(2, (await File.ReadAllLinesAsync(results)).Length);
        }
        finally
        {
            File.Delete(results);
        }
    }

    /// <summary>
    /// Runs the built tool on a real pseudo-terminal (util-linux `script`), waits for its password prompt, types
    /// <paramref name="typed"/> a moment later and waits (at most a minute) for it to end: its exit code and all the
    /// terminal showed.
    /// </summary>
    private static async Task<(int ExitCode, string Screen)> TypeAtThePromptOnATerminal(string[] toolArgs, string typed)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var command = string.Join(' ', new[] { dotnet, Path.Combine(AppContext.BaseDirectory, "bounceback.dll") }.Concat(toolArgs).Select(Quote));
        var info = new ProcessStartInfo("/usr/bin/script", ["--quiet", "--return", "--command", command, "/dev/null"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove(ImapPasswordVariable.Name);
        info.Environment["NO_COLOR"] = "1";
        info.Environment["TERM"] = "dumb";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start script.");
        var screen = new StringBuilder();
        var reading = Task.Run(async () =>
        {
            var buffer = new char[1024];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer)) > 0)
            {
                lock (screen) screen.Append(buffer, 0, n);
            }
        });
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (!Shown(screen, "Password for") && !process.HasExited) await Task.Delay(50, timeout.Token);
            await Task.Delay(300, timeout.Token);
            await process.StandardInput.WriteAsync(typed);
            await process.StandardInput.FlushAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            await reading;
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        lock (screen) return (process.ExitCode, screen.ToString());
    }

    private static bool Shown(StringBuilder screen, string text)
    {
        lock (screen) return screen.ToString().Contains(text, StringComparison.Ordinal);
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

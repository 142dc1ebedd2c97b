using System.Text.Json;

namespace Bounceback.Cli.Tests;

/// <summary>`bounceback explain` and `bounceback codes` run in-process: exit codes, JSON shape, standard input, language.</summary>
public class ExplainCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Run(string[] args, string? stdin = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, new StringReader(stdin ?? "")) { InputRedirected = stdin is not null, UseColor = false };
        var code = await BouncebackCli.RunAsync(args, context, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Explaining_a_code_exits_0_and_prints_the_summary_first()
    {
        var (code, output, _) = await Run(["explain", "550", "5.1.1", "--lang", "en"]);
        Assert.Equal(0, code);
        Assert.StartsWith("What happened", output, StringComparison.Ordinal);
        Assert.Contains("5.1.1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dutch_output_uses_the_dutch_texts()
    {
        var (code, output, _) = await Run(["explain", "fout 571", "--lang", "nl"]);
        Assert.Equal(0, code);
        Assert.StartsWith("Wat er gebeurde", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_without_a_code_exits_1_with_a_message_saying_what_was_looked_for()
    {
        var (code, output, error) = await Run(["explain", "hello", "world", "--lang", "en"]);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("0x800CCC0E", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_text_and_no_piped_input_is_a_usage_error()
    {
        var (code, _, error) = await Run(["explain"]);
        Assert.Equal(2, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Unknown_language_is_a_usage_error()
    {
        var (code, _, _) = await Run(["explain", "5.1.1", "--lang", "de"]);
        Assert.Equal(2, code);
    }

    [Theory]
    [InlineData("nl-NL", "Wat er gebeurde")]
    [InlineData("en_GB", "What happened")]
    public async Task A_culture_name_chooses_its_language(string lang, string heading)
    {
        var (code, output, _) = await Run(["explain", "550 5.1.1", "--lang", lang]);
        Assert.Equal(0, code);
        Assert.StartsWith(heading, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("explain", "--jsn")]
    [InlineData("parse", "--jsnl")]
    [InlineData("codes", "--bogus")]
    public async Task A_misspelt_option_is_a_usage_error_not_text_or_a_path(string command, string option)
    {
        // Taken as text, "--jsn 5.1.1" would be explained without JSON; taken as a path, "--jsnl" would be "not found".
        var (code, output, error) = await Run([command, option, "5.1.1", "--lang", "en"]);
        Assert.Equal(2, code);
        Assert.Contains($"Unrecognized option '{option}'", error, StringComparison.Ordinal);
        // The help shown with the error goes to standard error as well, never into the results.
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task A_code_explained_word_for_word_as_the_one_above_is_not_repeated()
    {
        // "554" and "5.7.1" of one relay refusal are both explained by the server's words, alike.
        var (code, output, _) = await Run(["explain", "--lang", "en", "554 5.7.1 <kim@receiver.example>: Relay access denied"]);
        Assert.Equal(0, code);
        var findings = output[output.IndexOf("Codes found", StringComparison.Ordinal)..];
        Assert.Equal(1, findings.Split("Meaning:").Length - 1);
        Assert.Contains("Explained as 554 above.", findings, StringComparison.Ordinal);
        // Codes that say different things keep their own text.
        var (_, other, _) = await Run(["explain", "--lang", "en", "550 5.1.1 <kim@receiver.example>: Recipient address rejected: User unknown"]);
        Assert.DoesNotContain("above.", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_asked_for_goes_to_standard_output()
    {
        var (code, output, error) = await Run(["parse", "--help"]);
        Assert.Equal(0, code);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Text_that_starts_with_a_single_dash_is_still_text()
    {
        // A POP3 server's answer ("-ERR [AUTH] ...") is text to explain, not an option.
        var (code, output, _) = await Run(["explain", "--lang", "en", "--", "-ERR", "[AUTH]", "Username and password not accepted."]);
        Assert.Equal(0, code);
        Assert.Contains("[AUTH]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_is_read_from_standard_input_when_no_argument_is_given()
    {
        var (code, output, _) = await Run(["explain", "--json"], "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 unknown\n");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("5.1.1", doc.RootElement.GetProperty("diagnosis").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_lone_dash_reads_standard_input_like_parse_does()
    {
        var (code, output, _) = await Run(["explain", "--json", "-"], "550 5.7.1 Service unavailable; client host blocked using zen.spamhaus.org\n");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("blocked", doc.RootElement.GetProperty("diagnosis").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Json_output_has_the_contract_shape()
    {
        var (code, output, _) = await Run(["explain", "--json", "--lang", "nl", "550 5.7.1 rejected"]);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("nl", root.GetProperty("language").GetString());
        var finding = root.GetProperty("findings")[0];
        foreach (var name in new[] { "kind", "code", "matchedText", "known", "title", "meaning", "causes", "faultSide", "severity", "reason", "steps", "source" })
            Assert.True(finding.TryGetProperty(name, out _), $"finding has no '{name}'");
        Assert.Equal(JsonValueKind.Array, finding.GetProperty("steps").GetProperty("sender").ValueKind);
        Assert.Equal(JsonValueKind.Array, finding.GetProperty("steps").GetProperty("admin").ValueKind);
        Assert.Equal(JsonValueKind.Array, finding.GetProperty("causes").ValueKind);
        Assert.Equal(JsonValueKind.True, finding.GetProperty("known").ValueKind);
        Assert.Contains(finding.GetProperty("kind").GetString(), new[] { "enhanced", "reply", "windows-client", "winsock", "provider" });
        var diagnosis = root.GetProperty("diagnosis");
        foreach (var name in new[] { "code", "summary", "faultSide", "severity", "reason", "steps" })
            Assert.True(diagnosis.TryGetProperty(name, out _), $"diagnosis has no '{name}'");
        Assert.Equal("permanent", diagnosis.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Json_without_a_code_prints_an_empty_report_and_exits_1()
    {
        var (code, output, _) = await Run(["explain", "--json", "nothing here"]);
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public async Task Codes_lists_matching_catalog_entries()
    {
        var (code, output, _) = await Run(["codes", "421", "--lang", "en"]);
        Assert.Equal(0, code);
        Assert.StartsWith("421", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Codes_json_gives_code_kind_and_title()
    {
        var (code, output, _) = await Run(["codes", "--json", "0x800CCC0E"]);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var first = doc.RootElement[0];
        Assert.Equal("0x800CCC0E", first.GetProperty("code").GetString());
        Assert.Equal("windows-client", first.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task Codes_without_a_match_exits_1()
    {
        var (code, _, error) = await Run(["codes", "zzzqqq-no-such-thing"]);
        Assert.Equal(1, code);
        Assert.Contains("zzzqqq", error, StringComparison.Ordinal);
    }
}

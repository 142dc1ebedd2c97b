using Bounceback.Cli.Output;
using Bounceback.Core.Codes;

namespace Bounceback.Cli.Tests;

public class ProgressBarTests
{
    [Fact]
    public void The_first_update_draws_the_bar_on_one_line_that_is_rewritten_in_place()
    {
        var error = new StringWriter();
        var bar = new ProgressBar(error, Language.En, total: 40);

        bar.Update(10);

        var text = error.ToString();
        Assert.StartsWith("\r[", text, StringComparison.Ordinal);
        Assert.Contains("25.0%", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
    }

    [Fact]
    public void A_problem_line_written_after_clear_starts_on_a_wiped_line_and_the_bar_returns_below_it()
    {
        var error = new StringWriter();
        var bar = new ProgressBar(error, Language.En, total: 40);
        bar.Update(10);
        var drawn = error.ToString().Length - 1; // without the leading carriage return

        bar.Clear();
        error.WriteLine("message 7 could not be read");
        bar.Update(11);

        var lines = error.ToString().Split('\n');
        Assert.Equal(2, lines.Length);
        var segments = lines[0].Split('\r');
        // bar, then blanks over the whole bar, then the problem from the first column
        Assert.Equal("message 7 could not be read", segments[^1]);
        Assert.Equal(new string(' ', drawn), segments[^2]);
        Assert.StartsWith("\r[", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_without_a_bar_on_screen_writes_nothing()
    {
        var error = new StringWriter();
        var bar = new ProgressBar(error, Language.En, total: null);
        bar.Update(1);
        bar.Done(1);
        var before = error.ToString();

        bar.Clear();

        Assert.Equal(before, error.ToString());
        Assert.EndsWith(Environment.NewLine, before, StringComparison.Ordinal);
    }
}

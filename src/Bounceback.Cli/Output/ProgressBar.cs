using System.Diagnostics;
using System.Globalization;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Cli.Output;

/// <summary>A one-line progress display on standard error (messages done, rate, time left when the total is known); only on a terminal.</summary>
internal sealed class ProgressBar(TextWriter error, Language language, int? total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw;

    public void Update(int done)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < 200) return;
        _lastDraw = now;
        Draw(done);
    }

    public void Done(int done)
    {
        Draw(done);
        error.WriteLine();
    }

    private void Draw(int done)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var rate = done / seconds;
        var c = ExplanationCatalog.Default;
        var text = string.Format(CultureInfo.InvariantCulture, c.Text("scan.progress", language), done, rate);
        if (total is > 0 and var t)
        {
            var fraction = Math.Min(1.0, done / (double)t);
            var filled = (int)(fraction * 24);
            var left = rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, (t - done) / rate)) : TimeSpan.Zero;
            text = $"[{new string('#', filled)}{new string('.', 24 - filled)}] {fraction * 100,5:0.0}% " + text + " " +
                string.Format(CultureInfo.InvariantCulture, c.Text("scan.progress.left", language), left.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        }
        error.Write("\r" + text + "   ");
    }
}

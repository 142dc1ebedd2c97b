using System.Diagnostics;
using System.Globalization;
using Bounceback.Core.Catalog;
using Bounceback.Core.Codes;

namespace Bounceback.Cli.Output;

/// <summary>
/// A one-line progress display on standard error (messages done, rate, time left when the total is known); only on a
/// terminal. Anything else written to standard error while it shows goes through <see cref="Clear"/> first, so a
/// message never lands in the middle of the bar.
/// </summary>
internal sealed class ProgressBar(TextWriter error, Language language, int? total)
{
    private const int RedrawMilliseconds = 200;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDraw = -RedrawMilliseconds;
    private int _shown;

    public void Update(int done)
    {
        var now = _clock.ElapsedMilliseconds;
        if (now - _lastDraw < RedrawMilliseconds) return;
        _lastDraw = now;
        Draw(done);
    }

    public void Done(int done)
    {
        Draw(done);
        error.WriteLine();
        _shown = 0;
    }

    /// <summary>Wipes the bar off its line (the next <see cref="Update"/> draws it again, below what was written).</summary>
    public void Clear()
    {
        if (_shown == 0) return;
        error.Write("\r" + new string(' ', _shown) + "\r");
        _shown = 0;
        _lastDraw = -RedrawMilliseconds;
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
        var line = text + "   ";
        error.Write("\r" + line);
        _shown = line.Length;
    }
}

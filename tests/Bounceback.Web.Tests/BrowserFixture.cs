using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Bounceback.Web.Tests;

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port) and Debian's Chromium driven by Playwright's bundled driver.
/// Playwright downloads nothing: the browser is /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplication? _app;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;

    public static bool ChromiumPresent => File.Exists(ChromiumPath);

    public async Task InitializeAsync()
    {
        if (!ChromiumPresent) return;
        _app = BouncebackWebApp.Build(["--urls", "http://127.0.0.1:0"]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>A fresh page (own context) with a listener that records any dialog a script opens.</summary>
    public async Task<(IPage Page, List<string> Dialogs)> NewPageAsync(bool javaScript = true, int width = 1100, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // A minute for every wait, not Playwright's 30 seconds: with every test project running at once, a navigation
        // from the code list took longer than that in two CI runs (a different test each time), though it takes well
        // under a second on a quiet machine.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        return (page, dialogs);
    }
}

/// <summary>A browser test: skipped with a clear message when Debian's Chromium is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserFixture.ChromiumPresent)
            Skip = "Chromium is not installed at /usr/bin/chromium (scripts/services/chromium.sh start installs it); browser test skipped.";
    }
}

/// <summary>A data-driven browser test, skipped like <see cref="BrowserFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!BrowserFixture.ChromiumPresent)
            Skip = "Chromium is not installed at /usr/bin/chromium (scripts/services/chromium.sh start installs it); browser test skipped.";
    }
}

using Bounceback.Core.Bounces;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Microsoft.Playwright;
using MimeKit;

namespace Bounceback.Web.Tests;

[Collection("browser")]
public class BrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string PastedError = "Your message did not reach bob@example.net.\nRemote server returned: 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found";

    /// <summary>Script payloads that would set window.__pwned (or open a dialog) if any of them ever ran.</summary>
    private const string HostileText =
        "<script>window.__pwned='script';alert(1)</script> 550 5.7.1 <img src=x onerror=\"window.__pwned='img';alert(2)\">" +
        " <a href=\"javascript:window.__pwned='link'\">open</a> \"><svg onload=window.__pwned='svg'> ' onmouseover='window.__pwned=1";

    private static string Text(string key, Language language) => Diagnoser.Default.Catalog.Text(key, language);

    /// <summary>The text the answer must show for an input, taken from Core itself rather than written here.</summary>
    private static string ExpectedHeadline(string input, Language language)
    {
        var report = Diagnoser.Default.Explain(input, language);
        return report.Diagnosis?.Summary ?? (report.Findings.Count > 0 ? report.Findings[0].Title : Text("web.none.heading", language));
    }

    private static int ExpectedRecipients(string samplePath)
    {
        var message = MimeMessage.Load(samplePath);
        return BounceParser.Default.Parse(message, "x", null, Language.En).Results.Count;
    }

    private static async Task AssertNoScriptRan(IPage page, List<string> dialogs)
    {
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned === undefined ? null : String(window.__pwned)"));
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("main img, main svg, main a[href^='javascript:' i]").CountAsync());
    }

    [BrowserTheory]
    [InlineData("en")]
    [InlineData("nl")]
    public async Task Pasting_an_error_shows_the_diagnosis_in_the_chosen_language(string lang)
    {
        var language = lang == "nl" ? Language.Nl : Language.En;
        var (page, _) = await fixture.NewPageAsync();
        await page.GotoAsync("/?lang=" + lang);
        Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
        await page.GetByLabel(Text("web.form.text-label", language)).FillAsync(PastedError);
        await page.GetByRole(AriaRole.Button, new() { Name = Text("web.form.submit", language) }).ClickAsync();
        var answer = page.Locator("#answer[data-source='api']");
        await answer.WaitForAsync();
        Assert.Equal(Text("web.answer.heading", language), await answer.Locator("h2").InnerTextAsync());
        Assert.Contains(ExpectedHeadline(PastedError, language), await answer.InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_language_switch_keeps_the_page_and_remembers_the_language_in_the_url()
    {
        var (page, _) = await fixture.NewPageAsync();
        await page.GotoAsync("/codes?lang=en");
        await page.Locator("#switch-lang").ClickAsync();
        await page.WaitForURLAsync("**/codes?lang=nl");
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(Text("web.codes.heading", Language.Nl), await page.Locator("h1").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Without_javascript_the_form_posts_and_the_server_renders_the_answer()
    {
        var (page, _) = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync("/?lang=nl");
        await page.Locator("#text").FillAsync(PastedError);
        await page.Locator("#explain-form button[type=submit]").ClickAsync();
        await page.Locator("#answer-heading").WaitForAsync();
        Assert.Null(await page.GetAttributeAsync("#answer", "data-source"));
        Assert.Contains(ExpectedHeadline(PastedError, Language.Nl), await page.Locator("#answer").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(PastedError, await page.Locator("#text").InputValueAsync());
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Uploading_a_bounce_shows_one_row_per_recipient(bool javaScript)
    {
        var sample = WebAppFixture.Sample("dsn-user-unknown.eml");
        var (page, _) = await fixture.NewPageAsync(javaScript);
        await page.GotoAsync("/?lang=en");
        await page.Locator("#file").SetInputFilesAsync(sample);
        await page.Locator("#explain-form button[type=submit]").ClickAsync();
        await page.Locator("#answer-heading").WaitForAsync();
        Assert.Equal(ExpectedRecipients(sample), await page.Locator("#answer table tbody tr").CountAsync());
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_code_permalink_from_the_catalog_opens_its_own_page()
    {
        var (page, _) = await fixture.NewPageAsync(javaScript: false);
        await page.GotoAsync("/codes?lang=nl");
        await page.Locator("a[href^='/codes/microsoft/S3140']").ClickAsync();
        await page.WaitForURLAsync("**/codes/microsoft/S3140?lang=nl");
        Assert.Equal("nl", await page.GetAttributeAsync("html", "lang"));
        var expected = Diagnoser.Default.Catalog.FindForProvider("microsoft", "S3140")[0].Title.Nl;
        Assert.Contains(expected, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var response = await page.GotoAsync("/nl/codes/microsoft/S3140");
        Assert.Equal(200, response!.Status);
        Assert.Contains(expected, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Searching_the_catalog_narrows_the_list_to_matching_codes()
    {
        var (page, _) = await fixture.NewPageAsync();
        await page.GotoAsync("/codes?lang=en");
        var all = await page.Locator("ul.codes li").CountAsync();
        await page.GetByLabel(Text("web.codes.search-label", Language.En)).FillAsync("S3140");
        await page.GetByRole(AriaRole.Button, new() { Name = Text("web.codes.search-submit", Language.En) }).ClickAsync();
        await page.Locator("p.count").WaitForAsync(new() { Timeout = 60_000 });
        Assert.EndsWith("/codes?lang=en&q=S3140", page.Url, StringComparison.Ordinal);
        var hits = await page.Locator("ul.codes li").CountAsync();
        Assert.InRange(hits, 1, all - 1);
        Assert.Equal(1, await page.Locator("ul.codes a[href^='/codes/microsoft/S3140']").CountAsync());
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Hostile_text_is_shown_as_text_both_from_the_api_and_from_the_server()
    {
        var (page, dialogs) = await fixture.NewPageAsync();
        await page.GotoAsync("/?lang=en");
        await page.Locator("#text").FillAsync(HostileText);
        await page.Locator("#explain-form button[type=submit]").ClickAsync();
        await page.Locator("#answer[data-source='api']").WaitForAsync();
        await AssertNoScriptRan(page, dialogs);

        // The plain form post, bypassing the script: the server renders the text back into the page.
        await page.EvaluateAsync("() => document.getElementById('explain-form').submit()");
        await page.Locator("#answer-heading").WaitForAsync();
        Assert.Null(await page.GetAttributeAsync("#answer", "data-source"));
        Assert.Equal(HostileText, await page.Locator("#text").InputValueAsync());
        await AssertNoScriptRan(page, dialogs);
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_hostile_bounce_runs_no_script_in_headers_or_body(bool throughApi)
    {
        var (page, dialogs) = await fixture.NewPageAsync();
        await page.GotoAsync("/?lang=nl");
        await page.Locator("#file").SetInputFilesAsync(WebAppFixture.Sample("dsn-hostile.eml"));
        if (throughApi)
        {
            await page.Locator("#explain-form button[type=submit]").ClickAsync();
            await page.Locator("#answer[data-source='api']").WaitForAsync();
        }
        else
        {
            await page.EvaluateAsync("() => document.getElementById('explain-form').submit()");
            await page.Locator("#answer-heading").WaitForAsync();
        }
        await AssertNoScriptRan(page, dialogs);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_hostile_code_in_a_permalink_is_shown_as_text()
    {
        var (page, dialogs) = await fixture.NewPageAsync();
        var response = await page.GotoAsync("/codes/" + Uri.EscapeDataString("<img src=x onerror=alert(1)>"));
        Assert.Equal(404, response!.Status);
        Assert.Contains("<img src=x onerror=alert(1)>", await page.Locator("main code").InnerTextAsync(), StringComparison.Ordinal);
        await AssertNoScriptRan(page, dialogs);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task On_a_phone_the_page_fits_the_screen_width()
    {
        var (page, _) = await fixture.NewPageAsync(width: 360, height: 740);
        foreach (var path in new[] { "/?lang=nl", "/codes?lang=nl", "/codes/microsoft/S3140?lang=nl" })
        {
            await page.GotoAsync(path);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), path);
        }
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_page_works_by_keyboard_alone()
    {
        var (page, _) = await fixture.NewPageAsync();
        await page.GotoAsync("/?lang=en");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        for (var i = 0; i < 12 && await page.EvaluateAsync<string>("() => document.activeElement.id") != "text"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("text", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("550 5.1.1");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("BUTTON", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#answer[data-source='api']").WaitForAsync();
        Assert.Equal("answer-heading", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Screenshots of an answer in each language: always to the test output, and to BOUNCEBACK_SCREENSHOT_DIR when set
    /// (docs/screenshots is made that way, see docs/web.md).
    /// </summary>
    [BrowserTheory]
    [InlineData("en")]
    [InlineData("nl")]
    public async Task Screenshot_of_an_answer(string lang)
    {
        var (page, _) = await fixture.NewPageAsync(width: 1000, height: 900);
        await page.GotoAsync("/?lang=" + lang);
        await page.Locator("#file").SetInputFilesAsync(WebAppFixture.Sample("dsn-user-unknown.eml"));
        await page.Locator("#explain-form button[type=submit]").ClickAsync();
        await page.Locator("#answer[data-source='api']").WaitForAsync();
        var dirs = new List<string> { Path.Combine(AppContext.BaseDirectory, "screenshots") };
        if (Environment.GetEnvironmentVariable("BOUNCEBACK_SCREENSHOT_DIR") is { Length: > 0 } extra) dirs.Add(extra);
        foreach (var dir in dirs)
        {
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"explain-{lang}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Assert.True(new FileInfo(file).Length > 10_000);
        }
        await page.Context.CloseAsync();
    }
}

using System.Net;
using System.Net.Http.Headers;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;

namespace Bounceback.Web.Tests;

/// <summary>The server-rendered pages through the HTTP pipeline, as a browser without JavaScript gets them.</summary>
public class PageTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static string Text(string key, Language language) => Diagnoser.Default.Catalog.Text(key, language);

    [Fact]
    public async Task Form_post_renders_the_answer_with_the_input_escaped()
    {
        const string hostile = "550 5.1.1 <script>alert(1)</script><img src=x onerror=alert(2)>";
        using var form = new MultipartFormDataContent { { new StringContent(hostile), "text" } };
        using var response = await Client.PostAsync(U("/?lang=en"), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(Text("web.answer.heading", Language.En), html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_encoded_form_post_is_answered_too()
    {
        using var response = await Client.PostAsync(U("/nl"), new FormUrlEncodedContent([new("text", "550 5.1.1")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Text("web.answer.heading", Language.Nl), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_code_explained_word_for_word_as_its_enhanced_code_is_shown_once()
    {
        using var response = await Client.PostAsync(U("/en"), new FormUrlEncodedContent([new("text", "554 5.7.1 <kim@receiver.example>: Relay access denied")]));
        var html = await response.Content.ReadAsStringAsync();
        var report = Diagnoser.Default.Explain("554 5.7.1 <kim@receiver.example>: Relay access denied", Language.En);
        Assert.True(report.Findings[1].ExplainsAlike(report.Findings[0]));
        // The meaning once, as HTML escapes it; the second code a heading with a pointer to the first.
        var meaning = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All).Encode(report.Findings[0].Meaning);
        Assert.Equal(1, html.Split(meaning).Length - 1);
        Assert.Contains(Text("label.sameAs", Language.En).Replace("{code}", "554", StringComparison.Ordinal), html, StringComparison.Ordinal);
        Assert.Contains("<code>5.7.1</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_pasted_without_headers_shows_its_failed_recipient()
    {
        const string pasted = "Delivery has failed to these recipients or groups:\n\nkim@receiver.example\n" +
            "The email address you entered couldn't be found.\n\nDiagnostic information for administrators:\n\n" +
            "kim@receiver.example\nRemote Server returned '550 5.1.1 <kim@receiver.example>: Recipient address rejected: User unknown'\n";
        using var form = new MultipartFormDataContent { { new StringContent(pasted), "text" } };
        using var response = await Client.PostAsync(U("/?lang=en"), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        // The recipients table, not only the echoed input.
        Assert.Contains(Text("web.recipients.heading", Language.En), html, StringComparison.Ordinal);
        Assert.Contains(">kim@receiver.example</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_report_is_labelled_no_bounce_and_a_permanent_refusal_of_a_good_address_not_as_one_that_may_still_work()
    {
        const string report = "From: MAILER-DAEMON@mx.example.org\nTo: shop@example.org\nSubject: Delivery Status Notification\n" +
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\nReport.\n\n" +
            "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n" +
            "Final-Recipient: rfc822; ann@example.net\nAction: delivered\nStatus: 2.0.0\n\n" +
            "Final-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.7.1\nDiagnostic-Code: smtp; 550 5.7.1 Message rejected as spam\n\n--b--\n";
        using var form = new MultipartFormDataContent { { new StringContent(report), "text" } };
        using var response = await Client.PostAsync(U("/?lang=nl"), form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(Text("web.bounce.none", Language.Nl), html, StringComparison.Ordinal);
        Assert.Contains(Text("web.bounce.soft", Language.Nl), html, StringComparison.Ordinal);
        Assert.DoesNotContain("kan nog lukken", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_form_post_is_a_400_page_that_says_what_to_do()
    {
        using var form = new MultipartFormDataContent { { new StringContent("  "), "text" } };
        using var response = await Client.PostAsync(U("/?lang=nl"), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Text("web.error.empty", Language.Nl), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_language_follows_accept_language_and_the_path_prefix()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, U("/codes"));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("nl-NL"));
        using var fromHeader = await Client.SendAsync(request);
        Assert.Contains("<html lang=\"nl\">", await fromHeader.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var fromPrefix = await Client.GetStringAsync(U("/nl/codes/x.1.1"));
        Assert.Contains("<html lang=\"nl\">", fromPrefix, StringComparison.Ordinal);
        Assert.Contains(Diagnoser.Default.Catalog.Find(CodeKind.Enhanced, "x.1.1")!.Title.Nl, fromPrefix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/codes/5.7.1", CodeKind.Enhanced, "5.7.1", "en")]
    [InlineData("/codes/0x800CCC0E", CodeKind.WindowsClient, "0x800CCC0E", "en")]
    [InlineData("/nl/codes/550", CodeKind.Reply, "550", "nl")]
    [InlineData("/codes/10060?lang=nl", CodeKind.Winsock, "10060", "nl")]
    [InlineData("/codes/4.9.99", CodeKind.Enhanced, "4.9.99", "en")]
    [InlineData("/codes/AUTHENTICATIONFAILED", CodeKind.Access, "AUTHENTICATIONFAILED", "en")]
    [InlineData("/codes/SYS%2FPERM?lang=nl", CodeKind.Access, "SYS/PERM", "nl")]
    public async Task Every_well_formed_code_has_a_permalink_page(string path, CodeKind kind, string code, string lang)
    {
        var language = lang == "nl" ? Language.Nl : Language.En;
        var expected = Diagnoser.Default.ExplainCode(kind, code, language);
        Assert.NotNull(expected);
        using var response = await Client.GetAsync(U(path));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{lang}\">", html, StringComparison.Ordinal);
        Assert.Contains(expected.Title, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_code_and_unknown_page_are_404_pages()
    {
        using var code = await Client.GetAsync(U("/codes/NOT-A-CODE"));
        Assert.Equal(HttpStatusCode.NotFound, code.StatusCode);
        Assert.Equal("text/html", code.Content.Headers.ContentType?.MediaType);
        using var page = await Client.GetAsync(U("/no/such/page"));
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Index_lists_every_code_entry_and_search_narrows_it()
    {
        var all = await Client.GetStringAsync(U("/codes?lang=en"));
        // Every entry but the wording ones, which are meanings of codes that have their own entries.
        var entries = Diagnoser.Default.Catalog.Entries.Where(e => !e.IsWording).ToList();
        Assert.Equal(entries.Count, CountOf(all, "<li><a href=\"/codes/"));
        var found = await Client.GetStringAsync(U("/codes?lang=en&q=S3140"));
        Assert.InRange(CountOf(found, "<li><a href=\"/codes/"), 1, entries.Count - 1);
        Assert.Contains("href=\"/codes/microsoft/S3140?lang=en\"", found, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_assets_are_served_by_the_app_itself()
    {
        var html = await Client.GetStringAsync(U("/"));
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        using var css = await Client.GetAsync(U("/assets/app.css"));
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        using var js = await Client.GetAsync(U("/assets/app.js"));
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bounceback.Core.Codes;
using Bounceback.Core.Diagnosis;
using Microsoft.AspNetCore.TestHost;

namespace Bounceback.Web.Tests;

public class ApiTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private HttpClient Client => fixture.Client;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonOf(response);
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Explain_takes_plain_text_and_answers_with_the_explain_json()
    {
        using var response = await Client.PostAsync(U("/api/explain?lang=nl"), WebAppFixture.Text("550 5.1.1 user unknown"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonOf(response);
        Assert.Equal("nl", json.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("findings").ValueKind);
    }

    [Fact]
    public async Task Explain_takes_a_json_body_with_text()
    {
        using var response = await Client.PostAsync(U("/api/explain"), WebAppFixture.Text("{\"text\": \"0x800CCC0E\"}", "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("en", (await JsonOf(response)).GetProperty("language").GetString());
    }

    [Fact]
    public async Task Explain_language_follows_accept_language_when_no_query_is_given()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, U("/api/explain")) { Content = WebAppFixture.Text("550") };
        request.Headers.AcceptLanguage.ParseAdd("fr;q=0.9, nl-BE;q=0.8, en;q=0.5");
        using var response = await Client.SendAsync(request);
        Assert.Equal("nl", (await JsonOf(response)).GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("", "text/plain")]
    [InlineData("   \n ", "text/plain")]
    [InlineData("{\"text\": \"\"}", "application/json")]
    [InlineData("{\"text\": ", "application/json")]
    [InlineData("[1, 2]", "application/json")]
    public async Task Explain_without_usable_text_is_a_400_problem(string body, string mediaType)
    {
        using var response = await Client.PostAsync(U("/api/explain"), WebAppFixture.Text(body, mediaType));
        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Explain_of_a_form_body_is_a_415_problem_in_the_chosen_language()
    {
        using var response = await Client.PostAsync(U("/api/explain?lang=nl"), new FormUrlEncodedContent([new("text", "550")]));
        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
        var nl = (await JsonOf(response)).GetProperty("title").GetString();
        using var en = await Client.PostAsync(U("/api/explain?lang=en"), new FormUrlEncodedContent([new("text", "550")]));
        Assert.NotEqual(nl, (await JsonOf(en)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Explain_of_more_than_10_MB_is_a_413_problem()
    {
        var big = new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]);
        big.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var response = await Client.PostAsync(U("/api/explain"), big);
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Explain_that_passes_its_deadline_is_a_503_problem()
    {
        await using var app = await WebAppFixture.StartAsync(new WebOptions { WorkTimeout = TimeSpan.Zero });
        using var client = app.GetTestClient();
        using var response = await client.PostAsync(U("/api/explain"), WebAppFixture.Text(string.Concat(Enumerable.Repeat("550 5.1.1 no such user\n", 20_000))));
        await AssertProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task Parse_takes_a_raw_message_and_answers_with_a_json_array()
    {
        var bytes = await File.ReadAllBytesAsync(WebAppFixture.Sample("dsn-user-unknown.eml"));
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        using var response = await Client.PostAsync(U("/api/parse"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await JsonOf(response)).ValueKind);
    }

    [Fact]
    public async Task Parse_takes_a_multipart_upload()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(WebAppFixture.Sample("dsn-user-unknown.eml")));
        file.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        form.Add(file, "file", "bounce.eml");
        using var response = await Client.PostAsync(U("/api/parse"), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await JsonOf(response)).ValueKind);
    }

    [Fact]
    public async Task Parse_of_a_notice_pasted_without_headers_gives_its_recipient()
    {
        const string pasted = "Address not found\nYour message wasn't delivered to kim@receiver.example because the address couldn't be found.\n" +
            "The response was:\n550 5.1.1 The email account that you tried to reach does not exist.\n";
        using var response = await Client.PostAsync(U("/api/parse"), WebAppFixture.Text(pasted));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Assert.Single((await JsonOf(response)).EnumerateArray());
        Assert.Equal("kim@receiver.example", result.GetProperty("recipient").GetString());
        Assert.Equal("userunknown", result.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Parse_of_a_multipart_without_a_file_is_a_400_problem()
    {
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "text" } };
        using var response = await Client.PostAsync(U("/api/parse"), form);
        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Parse_of_a_broken_multipart_is_a_400_problem()
    {
        var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.eml\"\r\n\r\nno end", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        using var response = await Client.PostAsync(U("/api/parse"), content);
        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Parse_of_binary_data_is_a_400_problem_not_an_empty_result()
    {
        // An image or an archive is no message: "unreadable", as the command line says, not "no bounce in it".
        var content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("message/rfc822");
        using var response = await Client.PostAsync(U("/api/parse"), content);
        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    // The API's own words, not the web form's ("Paste a text or choose a file first").
    [Theory]
    [InlineData("/api/parse?lang=en", "", "message/rfc822", "web.error.empty-parse", Language.En)]
    [InlineData("/api/explain?lang=nl", "{}", "application/json", "web.error.empty-explain", Language.Nl)]
    public async Task An_empty_request_is_a_400_problem_in_the_api_s_words(string path, string body, string mediaType, string key, Language language)
    {
        using var response = await Client.PostAsync(U(path), WebAppFixture.Text(body, mediaType));
        await AssertProblem(response, HttpStatusCode.BadRequest);
        var detail = (await JsonOf(response)).GetProperty("detail").GetString();
        Assert.Equal(Diagnoser.Default.Catalog.Text(key, language), detail);
    }

    [Fact]
    public async Task Parse_of_json_is_a_415_problem()
    {
        using var response = await Client.PostAsync(U("/api/parse"), WebAppFixture.Text("{}", "application/json"));
        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Parse_of_more_than_10_MB_is_a_413_problem()
    {
        var big = new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]);
        big.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        using var response = await Client.PostAsync(U("/api/parse"), big);
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Parse_that_passes_its_deadline_is_a_503_problem()
    {
        await using var app = await WebAppFixture.StartAsync(new WebOptions { WorkTimeout = TimeSpan.Zero });
        using var client = app.GetTestClient();
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(WebAppFixture.Sample("dsn-user-unknown.eml")));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        using var response = await client.PostAsync(U("/api/parse"), content);
        await AssertProblem(response, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Provider_token_lookup_gives_the_providers_entries()
    {
        using var response = await Client.GetAsync(U("/api/codes/microsoft/S3140?lang=nl"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.True(json.GetArrayLength() >= 1);
        Assert.All(json.EnumerateArray(), f =>
        {
            Assert.Equal("S3140", f.GetProperty("code").GetString());
            Assert.Equal("microsoft", f.GetProperty("provider").GetString());
            Assert.Equal("provider", f.GetProperty("kind").GetString());
        });
    }

    [Fact]
    public async Task Class_independent_code_lookup_gives_the_catalog_entry()
    {
        using var response = await Client.GetAsync(U("/api/codes/x.1.1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal("x.1.1", json.GetProperty("code").GetString());
        Assert.Equal("userunknown", json.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("4.9.99", CodeKind.Enhanced)]
    [InlineData("0x800CCC0E", CodeKind.WindowsClient)]
    [InlineData("421", CodeKind.Reply)]
    public async Task Well_formed_code_lookup_gives_the_same_finding_as_core(string code, CodeKind kind)
    {
        var expected = Diagnoser.Default.ExplainCode(kind, code, Language.Nl)!;
        using var response = await Client.GetAsync(U("/api/codes/" + code + "?lang=nl"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonOf(response);
        Assert.Equal(expected.Code, json.GetProperty("code").GetString());
        Assert.Equal(expected.Known, json.GetProperty("known").GetBoolean());
        Assert.Equal(expected.Title, json.GetProperty("title").GetString());
        Assert.Equal(kind.Token(), json.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("/api/codes/NOT-A-CODE-AT-ALL")]
    [InlineData("/api/codes/x.99.99")]
    [InlineData("/api/codes/microsoft/NOPE123")]
    [InlineData("/api/codes/no-such-provider/S3140")]
    [InlineData("/api/nothing-here")]
    public async Task Unknown_codes_and_paths_are_404_problems(string path)
    {
        using var response = await Client.GetAsync(U(path));
        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/explain")]
    [InlineData("/api/parse")]
    public async Task Get_on_a_post_only_endpoint_is_a_405_problem_naming_post(string path)
    {
        using var response = await Client.GetAsync(U(path));
        await AssertProblem(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Code_search_finds_a_token_with_its_permalink()
    {
        using var response = await Client.GetAsync(U("/api/codes?q=S3140"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hit = (await JsonOf(response)).EnumerateArray().First(e => e.GetProperty("code").GetString() == "S3140");
        Assert.Equal("/codes/microsoft/S3140", hit.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Openapi_document_describes_every_api_endpoint()
    {
        var json = await JsonOf(await Client.GetAsync(U("/openapi/v1.json")));
        var paths = json.GetProperty("paths");
        foreach (var p in new[] { "/api/explain", "/api/parse", "/api/codes", "/api/codes/{code}", "/api/codes/{provider}/{token}", "/healthz" })
            Assert.True(paths.TryGetProperty(p, out _), p);
        Assert.True(paths.GetProperty("/api/explain").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("text/plain", out _));
        // The lookups take their question in the URL; Kestrel's 414 for a request line over its limit is described.
        Assert.True(paths.GetProperty("/api/codes").GetProperty("get").GetProperty("responses").TryGetProperty("414", out _));
    }

    [Fact]
    public async Task Openapi_document_does_not_echo_the_request_s_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, U("/openapi/v1.json"));
        request.Headers.Host = "evil.example";
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.Equal("/", (await JsonOf(response)).GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/codes?q=550")]
    [InlineData("/api/codes/does-not-exist")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await Client.GetAsync(U(path));
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}

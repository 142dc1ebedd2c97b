using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Bounceback.Web.Tests;

/// <summary>What an outside probe of the service found: a burst of large requests, bodies that do not arrive whole, and
/// a path that would have made the language link point at another site.</summary>
public class WebRobustnessTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    /// <summary>A body that gives nothing until it is released: its request keeps its turn meanwhile.</summary>
    private sealed class HeldBody(TaskCompletionSource release) : Stream
    {
        private bool _done;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_done) return 0;
            await release.Task.WaitAsync(cancellationToken);
            _done = true;
            var text = "550 5.1.1 user unknown"u8;
            text.CopyTo(buffer.AsSpan(offset));
            return text.Length;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Requests_past_the_work_limit_and_its_queue_get_503_at_once_and_the_held_one_still_its_answer()
    {
        await using var app = await WebAppFixture.StartAsync(new WebOptions { MaxConcurrentWork = 1, MaxQueuedWork = 0 });
        using var client = app.GetTestClient();
        // The held request takes the one turn when it arrives; a probe that arrives at the same moment may take it
        // first (the held one then gets the 503 itself), so an attempt that loses that race starts again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var held = new StreamContent(new HeldBody(release));
            held.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            var first = client.PostAsync(U("/api/explain"), held);
            using var turn = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            HttpResponseMessage? busy = null;
            while (!first.IsCompleted)
            {
                var probe = await client.PostAsync(U("/api/explain"), WebAppFixture.Text("550 5.1.1 user unknown"), turn.Token);
                if (probe.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    busy = probe;
                    break;
                }
                probe.Dispose();
                await Task.Delay(20, turn.Token);
            }
            if (busy is null)
            {
                (await first).Dispose();
                continue;
            }
            using (busy)
            {
                Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(busy.Headers.RetryAfter);
            }
            using var page = await client.PostAsync(U("/?lang=nl"), new FormUrlEncodedContent([new("text", "550")]));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("Probeer het over een paar seconden opnieuw", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            release.SetResult();
            using var answered = await first;
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            return;
        }
        Assert.Fail("The held request never kept its turn in five attempts.");
    }

    [Fact]
    public async Task A_body_the_server_cannot_read_is_the_clients_error_not_a_failure_of_the_service()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new ThrowingBody();
        await Assert.ThrowsAsync<UnreadableBodyException>(() => RequestBody.ReadAsync(context.Request, 1024, CancellationToken.None));
    }

    private sealed class ThrowingBody : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new BadHttpRequestException("Unexpected end of request content.");
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/nl//evil.example/")]
    [InlineData("/en///evil.example/x")]
    public async Task The_language_link_of_any_path_stays_on_this_site(string path)
    {
        // An absolute address, so that the client sends the path as it is (a relative "//host/" would name another host).
        using var response = await fixture.Client.GetAsync(new Uri(fixture.Client.BaseAddress!, "/").GetLeftPart(UriPartial.Authority) + path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"/evil.example/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"//", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_vary_by_language_and_a_posted_texts_answer_is_not_stored()
    {
        using var posted = await fixture.Client.PostAsync(U("/api/explain"), WebAppFixture.Text("550 5.1.1 user unknown"));
        Assert.Contains("Accept-Language", posted.Headers.Vary);
        Assert.True(posted.Headers.CacheControl?.NoStore);
        using var page = await fixture.Client.GetAsync(U("/"));
        Assert.Contains("Accept-Language", page.Headers.Vary);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/codes?q=5.1.1")]
    [InlineData("/healthz")]
    [InlineData("/api/codes/5.1.1")]
    public async Task Head_answers_as_get_does(string path)
    {
        using var get = await fixture.Client.GetAsync(U(path));
        using var head = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, U(path)));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bidirectional_controls_in_a_strangers_bounce_are_not_shown_as_controls()
    {
        const string spoof = "550 5.1.1 <ann@example.com\u202Emoc.elpmaxe@evil>: user unknown";
        using var form = new MultipartFormDataContent { { new StringContent(spoof), "text" } };
        using var response = await fixture.Client.PostAsync(U("/?lang=en"), form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain('\u202E', html);
        Assert.DoesNotContain("&#x202E;", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("a\uFFFDb\uFFFDc", Html.WithoutBidiControls("a\u202Eb\u2067c"));
        Assert.Same("plain", Html.WithoutBidiControls("plain"));
    }

    [Theory]
    [InlineData("PUT", "/", "GET, HEAD, POST")]
    [InlineData("DELETE", "/nl/codes", "GET, HEAD")]
    [InlineData("PATCH", "/api/codes?q=relay", "GET, HEAD")]
    [InlineData("PUT", "/healthz", "GET, HEAD")]
    // A code's lookup path has dots, like a file's name.
    [InlineData("POST", "/api/codes/5.7.1", "GET, HEAD")]
    [InlineData("DELETE", "/nl/codes/0x800CCC0E", "GET, HEAD")]
    public async Task Another_method_on_a_page_or_lookup_is_405_with_the_methods_it_answers(string method, string path, string allowed)
    {
        using var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), U(path)));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allowed, string.Join(", ", response.Content.Headers.Allow));
    }
}

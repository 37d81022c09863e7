using System.Net;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>The app with an allowance of three rendered pages and three sign-in attempts a minute per address.</summary>
public sealed class LimitedWebFactory() : MinxinWebFactory(TestStorage.NewSqlite(), ("Minxin:PublicRequestsPerMinute", "3"), ("Minxin:SignInAttemptsPerMinute", "3"));

/// <summary>Each client address has its own allowance of pages that must be rendered; cached pages are never limited.</summary>
public sealed class RateLimitTests(LimitedWebFactory app) : IClassFixture<LimitedWebFactory>
{
    private static readonly IPAddress First = IPAddress.Parse("198.51.100.1");
    private static readonly IPAddress Second = IPAddress.Parse("198.51.100.2");
    private static readonly IPAddress Third = IPAddress.Parse("198.51.100.3");
    private static readonly IPAddress Fourth = IPAddress.Parse("2001:db8:1:2:3:4:5:6");

    [Fact]
    public async Task Past_its_allowance_an_address_gets_the_chinese_429_page_with_retry_after()
    {
        var answers = new List<RawRequests.Answer>();
        foreach (var q in new[] { "a", "b", "c", "d" })
        {
            answers.Add(await app.SendAsync("GET", "/programs/jinnan-2025?q=" + q, First));
        }

        Assert.Equal([200, 200, 200, 429], answers.Select(a => a.Status));
        Assert.Contains("访问过于频繁", answers[3].Body);
        Assert.InRange(int.Parse(answers[3].Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task Open_data_past_the_allowance_answers_a_429_problem()
    {
        for (var day = 1; day <= 3; day++)
        {
            Assert.Equal(200, (await app.SendAsync("GET", $"/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-0{day}", Second)).Status);
        }

        var refused = await app.SendAsync("GET", "/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-04", Second);

        Assert.Equal(429, refused.Status);
        Assert.Equal("application/problem+json", refused.Headers.ContentType.ToString().Split(';')[0]);
        Assert.Contains("访问过于频繁", refused.Body);
        Assert.False(string.IsNullOrEmpty(refused.Headers.RetryAfter));
    }

    [Fact]
    public async Task Cached_pages_are_served_past_the_allowance_and_other_addresses_keep_theirs()
    {
        for (var n = 0; n < 5; n++)
        {
            await app.SendAsync("GET", "/search?q=" + n, Third);
        }

        var cached = await app.SendAsync("GET", "/search?q=0", Third);
        var other = await app.SendAsync("GET", "/search?q=other", Fourth);

        Assert.Equal(200, cached.Status);
        Assert.False(string.IsNullOrEmpty(cached.Headers.Age));
        Assert.Equal(200, other.Status);
    }

    [Fact]
    public async Task Sign_in_attempts_past_the_allowance_of_an_address_get_429_and_showing_the_form_is_not_counted()
    {
        var from = IPAddress.Parse("198.51.100.9");
        for (var n = 0; n < 5; n++)
        {
            Assert.Equal(200, (await app.SendAsync("GET", "/workspace/sign-in", from)).Status);
        }

        var attempts = new List<int>();
        for (var n = 0; n < 4; n++)
        {
            // No antiforgery token: refused by the page (400), but counted first, as a guessing script would be.
            attempts.Add((await app.SendAsync("POST", "/workspace/sign-in", from)).Status);
        }
        var other = await app.SendAsync("POST", "/workspace/sign-in", IPAddress.Parse("198.51.100.10"));

        Assert.Equal([400, 400, 400, 429], attempts);
        Assert.Equal(400, other.Status);
        Assert.Equal(200, (await app.SendAsync("GET", "/workspace/sign-in", from)).Status);
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>Defects a black-box probe of the public site found, each kept as the test that showed it; on both providers.</summary>
public abstract class HardeningTests(MinxinWebFactory factory)
{
    private static readonly IPAddress Reader = IPAddress.Parse("203.0.113.7");

    private MinxinWebFactory NewFactory(params (string Key, string Value)[] settings) =>
        new(TestStorage.New(factory.Storage.Provider), settings);

    [Fact]
    public async Task Https_redirect_and_hsts_hold_for_pages_served_from_the_cache()
    {
        await using var secure = NewFactory(("Minxin:HttpsRedirect", "true"), ("https_port", "443"));
        using var https = secure.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://minxin.example"), AllowAutoRedirect = false });
        using var http = secure.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://minxin.example"), AllowAutoRedirect = false });

        using var rendered = await https.GetAsync("/programs/jinnan-2025");
        using var cached = await https.GetAsync("/programs/jinnan-2025");
        using var plain = await http.GetAsync("/programs/jinnan-2025");

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.NotNull(cached.Headers.Age);
        Assert.All(new[] { rendered, cached }, r => Assert.StartsWith("max-age=", r.Headers.GetValues("Strict-Transport-Security").Single()));
        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal("https://minxin.example/programs/jinnan-2025", plain.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_forwarded_scheme_from_an_address_that_is_not_a_trusted_proxy_changes_nothing()
    {
        var poisoned = await factory.SendAsync("GET", "/items/jinnan-2025-07-2", IPAddress.Loopback, ("X-Forwarded-Proto", "javascript"));
        var next = await factory.SendAsync("GET", "/items/jinnan-2025-07-2", IPAddress.Loopback);

        Assert.Equal(200, poisoned.Status);
        foreach (var answer in new[] { poisoned, next })
        {
            var share = await ShareLink.OfAsync(answer.Body);
            Assert.Equal(new ShareLink("http://localhost/items/jinnan-2025-07-2", "http://localhost/items/jinnan-2025-07-2", "http://localhost/items/jinnan-2025-07-2"), share);
        }
    }

    [Fact]
    public async Task A_trusted_proxy_may_forward_https_but_no_other_scheme()
    {
        await using var proxied = NewFactory(("Minxin:TrustedProxies:0", "10.0.0.0/8"), ("Minxin:TrustedProxies:1", "192.0.2.1"));
        var proxy = IPAddress.Parse("10.1.2.3");

        var https = await proxied.SendAsync("GET", "/programs/jinnan-2025", proxy, ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.9"));
        var http = await proxied.SendAsync("GET", "/programs/jinnan-2025", proxy);
        var capitals = await proxied.SendAsync("GET", "/items/jinnan-2025-07-1", IPAddress.Parse("192.0.2.1"), ("X-Forwarded-Proto", "HTTPS"));
        var script = await proxied.SendAsync("GET", "/programs/jinnan-2025", IPAddress.Parse("192.0.2.1"), ("X-Forwarded-Proto", "javascript"));

        Assert.Equal("https://localhost/programs/jinnan-2025", (await ShareLink.OfAsync(https.Body)).QrCode);
        Assert.Equal("http://localhost/programs/jinnan-2025", (await ShareLink.OfAsync(http.Body)).QrCode);
        Assert.Equal("https://localhost/items/jinnan-2025-07-1", (await ShareLink.OfAsync(capitals.Body)).Field);
        Assert.Equal(400, script.Status);
        Assert.Contains("请求有误", script.Body);
        Assert.DoesNotContain("javascript:", script.Body);
    }

    [Fact]
    public async Task A_query_string_too_long_for_a_link_is_refused_as_414_in_chinese()
    {
        var page = await factory.SendAsync("GET", "/programs/jinnan-2025?q=" + new string('a', 2300));
        var api = await factory.SendAsync("GET", "/api/v1/programs/jinnan-2025/report-card?asOf=" + new string('a', 2300));

        Assert.Equal(414, page.Status);
        Assert.Contains("链接太长", page.Body);
        Assert.Equal(414, api.Status);
        Assert.Equal("application/problem+json", api.Headers.ContentType.ToString().Split(';')[0]);
    }

    [Fact]
    public async Task A_page_whose_address_is_too_long_for_a_qr_code_is_still_served_with_its_link()
    {
        var host = new string('a', 2400) + ".example";
        var answer = await factory.SendAsync("GET", "/programs/jinnan-2025", Reader, ("Host", host));

        Assert.Equal(200, answer.Status);
        var share = await ShareLink.OfAsync(answer.Body);
        Assert.Equal($"http://{host}/programs/jinnan-2025", share.Field);
        Assert.Null(share.QrCode);
    }

    [Theory]
    [InlineData("TRACE", "/programs/jinnan-2025")]
    [InlineData("PUT", "/programs/jinnan-2025")]
    [InlineData("DELETE", "/items/jinnan-2025-07-1")]
    [InlineData("PATCH", "/")]
    [InlineData("PROPFIND", "/search")]
    [InlineData("TRACE", "/accessibility")]
    public async Task A_method_a_page_does_not_handle_is_a_chinese_405(string method, string path)
    {
        var answer = await factory.SendAsync(method, path);

        Assert.Equal(405, answer.Status);
        Assert.Contains("GET", answer.Headers.Allow.ToString());
        Assert.Contains("请求方式有误", answer.Body);
    }

    [Theory]
    [InlineData("/%E3%80%80/x", "/%E3%80%80/x")]
    [InlineData("/search?q=%E5%85%85%E7%94%B5", "/search?q=%E5%85%85%E7%94%B5")]
    [InlineData("/programs/jinnan-2025?unit=%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80", "/programs/jinnan-2025?unit=%E5%8C%BA%E6%95%99%E8%82%B2%E5%B1%80")]
    public async Task A_return_address_with_characters_outside_ascii_is_sent_percent_encoded(string target, string location)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // The target arrives decoded once, as the toolbar's hidden field sends it: "/　/x".
        using var response = await client.GetAsync("/preferences?mode=elder&return=" + Uri.EscapeDataString(Uri.UnescapeDataString(target)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("GET", "/api/v1/nope", 404, "application/json")]
    [InlineData("GET", "/api/v1/nope", 404, "text/html")]
    [InlineData("POST", "/api/v1/programs", 405, "application/json")]
    [InlineData("POST", "/api/v1/programs", 405, "text/html,application/xhtml+xml")]
    [InlineData("DELETE", "/api/v1/items/jinnan-2025-07-1", 405, "*/*")]
    [InlineData("GET", "/api/v1/programs/jinnan-2025/report-card/extra", 404, "text/html")]
    public async Task Every_error_under_api_is_problem_details_in_chinese(string method, string path, int status, string accept)
    {
        var answer = await factory.SendAsync(method, path, Reader, ("Accept", accept));

        Assert.Equal(status, answer.Status);
        Assert.Equal("application/problem+json", answer.Headers.ContentType.ToString().Split(';')[0]);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("title").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Every_field_of_a_program_and_of_the_address_is_escaped_on_every_page()
    {
        const string Script = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
        var program = new ProgramBuilder("xss-2025")
            .Category(1, "工程" + Script, c => c
                .Item(1, "子项" + Script, i => i
                    .Units("单位" + Script)
                    .Indicator("n", "<u onclick=alert(3)>个", 10, name: "指标" + Script)
                    .Site("s", "点位" + Script)
                    .Report("2025-06-30", ItemStatus.InProgress, r => r
                        .Value("n", 5)
                        .Site("s", SitePhase.Construction, note: "备注" + Script)
                        .Narrative("进展" + Script))))
            .Build();
        program.Title = "标题" + Script;
        await using (var db = factory.OpenDatabase())
        {
            await ProgramStore.AddAsync(db, program, PublicationState.Published);
        }
        var q = Uri.EscapeDataString("子项" + Script);
        using var client = factory.CreateClient();
        // The home page lists the new program once this node has seen the change.
        for (var tries = 0; tries < 100 && !(await client.GetStringAsync("/")).Contains("/programs/xss-2025", StringComparison.Ordinal); tries++)
        {
            await Task.Delay(100);
        }

        foreach (var url in new[] { "/", "/programs/xss-2025", "/programs/xss-2025?q=" + q + "&unit=" + q + "&status=" + q, "/items/xss-2025-01-1", "/search?q=" + q })
        {
            var html = await client.GetStringAsync(url);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<u onclick", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        }
    }
}

public sealed class SqliteHardeningTests(SqliteWebFactory factory) : HardeningTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresHardeningTests(PostgresWebFactory factory) : HardeningTests(factory), IClassFixture<PostgresWebFactory>;

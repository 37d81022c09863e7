using System.Net;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>The app on a real loopback socket (Kestrel), where the client's address and the server's limits are real.</summary>
public sealed class LoopbackWebFactory : MinxinWebFactory
{
    public LoopbackWebFactory()
        : base(TestStorage.NewSqlite()) => UseKestrel(0);
}

public sealed class LoopbackTests(LoopbackWebFactory app) : IClassFixture<LoopbackWebFactory>, IDisposable
{
    private readonly HttpClient _client = app.CreateClient();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_forwarded_scheme_sent_over_loopback_does_not_poison_the_shared_link()
    {
        using var poisoned = new HttpRequestMessage(HttpMethod.Get, "/items/jinnan-2025-07-1");
        poisoned.Headers.Add("X-Forwarded-Proto", "javascript");
        await (await _client.SendAsync(poisoned)).Content.ReadAsStringAsync();

        var share = await ShareLink.OfAsync(await _client.GetStringAsync("/items/jinnan-2025-07-1"));

        var expected = new Uri(_client.BaseAddress!, "/items/jinnan-2025-07-1").ToString();
        Assert.Equal(new ShareLink(expected, expected, expected), share);
    }

    [Fact]
    public async Task A_40_KB_cookie_is_refused_with_431_and_the_site_carries_on()
    {
        using var hostile = new HttpRequestMessage(HttpMethod.Get, "/programs/jinnan-2025");
        hostile.Headers.Add("Cookie", "minxin-reader=" + new string('x', 40 * 1024));

        using var refused = await _client.SendAsync(hostile);
        using var next = await _client.GetAsync("/programs/jinnan-2025");

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }
}

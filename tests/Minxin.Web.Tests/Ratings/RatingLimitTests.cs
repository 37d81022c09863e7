using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Quantities;
using Minxin.Testing;
using Minxin.Web.Tests.Workspace;

namespace Minxin.Web.Tests.Ratings;

/// <summary>The app with the default-like ratings allowance lowered to 3 a minute per address.</summary>
public sealed class RatingLimitWebFactory() : MinxinWebFactory(TestStorage.NewSqlite(), ("Minxin:RatingsPerMinute", "3"));

/// <summary>Past its allowance an address gets the Chinese 429 page and its rating is not stored; reading the pages is not counted.</summary>
public sealed class RatingLimitTests(RatingLimitWebFactory factory) : IClassFixture<RatingLimitWebFactory>
{
    private static readonly string[] Sockets = ["jinnan-2025-07-1"];

    [Fact]
    public async Task Ratings_past_the_allowance_of_an_address_get_429_and_store_nothing()
    {
        var coordinator = Staff.Unique("liming");
        await Staff.UserAsync(factory, coordinator, "coordinator");
        using var staff = await Staff.TokenClientAsync(factory, coordinator);
        var today = ChinaTime.Today(TimeProvider.System);
        var opened = await Staff.PostJsonAsync(staff, "/api/v1/workspace/programs/jinnan-2025/rating-windows",
            new { title = "限流测评", opensOn = IsoDate.Format(today), closesOn = IsoDate.Format(today.AddDays(7)), items = Sockets });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);

        var statuses = new List<int>();
        for (var n = 0; n < 4; n++)
        {
            // Distinct readers (own cookies) behind one address: the address is what is limited.
            using var reader = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/items/jinnan-2025-07-1/rating")).StatusCode);
            var response = await reader.PostAsync("/items/jinnan-2025-07-1/rating", new FormUrlEncodedContent(new Dictionary<string, string> { ["choice"] = "satisfied" }));
            statuses.Add((int)response.StatusCode);
            if (n == 3)
            {
                Assert.Contains("访问过于频繁", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([302, 302, 302, 429], statuses);
        await using var db = factory.OpenDatabase();
        Assert.Equal(3, await db.Ratings.CountAsync());
    }
}

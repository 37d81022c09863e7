using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Testing;
using Minxin.Web.Tests.Workspace;

namespace Minxin.Web.Tests.Ratings;

/// <summary>
/// The app on its own SQLite file with a clock the test moves (1 December 2025, 09:00 in Beijing), the ratings rate
/// limit raised (every test reader comes from one address) and citizens' activity counted every 0.1 s of that clock.
/// </summary>
public sealed class RatingWebFactory() : MinxinWebFactory(TestStorage.NewSqlite(),
    ("Minxin:RatingsPerMinute", "100000"), ("Minxin:CitizenActivitySeconds", "0.1"))
{
    public static readonly DateOnly Start = new(2025, 12, 1);

    public TestClock Clock { get; } = new(new DateTimeOffset(Start.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// 满意度测评 from both sides: a coordinator opens windows through the staff API and the workspace page; readers (each
/// an HttpClient with its own cookies, posting the form the item page renders) rate; the result appears on the item
/// page, the card, the results page and the open-data API only at the minimum, with its rule; one rating per reader;
/// forged cookies; windows and items not open; bad input; cross-site posts; deputies' tallies apart; comments private.
/// </summary>
public sealed class RatingTests(RatingWebFactory factory) : IClassFixture<RatingWebFactory>, IAsyncLifetime
{
    private const string Program = "jinnan-2025";
    private const string Windows = "/api/v1/workspace/programs/jinnan-2025/rating-windows";

    private HttpClient Coordinator { get; set; } = null!;
    private HttpClient Leader { get; set; } = null!;
    private HttpClient Reporter { get; set; } = null!;
    private string CoordinatorName { get; set; } = "";

    public async Task InitializeAsync()
    {
        // The clock only ever moves forward: citizens' activity is counted by how far it moved since the last count.
        CoordinatorName = Staff.Unique("liming");
        var leader = Staff.Unique("zhangwei");
        var reporter = Staff.Unique("wangli");
        var unit = Staff.Unique("区城管委");
        await Staff.UnitAsync(factory, Staff.Unique("cgw"), unit);
        await Staff.UserAsync(factory, CoordinatorName, "coordinator");
        await Staff.UserAsync(factory, leader, "leader");
        await Staff.UserAsync(factory, reporter, "reporter", unit);
        Coordinator = await Staff.TokenClientAsync(factory, CoordinatorName);
        Leader = await Staff.TokenClientAsync(factory, leader);
        Reporter = await Staff.TokenClientAsync(factory, reporter);
    }

    public Task DisposeAsync()
    {
        Coordinator.Dispose();
        Leader.Dispose();
        Reporter.Dispose();
        return Task.CompletedTask;
    }

    private static string Item(string code) => $"{Program}-{code}";

    /// <summary>A reader's browser: its own cookie jar, redirects not followed so the test sees them.</summary>
    private HttpClient NewReader() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<int> OpenAsync(string[] items, string opensOn = "2025-12-01", string closesOn = "2025-12-31", int? minimum = null)
    {
        var response = await Staff.PostJsonAsync(Coordinator, Windows,
            new { title = "2025年度民心工程满意度测评", opensOn, closesOn, minimum, items = items.Select(Item).ToArray() });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (int)(await Staff.JsonAsync(response))["id"]!;
    }

    private static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        await BrowsingContext.New().OpenAsync(r => r.Content(response.Content.ReadAsStream()).Address("http://localhost/"));

    private async Task<IDocument> PageAsync(string url)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    private async Task<string> HtmlAsync(string url)
    {
        using var client = factory.CreateClient();
        return await client.GetStringAsync(url);
    }

    /// <summary>Fills the rating form of <paramref name="page"/> as a reader would and sends it with <paramref name="reader"/>'s cookies.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient reader, IDocument page, string? choice, string? comment = null,
        params (string Name, string Value)[] headers)
    {
        var form = page.QuerySelector<IHtmlFormElement>("form.rating-form") ?? throw new InvalidOperationException("no rating form on the page");
        var fields = BrowserForm.Fields(form, form.QuerySelector("button[type=submit]"));
        fields.RemoveAll(f => f.Name is "choice" or "comment");
        if (choice is not null)
        {
            Assert.NotNull(form.QuerySelector($"input[type=radio][name=choice][value={choice}]"));
            fields.Add(("choice", choice));
        }
        fields.Add(("comment", comment ?? ""));
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action"))
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await reader.SendAsync(request);
    }

    private async Task<HttpResponseMessage> RateAsync(HttpClient reader, string code, string? choice, string? comment = null, params (string, string)[] headers) =>
        await SubmitAsync(reader, await PageAsync($"/items/{Item(code)}"), choice, comment, headers);

    private async Task<int> StoredAsync(int window, string code)
    {
        await using var db = factory.OpenDatabase();
        var itemId = await ItemIdAsync(db, code);
        return await db.Ratings.CountAsync(r => r.WindowId == window && r.ItemId == itemId);
    }

    private static async Task<int> ItemIdAsync(Data.MinxinDbContext db, string code)
    {
        var (category, number) = (int.Parse(code[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(code[3..], System.Globalization.CultureInfo.InvariantCulture));
        return await db.Items.Where(i => i.Category.Program.Code == Program && i.Category.Number == category && i.Number == number).Select(i => i.Id).SingleAsync();
    }

    /// <summary>Citizens' activity is counted when the clock has moved: moves it a second at a time until <paramref name="done"/> holds (or 20 s pass).</summary>
    private async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 200 && !done(value); i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }

    private static string? ResultOf(IDocument page) => page.QuerySelector("#rating .rating-result")?.TextContent.Trim();

    private async Task<JsonNode> ItemApiAsync(string code)
    {
        using var client = factory.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync($"/api/v1/items/{Item(code)}"))!;
    }

    [Fact]
    public async Task Thirty_readers_publish_the_result_with_its_rule_and_the_api_agrees_with_the_page()
    {
        const string code = "07-2";
        const string secret = "私密意见：小区里充电桩还是不够用";
        var window = await OpenAsync([code]);

        var page = await PageAsync($"/items/{Item(code)}");
        Assert.Equal("已收到0票，满30票后公布结果", ResultOf(page));
        Assert.Contains("满意率 = (满意 + 基本满意) / 有效票数", page.QuerySelector("#rating")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("每位读者对每个子项限评一次", page.QuerySelector("#rating form")!.TextContent, StringComparison.Ordinal);
        // The cached page carries no antiforgery token and sets no cookie.
        Assert.Null(page.QuerySelector("#rating input[name=__RequestVerificationToken]"));

        // 29 readers: 24 satisfied, 3 basically, 2 dissatisfied; some write a comment.
        var choices = Enumerable.Repeat("satisfied", 24).Concat(Enumerable.Repeat("basicallySatisfied", 3)).Concat(Enumerable.Repeat("dissatisfied", 2)).ToList();
        foreach (var (choice, n) in choices.Select((c, n) => (c, n)))
        {
            using var reader = NewReader();
            var response = await SubmitAsync(reader, page, choice, n % 5 == 0 ? secret : null);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"reader {n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("minxin-rater=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
            if (n == 0)
            {
                var thanks = await reader.GetAsync(response.Headers.Location!.OriginalString);
                Assert.Equal("no-store", thanks.Headers.CacheControl?.ToString());
                Assert.Contains("感谢您的评价", (await ReadAsync(thanks)).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
            }
        }
        Assert.Equal(29, await StoredAsync(window, code));

        // At 29 nothing is published: the count only, on the page and in the API.
        page = await EventuallyAsync(() => PageAsync($"/items/{Item(code)}"), p => ResultOf(p) != "已收到0票，满30票后公布结果");
        Assert.Equal("已收到29票，满30票后公布结果", ResultOf(page));
        var rating = (await ItemApiAsync(code))["rating"]!;
        Assert.Equal((29, 30, false), ((int)rating["count"]!, (int)rating["minimum"]!, (bool)rating["published"]!));
        Assert.Null(rating["satisfied"]);
        Assert.Null(rating["rate"]);

        // The 30th reader publishes it.
        using (var last = NewReader())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(last, page, "satisfied")).StatusCode);
        }
        page = await EventuallyAsync(() => PageAsync($"/items/{Item(code)}"), p => ResultOf(p)!.StartsWith("满意率", StringComparison.Ordinal));
        const string sentence = "满意率93.3%（满意25票、基本满意3票、不满意2票，共30票有效）";
        Assert.Equal(sentence, ResultOf(page));
        Assert.Contains("满意率 = (满意 + 基本满意) / 有效票数", page.QuerySelector("#rating .rating-rule")!.TextContent, StringComparison.Ordinal);

        var item = await ItemApiAsync(code);
        rating = item["rating"]!;
        Assert.Equal(window, (int)rating["windowId"]!);
        Assert.Equal("2025年度民心工程满意度测评", (string?)rating["window"]);
        Assert.Equal(("2025-12-01", "2025-12-31", true), ((string?)rating["opensOn"], (string?)rating["closesOn"], (bool)rating["open"]!));
        Assert.Equal((30, true, 25, 3, 2), ((int)rating["count"]!, (bool)rating["published"]!, (int)rating["satisfied"]!, (int)rating["basicallySatisfied"]!, (int)rating["dissatisfied"]!));
        Assert.Equal(93.3m, (decimal)rating["rate"]!);
        Assert.Equal(sentence, (string?)rating["text"]);
        Assert.Equal("满意率 = (满意 + 基本满意) / 有效票数", (string?)rating["rule"]);
        Assert.Null(rating["deputies"]);

        // The card and the results page show the program's result and the item's.
        var card = await PageAsync($"/programs/{Program}");
        Assert.Contains("满意度测评", card.QuerySelector(".rating-program h2")!.TextContent, StringComparison.Ordinal);
        var results = await PageAsync($"/programs/{Program}/ratings");
        Assert.Equal(sentence, results.QuerySelector($"#window-{window}-item-{code} td")!.TextContent.Trim());
        Assert.Contains("满意率 = (满意 + 基本满意) / 有效票数", results.QuerySelector("main, body")!.TextContent, StringComparison.Ordinal);
        var cardApi = JsonNode.Parse(await HtmlAsync($"/api/v1/programs/{Program}/report-card"))!;
        Assert.Equal("满意率 = (满意 + 基本满意) / 有效票数", (string?)cardApi["rating"]!["rule"]);

        // Comments are for staff only: never in a public page or the API, and in the staff API.
        foreach (var url in new[] { $"/items/{Item(code)}", $"/programs/{Program}", $"/programs/{Program}/ratings", $"/api/v1/items/{Item(code)}", $"/api/v1/programs/{Program}/report-card" })
        {
            Assert.DoesNotContain("私密意见", await HtmlAsync(url), StringComparison.Ordinal);
        }
        var staff = (await Staff.JsonAsync(await Coordinator.GetAsync(Windows))).AsArray().Single(w => (int)w!["id"]! == window)!;
        var itemResult = staff["itemResults"]!.AsArray().Single()!;
        Assert.Equal(6, itemResult["comments"]!.AsArray().Count);
        Assert.All(itemResult["comments"]!.AsArray(), c => Assert.Equal(secret, (string?)c!["comment"]));
        Assert.Equal(30, (int)itemResult["readers"]!["count"]!);
    }

    [Fact]
    public async Task A_second_rating_from_the_same_reader_is_refused_with_a_clear_message_and_stores_nothing()
    {
        var window = await OpenAsync(["06-1", "06-2"]);
        using var reader = NewReader();
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(reader, "06-1", "satisfied")).StatusCode);

        var again = await RateAsync(reader, "06-1", "dissatisfied", "换个说法再评一次");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var page = await ReadAsync(again);
        Assert.Contains("您已评价过该子项，每位读者限评一次", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.rating-form"));
        Assert.Equal(1, await StoredAsync(window, "06-1"));

        // One per item: the same reader may rate another item of the window.
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(reader, "06-2", "basicallySatisfied")).StatusCode);
        Assert.Equal(1, await StoredAsync(window, "06-2"));

        // What the database keeps of the reader is a hash, not the cookie.
        await using var db = factory.OpenDatabase();
        var keys = await db.Ratings.Where(r => r.WindowId == window).Select(r => r.ReaderKey).ToListAsync();
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{64}$", k));
        Assert.Single(keys.Distinct());
    }

    [Fact]
    public async Task A_forged_or_tampered_cookie_is_a_new_reader_never_someone_else()
    {
        const string code = "06-3";
        var window = await OpenAsync([code]);
        using var first = NewReader();
        var rated = await RateAsync(first, code, "satisfied");
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        var cookie = rated.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("minxin-rater=", StringComparison.Ordinal));
        var value = cookie["minxin-rater=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];

        // The first reader's cookie with one character changed, a made-up value, and one that is not even base64.
        var flipped = value[..10] + (value[10] == 'A' ? 'B' : 'A') + value[11..];
        var page = await PageAsync($"/items/{Item(code)}");
        foreach (var forged in new[] { flipped, "CfDJ8forgedvalue", "%%%not-a-cookie%%%" })
        {
            using var other = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var response = await SubmitAsync(other, page, "dissatisfied", null, ("Cookie", "minxin-rater=" + forged));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{forged}: {(int)response.StatusCode}");
            var issued = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("minxin-rater=", StringComparison.Ordinal));
            Assert.DoesNotContain(forged, issued, StringComparison.Ordinal);
        }
        Assert.Equal(4, await StoredAsync(window, code));
        await using var db = factory.OpenDatabase();
        Assert.Equal(4, await db.Ratings.Where(r => r.WindowId == window).Select(r => r.ReaderKey).Distinct().CountAsync());

        // The real cookie still names the first reader.
        Assert.Equal(HttpStatusCode.Conflict, (await RateAsync(first, code, "dissatisfied")).StatusCode);
        Assert.Equal(4, await StoredAsync(window, code));
    }

    [Fact]
    public async Task Rating_an_item_outside_an_open_window_is_refused_clearly()
    {
        // 10-3 is in no window: its page has no form, and a post (from another front end) is refused.
        var uncovered = await PageAsync($"/items/{Item("10-3")}");
        Assert.Null(uncovered.QuerySelector("#rating"));
        using var reader = NewReader();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["choice"] = "satisfied" });
        var refused = await reader.PostAsync($"/items/{Item("10-3")}/rating", form);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("该子项目前不在满意度测评期内", (await ReadAsync(refused)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // A window that opens later: shown as coming, no form yet.
        var later = await OpenAsync(["10-2"], opensOn: "2025-12-10", closesOn: "2025-12-20");
        var coming = await PageAsync($"/items/{Item("10-2")}");
        Assert.Contains("尚未开始", coming.QuerySelector("#rating .rating-window")!.TextContent, StringComparison.Ordinal);
        Assert.Null(coming.QuerySelector("#rating form"));
        Assert.Equal(HttpStatusCode.Conflict, (await reader.PostAsync($"/items/{Item("10-2")}/rating",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["choice"] = "satisfied" }))).StatusCode);
        Assert.Equal(0, await StoredAsync(later, "10-2"));

        // A window ended early takes no more ratings, and its page drops the form at once.
        var ended = await OpenAsync(["10-1"]);
        var page = await PageAsync($"/items/{Item("10-1")}");
        Assert.NotNull(page.QuerySelector("#rating form"));
        var end = await Coordinator.PostAsync($"{Windows}/{ended}/end", null);
        Assert.True(end.StatusCode == HttpStatusCode.OK, await end.Content.ReadAsStringAsync());
        Assert.Equal("closed", (string?)(await Staff.JsonAsync(end))["state"]);
        Assert.Null((await PageAsync($"/items/{Item("10-1")}")).QuerySelector("#rating form"));
        Assert.Equal(HttpStatusCode.Conflict, (await SubmitAsync(reader, page, "satisfied")).StatusCode);
        Assert.Equal(0, await StoredAsync(ended, "10-1"));
        // Ending it again is a conflict, in ProblemDetails.
        var twice = await Coordinator.PostAsync($"{Windows}/{ended}/end", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("application/problem+json", twice.Content.Headers.ContentType?.MediaType);

        // A window whose last day has passed: at midnight its pages drop the form without anyone saving anything.
        var today = Domain.Quantities.ChinaTime.Today(factory.Clock);
        var shortOne = await OpenAsync(["09-2"], opensOn: Domain.Quantities.IsoDate.Format(today), closesOn: Domain.Quantities.IsoDate.Format(today));
        Assert.NotNull((await PageAsync($"/items/{Item("09-2")}")).QuerySelector("#rating form"));
        factory.Clock.SetChinaDate(today.AddDays(1));
        var after = await EventuallyAsync(() => PageAsync($"/items/{Item("09-2")}"), p => p.QuerySelector("#rating form") is null);
        Assert.Null(after.QuerySelector("#rating form"));
        Assert.Contains("已结束", after.QuerySelector("#rating .rating-window")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await reader.PostAsync($"/items/{Item("09-2")}/rating",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["choice"] = "satisfied" }))).StatusCode);
        Assert.Equal(0, await StoredAsync(shortOne, "09-2"));
    }

    [Fact]
    public async Task Bad_input_is_named_at_its_field_and_stores_nothing()
    {
        const string code = "05-2";
        var window = await OpenAsync([code]);
        using var reader = NewReader();

        var none = await RateAsync(reader, code, null);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var page = await ReadAsync(none);
        var link = page.QuerySelector(".error-summary a")!;
        Assert.Equal("#rating-choice-satisfied", link.GetAttribute("href"));
        Assert.Contains("请选择满意、基本满意或不满意", link.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#rating-choice-satisfied"));
        Assert.Contains("rating-choice-error", page.QuerySelector("fieldset.rating-choices")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);

        var tooLong = new string('长', 201);
        var longer = await RateAsync(reader, code, "satisfied", tooLong);
        Assert.Equal(HttpStatusCode.BadRequest, longer.StatusCode);
        page = await ReadAsync(longer);
        Assert.Equal("#rating-comment", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Contains("最多200字", page.QuerySelector("#rating-comment-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#rating-comment")!.GetAttribute("aria-invalid"));
        // The reader's text comes back to be shortened, the choice stays chosen.
        Assert.Equal(tooLong, page.QuerySelector("#rating-comment")!.TextContent);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#rating-choice-satisfied")!.IsChecked);

        var invented = await reader.PostAsync($"/items/{Item(code)}/rating", new FormUrlEncodedContent(new Dictionary<string, string> { ["choice"] = "veryGood" }));
        Assert.Equal(HttpStatusCode.BadRequest, invented.StatusCode);
        Assert.Contains("所选的评价无效", (await ReadAsync(invented)).QuerySelector("#rating-choice-error")!.TextContent, StringComparison.Ordinal);
        var script = await reader.PostAsync($"/items/{Item(code)}/rating",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["choice"] = "<script>alert(1)</script>" }));
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        Assert.DoesNotContain("<script>alert(1)</script>", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(window, code));

        // A comment with markup is kept as text for staff and shown escaped.
        Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(reader, code, "dissatisfied", "<b>太慢</b> http://example.com")).StatusCode);
        await using var db = factory.OpenDatabase();
        Assert.Equal("<b>太慢</b> http://example.com", await db.Ratings.Where(r => r.WindowId == window).Select(r => r.Comment).SingleAsync());
    }

    [Fact]
    public async Task A_cross_site_post_is_refused_and_stores_nothing()
    {
        const string code = "04-1";
        var window = await OpenAsync([code]);
        var page = await PageAsync($"/items/{Item(code)}");
        using var reader = NewReader();
        foreach (var header in new[] { ("Sec-Fetch-Site", "cross-site"), ("Origin", "https://evil.example") })
        {
            var response = await SubmitAsync(reader, page, "satisfied", null, header);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("不接受从其他网站提交的表单", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, await StoredAsync(window, code));
        // From the site itself it goes through.
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(reader, page, "satisfied", null, ("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin"))).StatusCode);
        Assert.Equal(1, await StoredAsync(window, code));
    }

    [Fact]
    public async Task A_deputies_tally_is_shown_apart_and_labelled_and_a_new_entry_supersedes_the_old()
    {
        const string code = "04-2";
        var window = await OpenAsync([code]);
        using (var reader = NewReader())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await RateAsync(reader, code, "satisfied")).StatusCode);
        }
        var first = await Staff.PostJsonAsync(Coordinator, $"{Windows}/{window}/deputies",
            new { itemId = Item(code), satisfied = 40, basicallySatisfied = 5, dissatisfied = 1, source = "区人大常委会2025年11月测评" });
        Assert.True(first.StatusCode == HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var second = await Staff.PostJsonAsync(Coordinator, $"{Windows}/{window}/deputies",
            new { itemId = code, satisfied = 41, basicallySatisfied = 4, dissatisfied = 0, source = "区人大常委会2025年12月测评" });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);

        // Shown at once (a staff change), labelled, apart from the readers' result, which it does not change.
        var page = await PageAsync($"/items/{Item(code)}");
        var rating = page.QuerySelector("#rating")!;
        Assert.Contains(rating.QuerySelectorAll("h3"), h => h.TextContent == "人大代表测评（录入）");
        Assert.Equal("满意率100.0%（满意41票、基本满意4票、不满意0票，共45票有效）", rating.QuerySelector(".rating-deputies")!.TextContent.Trim());
        Assert.Contains("区人大常委会2025年12月测评", rating.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("2025年11月", rating.TextContent, StringComparison.Ordinal);
        var readers = await EventuallyAsync(() => PageAsync($"/items/{Item(code)}"), p => ResultOf(p) == "已收到1票，满30票后公布结果");
        Assert.Equal("已收到1票，满30票后公布结果", ResultOf(readers));

        var api = (await ItemApiAsync(code))["rating"]!;
        Assert.Equal(1, (int)api["count"]!);
        var deputies = api["deputies"]!;
        Assert.Equal((41, 4, 0, 45, 100.0m), ((int)deputies["satisfied"]!, (int)deputies["basicallySatisfied"]!, (int)deputies["dissatisfied"]!, (int)deputies["count"]!, (decimal)deputies["rate"]!));
        Assert.Equal(("区人大常委会2025年12月测评", "人大代表测评（录入）"), ((string?)deputies["source"], (string?)deputies["label"]));

        // History kept for staff: both entries, the newer current.
        var staff = (await Staff.JsonAsync(await Leader.GetAsync(Windows))).AsArray().Single(w => (int)w!["id"]! == window)!;
        var history = staff["deputyHistory"]!.AsArray();
        Assert.Equal(2, history.Count);
        Assert.Equal([true, false], history.Select(h => (bool)h!["current"]!).ToArray());

        // Refused: an item outside the window, all zero, no source.
        var wrong = await Staff.PostJsonAsync(Coordinator, $"{Windows}/{window}/deputies",
            new { itemId = Item("01-1"), satisfied = 0, basicallySatisfied = 0, dissatisfied = 0, source = "" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = (await Staff.JsonAsync(wrong))["errors"]!.AsObject();
        Assert.Contains("itemId", errors.Select(e => e.Key));
        Assert.Contains("source", errors.Select(e => e.Key));
        await using var db = factory.OpenDatabase();
        Assert.Equal(2, await db.DeputyTallies.CountAsync(t => t.WindowId == window));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "ratings.deputies-entered" && a.Summary!.Contains("2025年11月")));
    }

    [Fact]
    public async Task Windows_are_managed_by_coordinators_checked_and_audited()
    {
        // Leaders read, reporters do not; only a coordinator opens.
        Assert.Equal(HttpStatusCode.OK, (await Leader.GetAsync(Windows)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Reporter.GetAsync(Windows)).StatusCode);
        var body = new { title = "领导想开的测评", opensOn = "2025-12-01", closesOn = "2025-12-31", items = new[] { Item("03-1") } };
        Assert.Equal(HttpStatusCode.Forbidden, (await Staff.PostJsonAsync(Leader, Windows, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Staff.PostJsonAsync(Reporter, Windows, body)).StatusCode);

        // Bad fields, each named.
        var bad = await Staff.PostJsonAsync(Coordinator, Windows,
            new { title = "", opensOn = "2025-12-31", closesOn = "2025-12-01", minimum = 0, items = new[] { Item("99-9") } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await Staff.JsonAsync(bad))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "title", "closesOn", "minimum", "items" }, errors);

        // Opened with the default minimum; an overlapping window over the same item is refused.
        var opened = await Staff.PostJsonAsync(Coordinator, Windows, new { title = "2025年度已完成子项满意度测评", opensOn = "2025-12-01", closesOn = "2025-12-31", items = new[] { Item("03-1") } });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var window = await Staff.JsonAsync(opened);
        Assert.Equal((30, false, "open"), ((int)window["minimum"]!, (bool)window["allItems"]!, (string?)window["state"]));
        Assert.Equal([Item("03-1")], window["items"]!.AsArray().Select(i => (string)i!).ToArray());
        var overlap = await Staff.PostJsonAsync(Coordinator, Windows, new { title = "重复的测评", opensOn = "2025-12-15", closesOn = "2026-01-15", items = new[] { Item("03-1"), Item("03-2") } });
        Assert.Equal(HttpStatusCode.BadRequest, overlap.StatusCode);
        Assert.Contains("items", (await Staff.JsonAsync(overlap))["errors"]!.AsObject().Select(e => e.Key));

        // Another region's coordinator may not touch it.
        var city = Staff.Unique("citycoordinator");
        await Staff.UserAsync(factory, city, "coordinator", region: "120000");
        using var cityClient = await Staff.TokenClientAsync(factory, city);
        Assert.Equal(HttpStatusCode.Forbidden, (await cityClient.GetAsync(Windows)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cityClient.PostAsync($"{Windows}/{(int)window["id"]!}/end", null)).StatusCode);

        await using var db = factory.OpenDatabase();
        var audit = await db.AuditLog.Where(a => a.Action == "ratings.window-opened" && a.Summary!.Contains("2025年度已完成子项满意度测评")).ToListAsync();
        Assert.Equal(CoordinatorName, Assert.Single(audit).Actor);
    }

    [Fact]
    public async Task A_coordinator_opens_a_window_for_the_completed_items_on_the_workspace_page_and_enters_a_tally()
    {
        using var session = await StaffSession.SignInAsync(factory, CoordinatorName);
        var page = await session.PageAsync($"/workspace/programs/{Program}/ratings");
        Assert.NotNull(page.QuerySelector("input[name=title]"));

        // A missing date and "chosen items" with none ticked are named at their fields; nothing is opened.
        var refused = await session.SubmitAsync(page, "form[action*=open]", changes: new Dictionary<string, string> { ["opensOn"] = "", ["scope"] = "chosen" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errorPage = await StaffSession.ReadAsync(refused, $"/workspace/programs/{Program}/ratings");
        var links = errorPage.QuerySelectorAll(".ws-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#f-items", links);
        Assert.Contains("#f-openson", links);
        Assert.Equal("true", errorPage.QuerySelector("#f-openson")!.GetAttribute("aria-invalid"));

        // Chosen items: 02-2 and 02-3, ticked as a coordinator would.
        page = await session.PageAsync($"/workspace/programs/{Program}/ratings");
        var form = page.QuerySelector<IHtmlFormElement>("form[action*=open]")!;
        foreach (var box in form.QuerySelectorAll<IHtmlInputElement>("input[name=items]"))
        {
            box.IsChecked = box.Value is "02-2" or "02-3";
        }
        var done = await session.SubmitAsync(page, "form[action*=open]", changes: new Dictionary<string, string>
        {
            ["title"] = "2025年度卫生健康子项满意度测评", ["scope"] = "chosen", ["opensOn"] = "2025-12-01", ["closesOn"] = "2025-12-31",
        });
        var after = await session.FollowAsync(done);
        var section = after.QuerySelectorAll("section.ws-card").Single(s => s.QuerySelector("h3")!.TextContent.Contains("卫生健康", StringComparison.Ordinal));
        Assert.Equal(2, section.QuerySelectorAll("tbody tr").Length);
        Assert.NotNull((await PageAsync($"/items/{Item("02-2")}")).QuerySelector("#rating form"));
        Assert.Null((await PageAsync($"/items/{Item("02-1")}")).QuerySelector("#rating form"));

        // The deputies' form: a bad count is named in its own form, a good one shows on the public page.
        var deputies = section.QuerySelector<IHtmlFormElement>("form[action*=deputies]")!;
        var id = deputies.QuerySelector<IHtmlInputElement>("input[name=window]")!.Value;
        var bad = await session.SubmitAsync(after, $"#window-{id} form[action*=deputies]", changes: new Dictionary<string, string>
        {
            ["itemId"] = "02-3", ["satisfied"] = "很多", ["basicallySatisfied"] = "1", ["dissatisfied"] = "0", ["source"] = "区人大常委会测评",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badPage = await StaffSession.ReadAsync(bad, $"/workspace/programs/{Program}/ratings");
        Assert.Contains("不是整数", badPage.QuerySelector($"#f-window-{id}-satisfied-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", badPage.QuerySelector($"#f-window-{id}-satisfied")!.GetAttribute("aria-invalid"));

        var good = await session.SubmitAsync(after, $"#window-{id} form[action*=deputies]", changes: new Dictionary<string, string>
        {
            ["itemId"] = "02-3", ["satisfied"] = "10", ["basicallySatisfied"] = "1", ["dissatisfied"] = "1", ["source"] = "区人大常委会测评",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var item = await PageAsync($"/items/{Item("02-3")}");
        Assert.Equal("满意率91.6%（满意10票、基本满意1票、不满意1票，共12票有效）", item.QuerySelector("#rating .rating-deputies")!.TextContent.Trim());

        // Ending early from the page.
        var ended = await session.SubmitAsync(after, $"#window-{id} form[action*=end]");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Null((await PageAsync($"/items/{Item("02-2")}")).QuerySelector("#rating form"));
    }
}

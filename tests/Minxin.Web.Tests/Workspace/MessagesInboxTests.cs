using System.Net;
using System.Text;
using AngleSharp.Dom;
using Minxin.Domain.Messages;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// The inbox's authorization (issue 11, done when: "a unit sees only its items' messages"): the unit's reporter
/// sees the messages about the items its unit leads, in the page, the API list, the detail and the export, and
/// nothing of another unit's (403) or another region's; leaders read without the personal data; the filters and
/// the overdue mark; the to-do count.
/// </summary>
public abstract class MessagesInboxTests(ClockedWebFactory factory) : MessagesTestBase(factory)
{
    [Fact]
    public async Task A_units_reporter_sees_only_the_messages_about_its_items_in_the_page_the_api_the_detail_and_the_export()
    {
        var mine = await MessageAsync(ItemA, "我们小区的充电接口什么时候装？", contact: "13912345678", name: "李大爷");
        var theirs = await MessageAsync(ItemB, "另一个单位的留言：路灯坏了", contact: "13700001111", name: "王阿姨");

        // The page: the unit's message with its receipt number, not the other unit's.
        var inbox = await ReporterSession.PageAsync("/workspace/messages");
        var receipts = inbox.QuerySelectorAll("table.ws-table tbody th a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains(mine.ReceiptNumber, receipts);
        Assert.DoesNotContain(theirs.ReceiptNumber, receipts);

        // The API list: the same, with the sender's contact for the unit that answers it.
        var list = (await Staff.JsonAsync(await Reporter.GetAsync(Api))).AsArray();
        var listed = Assert.Single(list, m => (string?)m!["receiptNumber"] == mine.ReceiptNumber)!;
        Assert.Equal(("13912345678", "李大爷", "139****5678", ItemA, UnitA), ((string?)listed["contact"], (string?)listed["name"], (string?)listed["maskedContact"],
            (string?)listed["itemId"], (string?)listed["unit"]));
        Assert.DoesNotContain(list, m => (string?)m!["receiptNumber"] == theirs.ReceiptNumber);
        Assert.Equal("no-store", (await Reporter.GetAsync(Api)).Headers.CacheControl?.ToString());

        // The detail: its own in both; the other unit's refused (403, not 404: it exists, it is not theirs).
        Assert.Equal(HttpStatusCode.OK, (await Reporter.GetAsync($"{Api}/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Reporter.GetAsync($"{Api}/{theirs.Id}")).StatusCode);
        var page = await ReporterSession.PageAsync($"/workspace/messages/{mine.Id}");
        Assert.Contains("13912345678", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("个人信息", page.QuerySelector("#sender-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReporterSession.GetAsync($"/workspace/messages/{theirs.Id}")).StatusCode);

        // The export: only its own rows.
        var csv = Encoding.UTF8.GetString(await (await ReporterSession.GetAsync("/workspace/messages/export.csv")).Content.ReadAsByteArrayAsync());
        Assert.Contains(mine.ReceiptNumber, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ReceiptNumber, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("13700001111", csv, StringComparison.Ordinal);

        // The other unit sees its own and not this one.
        var otherList = (await Staff.JsonAsync(await OtherUnit.GetAsync(Api))).AsArray();
        Assert.Contains(otherList, m => (string?)m!["receiptNumber"] == theirs.ReceiptNumber);
        Assert.DoesNotContain(otherList, m => (string?)m!["receiptNumber"] == mine.ReceiptNumber);
        Assert.Equal(HttpStatusCode.Forbidden, (await OtherUnit.GetAsync($"{Api}/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await OtherUnit.PostAsync($"{Api}/{mine.Id}/take", null)).StatusCode);

        // Another region's coordinator: nothing listed, each message refused.
        Assert.DoesNotContain((await Staff.JsonAsync(await OtherRegion.GetAsync(Api))).AsArray(), m => (string?)m!["receiptNumber"] == mine.ReceiptNumber);
        Assert.Equal(HttpStatusCode.Forbidden, (await OtherRegion.GetAsync($"{Api}/{mine.Id}")).StatusCode);

        // The coordinator sees both; a leader reads both without the sender's name and contact.
        var all = (await Staff.JsonAsync(await Coordinator.GetAsync(Api))).AsArray();
        Assert.Contains(all, m => (string?)m!["receiptNumber"] == mine.ReceiptNumber && (string?)m["contact"] == "13912345678");
        Assert.Contains(all, m => (string?)m!["receiptNumber"] == theirs.ReceiptNumber);
        var ofUnitA = (await Staff.JsonAsync(await Coordinator.GetAsync($"{Api}?unit={UnitA}"))).AsArray();
        Assert.Contains(ofUnitA, m => (string?)m!["receiptNumber"] == mine.ReceiptNumber);
        Assert.DoesNotContain(ofUnitA, m => (string?)m!["receiptNumber"] == theirs.ReceiptNumber);
        var read = await Staff.JsonAsync(await Leader.GetAsync($"{Api}/{mine.Id}"));
        Assert.Equal(((string?)null, (string?)null, "139****5678"), ((string?)read["message"]!["contact"], (string?)read["message"]!["name"], (string?)read["message"]!["maskedContact"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await Leader.PostAsync($"{Api}/{mine.Id}/take", null)).StatusCode);
    }

    [Fact]
    public async Task Filters_narrow_the_inbox_and_an_overdue_message_is_marked_in_words()
    {
        var problem = await MessageAsync(ItemA, "充电桩坏了");
        var praise = await MessageAsync(ItemA, "感谢区住建委", MessageKind.Praise);
        var help = await MessageAsync(ItemA, "想申请安装充电接口", MessageKind.HelpRequest);

        async Task<List<string>> Receipts(string query) =>
            (await Staff.JsonAsync(await Reporter.GetAsync(Api + query))).AsArray().Select(m => (string)m!["receiptNumber"]!).ToList();

        var praises = await Receipts("?kind=praise");
        Assert.Contains(praise.ReceiptNumber, praises);
        Assert.DoesNotContain(problem.ReceiptNumber, praises);
        Assert.Contains(help.ReceiptNumber, await Receipts("?kind=helpRequest&item=" + ItemA));
        Assert.DoesNotContain(help.ReceiptNumber, await Receipts("?item=" + ItemB));
        Assert.Empty(await Receipts("?overdue=true&item=" + ItemA));

        // A bad filter is a ProblemDetails naming the field; on the page, an error at the field.
        var bad = await Reporter.GetAsync(Api + "?kind=complaint");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await Staff.JsonAsync(bad))["errors"]!["kind"]);
        var badPage = await ReporterSession.PageAsync("/workspace/messages?state=lost", HttpStatusCode.BadRequest);
        Assert.Equal("true", badPage.GetElementById("f-state")!.GetAttribute("aria-invalid"));

        // Taken: the state filter finds it.
        Assert.Equal(HttpStatusCode.OK, (await Reporter.PostAsync($"{Api}/{problem.Id}/take", null)).StatusCode);
        Assert.Contains(problem.ReceiptNumber, await Receipts("?state=taken"));
        Assert.DoesNotContain(praise.ReceiptNumber, await Receipts("?state=taken"));

        // Six working days later (5 is the service level), unanswered ones are overdue: filtered and marked in words.
        Factory.Clock.SetChinaDate(new DateOnly(2025, 8, 11));
        var overdue = await Receipts("?overdue=true");
        Assert.Contains(problem.ReceiptNumber, overdue);
        // (The sign-in of ten days ago has expired: sign in again.)
        using var session = await StaffSession.SignInAsync(Factory, ReporterName);
        var page = await session.PageAsync("/workspace/messages?overdue=true");
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(problem.ReceiptNumber, StringComparison.Ordinal));
        Assert.Contains("已逾期", row.TextContent, StringComparison.Ordinal);

        // The to-do list counts what waits for the unit, and the overdue ones.
        var tasks = await session.PageAsync("/workspace/tasks");
        var count = tasks.QuerySelector("section[aria-labelledby=messages-waiting-title] p")!.TextContent.Trim();
        Assert.Matches(@"^待处理留言\d+条，其中逾期\d+条$", count);
        Assert.Equal("/workspace/messages?overdue=true", tasks.QuerySelector("section[aria-labelledby=messages-waiting-title] a[href*=overdue]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_inbox_shows_fifty_a_page_newest_first()
    {
        for (var i = 0; i < 51; i++)
        {
            await MessageAsync(ItemB, $"第{i + 1}条");
        }
        var first = await OtherUnit.GetAsync(Api);
        var total = int.Parse(first.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= 51);
        var page1 = (await Staff.JsonAsync(first)).AsArray();
        Assert.Equal(50, page1.Count);
        Assert.Equal("第51条", (string?)page1[0]!["text"]);
        var page2 = (await Staff.JsonAsync(await OtherUnit.GetAsync(Api + "?page=2"))).AsArray();
        Assert.Equal(total - 50, page2.Count);
        Assert.Empty(page1.Select(m => (int)m!["id"]!).Intersect(page2.Select(m => (int)m!["id"]!)));

        using var session = await StaffSession.SignInAsync(Factory, await OtherReporterAsync());
        var page = await session.PageAsync("/workspace/messages");
        Assert.Equal(50, page.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("/workspace/messages?page=2", page.QuerySelector("nav[aria-label=翻页] a")!.GetAttribute("href"));
    }

    private async Task<string> OtherReporterAsync()
    {
        await using var db = Factory.OpenDatabase();
        return (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Unit != null && u.Unit.Name == UnitBName))).UserName!;
    }
}

public sealed class SqliteMessagesInboxTests(SqliteClockedWebFactory factory) : MessagesInboxTests(factory), IClassFixture<SqliteClockedWebFactory>;

public sealed class PostgresMessagesInboxTests(PostgresClockedWebFactory factory) : MessagesInboxTests(factory), IClassFixture<PostgresClockedWebFactory>;

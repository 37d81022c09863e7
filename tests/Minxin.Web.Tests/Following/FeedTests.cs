using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Data;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;
using Minxin.Testing;
using Minxin.Web.Tests.Workspace;
using Minxin.Web.Workspace;

namespace Minxin.Web.Tests.Following;

/// <summary>
/// The Atom feeds of a program and an item, read by a feed library and checked against RFC 4287: a report approved in
/// the workspace is in both at once (the cached feed is evicted with the pages), an edition is announced, a published
/// reply carries the question and the answer and nothing about who asked; a draft has no feed.
/// </summary>
public sealed class FeedTests
{
    private const string ItemFeed = "/items/jinnan-2025-07-1/feed.atom";
    private const string ProgramFeed = "/programs/jinnan-2025/feed.atom";

    private static DateTimeOffset Beijing(int month, int day, int hour) => new(2025, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static SyndicationFeed Parse(string xml)
    {
        var formatter = new Atom10FeedFormatter();
        using var reader = XmlReader.Create(new StringReader(xml));
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    [Fact]
    public async Task A_report_approved_in_the_workspace_is_at_once_in_the_item_and_the_program_feed_and_an_edition_is_announced()
    {
        var clock = new TestClock(Beijing(8, 4, 15));
        using var node = new FollowingNode(clock, ("Minxin:PublicBaseUrl", FollowingNode.BaseUrl));
        await node.StaffAsync();

        // Before: the imported June report is there; July is not. Fetched now, so the feeds are cached when July is approved.
        var before = Parse(await node.FeedAsync(ItemFeed));
        Assert.Contains(before.Items, i => i.Title.Text.Contains("截至2025年6月30日进展", StringComparison.Ordinal));
        Assert.DoesNotContain(before.Items, i => i.Title.Text.Contains("7月31日", StringComparison.Ordinal));
        Assert.Equal("urn:minxin:feed:jinnan-2025-07-1", before.Id);
        Assert.DoesNotContain(Parse(await node.FeedAsync(ProgramFeed)).Items, i => i.Title.Text.Contains("7月31日", StringComparison.Ordinal));
        // Cached like the pages: the next reader is answered from the cache, with an ETag to revalidate.
        using (var client = node.CreateClient())
        {
            var cached = await client.GetAsync(ItemFeed);
            Assert.NotNull(cached.Headers.Age);
            Assert.NotNull(cached.Headers.ETag);
        }

        await node.ApproveSocketsAsync("2025-07-31", "2025-08-05", 5600);
        var approvedAt = clock.GetUtcNow();

        foreach (var path in new[] { ItemFeed, ProgramFeed })
        {
            var xml = await node.FeedAsync(path);
            var feed = Rfc4287.Check(xml);
            var parsed = Parse(xml);
            // Newest first: the report just approved leads, dated when it was approved.
            var first = parsed.Items.First();
            Assert.StartsWith("07-1 ", first.Title.Text, StringComparison.Ordinal);
            Assert.EndsWith("：截至2025年7月31日进展", first.Title.Text, StringComparison.Ordinal);
            Assert.Equal(approvedAt, first.LastUpdatedTime);
            Assert.Equal(FollowingNode.BaseUrl + "/items/jinnan-2025-07-1#report-2025-07-31-v1", first.Links.Single().Uri.AbsoluteUri);
            Assert.Equal("urn:minxin:jinnan-2025:report:07-1:2025-07-31:v1", first.Id);
            var text = ((TextSyndicationContent)first.Content).Text;
            Assert.Contains("累计推动全区既有住宅小区新增电动自行车充电接口5600个，完成率93%", text, StringComparison.Ordinal);
            Assert.Contains("充电接口：5600个（完成93%）", text, StringComparison.Ordinal);
            Assert.Equal(approvedAt, parsed.LastUpdatedTime);
            var dates = Rfc4287.Entries(feed).Select(Rfc4287.Updated).ToList();
            Assert.Equal(dates.OrderByDescending(d => d), dates);
        }
        var program = Parse(await node.FeedAsync(ProgramFeed));
        Assert.Equal("urn:minxin:feed:jinnan-2025", program.Id);
        Assert.Equal(FollowingNode.BaseUrl + "/programs/jinnan-2025", program.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        // Bounded: the program's twenty-odd items each have their June report, but never more than 50 entries.
        Assert.InRange(program.Items.Count(), 20, 50);

        // An edition published: announced in both feeds, linked to its page.
        clock.Advance(TimeSpan.FromHours(1));
        var edition = await Staff.PostJsonAsync(node.Coordinator, "/api/v1/workspace/programs/jinnan-2025/editions",
            new { title = "2025年7月成绩单", slug = "2025-07", asOf = "2025-07-31", publishedOn = "2025-08-04" });
        Assert.True(edition.StatusCode == HttpStatusCode.Created, await edition.Content.ReadAsStringAsync());
        foreach (var path in new[] { ItemFeed, ProgramFeed })
        {
            var first = Parse(await node.FeedAsync(path)).Items.First();
            Assert.Equal("发布2025年7月成绩单", first.Title.Text);
            Assert.Equal(FollowingNode.BaseUrl + "/programs/jinnan-2025/editions/2025-07", first.Links.Single().Uri.AbsoluteUri);
        }
    }

    [Fact]
    public async Task A_published_reply_is_in_the_feeds_with_its_question_and_never_who_asked()
    {
        var clock = new TestClock(Beijing(8, 4, 15));
        using var node = new FollowingNode(clock, ("Minxin:PublicBaseUrl", FollowingNode.BaseUrl));
        _ = node.Server;
        await node.FeedAsync(ItemFeed);
        await using (var db = node.OpenDatabase())
        {
            var item = await db.Items.Include(i => i.Category).ThenInclude(c => c.Program)
                .SingleAsync(i => i.Category.Program.Code == "jinnan-2025" && i.Category.Number == 7 && i.Number == 1);
            CitizenMessage Message(string receipt, string text, MessageVisibility visibility, string? reply) => new()
            {
                ReceiptNumber = receipt,
                ProgramId = item.Category.ProgramId,
                ItemId = item.Id,
                UnitId = null,
                Kind = MessageKind.Problem,
                Text = text,
                SenderName = "欧阳明月",
                ShowName = true,
                Contact = "13812345678",
                MaskedContact = "138****5678",
                ReceivedAt = clock.GetUtcNow().AddDays(-3),
                DueOn = new DateOnly(2025, 8, 8),
                State = reply is null ? MessageState.New : MessageState.Answered,
                Visibility = visibility,
                Reply = reply,
                ReplyBy = reply is null ? null : "区城管委 王丽",
                AnsweredAt = reply is null ? null : clock.GetUtcNow(),
                AnsweredBy = reply is null ? null : "民心办 张敏",
            };
            db.Messages.AddRange(
                Message("LX2025-0804-1111", "我们小区什么时候装充电接口？<script>alert(1)</script>\u0007", MessageVisibility.Published, "咸水沽镇各小区将于9月底前完成安装。"),
                Message("LX2025-0804-2222", "还没答复的留言", MessageVisibility.Pending, null),
                Message("LX2025-0804-3333", "仅答复本人的留言", MessageVisibility.Private, "已电话联系您。"),
                Message("LX2025-0804-4444", "被隐藏的留言", MessageVisibility.Hidden, "隐藏了的答复"));
            // As the workspace publishes a reply: a new data version, then this node's public caches evicted.
            await db.SaveWithNewDataVersionAsync([item.Category.ProgramId]);
        }
        node.Services.GetRequiredService<PublicChanges>().Evict("jinnan-2025");

        foreach (var path in new[] { ItemFeed, ProgramFeed })
        {
            var xml = await node.FeedAsync(path);
            Rfc4287.Check(xml);
            var reply = Assert.Single(Parse(xml).Items, i => i.Id.Contains(":reply:", StringComparison.Ordinal));
            Assert.Equal("子项07-1：问题反映的答复", reply.Title.Text);
            Assert.Equal("问：我们小区什么时候装充电接口？<script>alert(1)</script>\n答：咸水沽镇各小区将于9月底前完成安装。", ((TextSyndicationContent)reply.Content).Text);
            Assert.Equal(FollowingNode.BaseUrl + "/items/jinnan-2025-07-1", reply.Links.Single().Uri.AbsoluteUri);
            // Escaped as text, never markup (a control character XML cannot carry is dropped, not a broken feed); and nothing
            // of the sender, nor of the replies not published.
            Assert.DoesNotContain("<script>", xml, StringComparison.Ordinal);
            foreach (var secret in new[] { "欧阳明月", "13812345678", "138****5678", "5678", "LX2025", "还没答复", "仅答复本人", "已电话联系", "被隐藏", "区城管委 王丽" })
            {
                Assert.DoesNotContain(secret, xml, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_draft_program_has_no_feed_poster_or_subscription_form()
    {
        var clock = new TestClock(Beijing(8, 4, 15));
        using var node = new FollowingNode(clock, ("Minxin:PublicBaseUrl", FollowingNode.BaseUrl));
        _ = node.Server;
        await using (var db = node.OpenDatabase())
        {
            var draft = new ProgramBuilder("draft-2025").Category(1, "护苗助老工程", c => c.Item(1, "新建社区食堂12个")).Build();
            await ProgramStore.AddAsync(db, draft, PublicationState.Draft);
        }
        using var client = node.CreateClient();
        foreach (var path in new[] { "/programs/draft-2025/feed.atom", "/items/draft-2025-01-1/feed.atom", "/items/draft-2025-01-1/poster",
                     "/items/jinnan-2025-99-9/feed.atom", "/items/not-an-item/feed.atom", "/programs/nope/feed.atom" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "a@example.com", ["program"] = "draft-2025" });
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/subscriptions", form)).StatusCode);
        // Published, the same program has its feed.
        await using (var db = node.OpenDatabase())
        {
            var program = await ProgramStore.LoadForChangeAsync(db, "draft-2025");
            await ProgramStore.PublishAsync(db, program!, "测试", AuditAuthor.Cli);
        }
        node.Services.GetRequiredService<PublicChanges>().Evict("draft-2025");
        Rfc4287.Check(await node.FeedAsync("/programs/draft-2025/feed.atom"));
    }

    [Fact]
    public async Task Program_and_item_pages_name_their_feed_in_the_head_and_link_it_where_readers_see_it()
    {
        using var node = new FollowingNode(TimeProvider.System);
        foreach (var (page, feed) in new[] { ("/items/jinnan-2025-07-1", ItemFeed), ("/programs/jinnan-2025", ProgramFeed) })
        {
            var document = await node.GetDocumentAsync(page);
            var alternate = Assert.Single(document.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']"));
            Assert.Equal(feed, alternate.GetAttribute("href"));
            var visible = Assert.Single(document.QuerySelectorAll("main a.feed-link"));
            Assert.Equal("订阅更新（RSS/Atom）", visible.TextContent);
            Assert.Equal(feed, visible.GetAttribute("href"));
            // Without a mail server only the feeds are offered.
            Assert.Empty(document.QuerySelectorAll("form[action='/subscriptions']"));
            Assert.Contains("暂不提供邮件订阅", document.QuerySelector("#follow")!.TextContent, StringComparison.Ordinal);
        }
        Assert.Empty((await node.GetDocumentAsync("/search")).Head!.QuerySelectorAll("link[type='application/atom+xml']"));
    }
}

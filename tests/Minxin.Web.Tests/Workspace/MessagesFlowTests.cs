using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Messages;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// A message's life in the workspace, through the pages (a browser's forms with their antiforgery token) and the
/// staff API: the unit's reporter takes it and drafts the reply, the coordinator publishes it (a new data version
/// of the program, so the public pages show it at once); the reporter may not publish; a stale form or If-Match is
/// refused with a clear message and nothing saved; a coordinator hides with a reason; a help request is answered
/// by the unit directly. Each step is in the audit log and the message's history.
/// </summary>
public abstract class MessagesFlowTests(ClockedWebFactory factory) : MessagesTestBase(factory)
{
    private async Task<long> DataVersionAsync()
    {
        await using var db = Factory.OpenDatabase();
        return await db.Programs.Where(p => p.Code == "jinnan-2025").Select(p => p.DataVersion).SingleAsync();
    }

    private async Task<CitizenMessage> StoredAsync(int id)
    {
        await using var db = Factory.OpenDatabase();
        return await db.Messages.Include(m => m.Entries).AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task The_reporter_drafts_in_the_page_and_the_coordinator_publishes_it()
    {
        var message = await MessageAsync(ItemA, "小区东门的充电桩<script>alert(1)</script>什么时候能用？\n第二行");

        // The reporter reads it (escaped, line breaks kept), takes it and drafts the reply.
        var page = await ReporterSession.PageAsync($"/workspace/messages/{message.Id}");
        var text = page.QuerySelector(".ws-message-text")!;
        Assert.Equal(message.Text, text.TextContent);
        Assert.Empty(text.QuerySelectorAll("script"));
        Assert.Null(page.QuerySelector("form[action*=publish]"));
        page = await ReporterSession.FollowAsync(await ReporterSession.SubmitAsync(page, "form[action*=take]"));
        Assert.Contains("已受理", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        page = await ReporterSession.FollowAsync(await ReporterSession.SubmitAsync(page, "form[action*=reply]",
            changes: new Dictionary<string, string> { ["text"] = "东门充电桩已于8月5日完成调试，可以使用。" }));
        Assert.Contains("等待民心办审核", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        // The form is prefilled with the current draft.
        Assert.Equal("东门充电桩已于8月5日完成调试，可以使用。", page.QuerySelector("form[action*=reply] textarea[name=text]")!.TextContent);

        // The reporter may not publish, through the page or the API.
        var before = await DataVersionAsync();
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string>
               { ["revision"] = "2", ["__RequestVerificationToken"] = StaffSession.Token(page, "form[action*=reply]") }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await ReporterSession.PostAsync($"/workspace/messages/{message.Id}?handler=publish", form)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await Reporter.PostAsync($"{Api}/{message.Id}/publish", null)).StatusCode);
        Assert.Equal(MessageVisibility.Pending, (await StoredAsync(message.Id)).Visibility);

        // The coordinator publishes from the page: answered, public, a new data version for the public pages.
        var review = await CoordinatorSession.PageAsync($"/workspace/messages/{message.Id}");
        Assert.Contains("13812341234", review.Body!.TextContent, StringComparison.Ordinal);
        review = await CoordinatorSession.FollowAsync(await CoordinatorSession.SubmitAsync(review, "form[action*=publish]"));
        Assert.Contains("已审核通过", review.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var stored = await StoredAsync(message.Id);
        Assert.Equal((MessageState.Answered, MessageVisibility.Published, true), (stored.State, stored.Visibility, stored.IsPublic));
        Assert.True(await DataVersionAsync() > before);
        Assert.Equal([MessageAction.Received, MessageAction.Taken, MessageAction.ReplyDrafted, MessageAction.Published],
            stored.Entries.OrderBy(e => e.Id).Select(e => e.Action));

        // Every step in the audit log, under the receipt number, without the sender's contact.
        await using var db = Factory.OpenDatabase();
        var audit = await db.AuditLog.AsNoTracking().Where(a => a.Subject == "message:" + message.ReceiptNumber).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["message.taken", "message.reply-drafted", "message.published"], audit.Select(a => a.Action));
        Assert.Equal([ReporterName, ReporterName, CoordinatorName], audit.Select(a => a.Actor));
        Assert.All(audit, a => Assert.DoesNotContain("13812341234", a.Summary + string.Join(" ", a.Changes.Select(c => c.Before + c.After)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_api_drafts_with_text_and_publishes_and_refuses_what_the_state_or_role_forbids()
    {
        var message = await MessageAsync(ItemA, "充电接口收费标准是多少？");
        var empty = await Staff.PostJsonAsync(Reporter, $"{Api}/{message.Id}/reply", new { text = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await Staff.JsonAsync(empty))["errors"]!["text"]);

        // Nothing to approve yet: 409 with the reason.
        var early = await Coordinator.PostAsync($"{Api}/{message.Id}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("请先拟写答复", (string)(await Staff.JsonAsync(early))["detail"]!, StringComparison.Ordinal);

        var drafted = await Staff.PostJsonAsync(Reporter, $"{Api}/{message.Id}/reply", new { text = "按居民用电价格收取，不收服务费。" });
        Assert.Equal(HttpStatusCode.OK, drafted.StatusCode);
        var document = await Staff.JsonAsync(drafted);
        Assert.Equal(("drafted", "按居民用电价格收取，不收服务费。"), ((string?)document["message"]!["state"], (string?)document["message"]!["reply"]));
        var etag = drafted.Headers.ETag!.Tag;

        Assert.Equal(HttpStatusCode.Forbidden, (await Reporter.PostAsync($"{Api}/{message.Id}/publish", null)).StatusCode);

        // A stale If-Match (from before the draft) is a 412; the current one publishes.
        using (var stale = new HttpRequestMessage(HttpMethod.Post, $"{Api}/{message.Id}/publish"))
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"r0\"");
            var refused = await Coordinator.SendAsync(stale);
            Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
            Assert.Contains("没有保存", (string)(await Staff.JsonAsync(refused))["detail"]!, StringComparison.Ordinal);
        }
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"{Api}/{message.Id}/publish");
        publish.Headers.TryAddWithoutValidation("If-Match", etag);
        var published = await Coordinator.SendAsync(publish);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var after = await Staff.JsonAsync(published);
        Assert.Equal(("answered", "published"), ((string?)after["message"]!["state"], (string?)after["message"]!["visibility"]));
        Assert.Equal(["received", "replyDrafted", "published"], after["entries"]!.AsArray().Select(e => (string)e!["action"]!));

        // Answered: no more drafting (409), and it closes.
        Assert.Equal(HttpStatusCode.Conflict, (await Staff.PostJsonAsync(Reporter, $"{Api}/{message.Id}/reply", new { text = "补充" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Reporter.PostAsync($"{Api}/{message.Id}/close", null)).StatusCode);

        // Another message answered privately: answered, not public.
        var second = await MessageAsync(ItemA, "我家的情况比较特殊，想单独咨询。");
        await Staff.PostJsonAsync(Reporter, $"{Api}/{second.Id}/reply", new { text = "已电话联系您。" });
        var privately = await Staff.JsonAsync(await Coordinator.PostAsync($"{Api}/{second.Id}/answer-privately", null));
        Assert.Equal(("answered", "private"), ((string?)privately["message"]!["state"], (string?)privately["message"]!["visibility"]));
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_a_clear_message_and_keeps_what_was_typed()
    {
        var message = await MessageAsync(ItemA, "充电桩被燃油车占用怎么办？");
        var opened = await ReporterSession.PageAsync($"/workspace/messages/{message.Id}");
        // Meanwhile the coordinator drafts a reply.
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostJsonAsync(Coordinator, $"{Api}/{message.Id}/reply", new { text = "民心办的答复稿" })).StatusCode);

        var response = await ReporterSession.SubmitAsync(opened, "form[action*=reply]", changes: new Dictionary<string, string> { ["text"] = "单位的答复稿" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        var page = await StaffSession.ReadAsync(response, $"/workspace/messages/{message.Id}");
        Assert.Contains("已有新的办理记录，您的操作没有保存", page.QuerySelector(".ws-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("单位的答复稿", page.QuerySelector("form[action*=reply] textarea[name=text]")!.TextContent);
        Assert.Equal("民心办的答复稿", (await StoredAsync(message.Id)).Reply);

        // Sent again from the refreshed form (it carries the current revision), it is saved.
        var saved = await ReporterSession.FollowAsync(await ReporterSession.SubmitAsync(page, "form[action*=reply]"));
        Assert.Equal("单位的答复稿", (await StoredAsync(message.Id)).Reply);
        Assert.NotNull(saved.QuerySelector("[role=status]"));
    }

    [Fact]
    public async Task A_coordinator_hides_a_message_with_a_reason_and_a_published_one_leaves_the_public_pages()
    {
        var message = await MessageAsync(ItemA, "隔壁王某某（电话13600000000）乱接电线");
        var page = await CoordinatorSession.PageAsync($"/workspace/messages/{message.Id}");

        // Without a reason: refused at the field, nothing hidden.
        var refused = await CoordinatorSession.SubmitAsync(page, "form[action*=hide]");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var form = await StaffSession.ReadAsync(refused, $"/workspace/messages/{message.Id}");
        var reason = form.GetElementById("f-reason")!;
        Assert.Equal("true", reason.GetAttribute("aria-invalid"));
        Assert.Contains("f-reason-error", reason.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Equal("#f-reason", form.QuerySelector(".ws-error-summary a")!.GetAttribute("href"));
        Assert.Equal(MessageVisibility.Pending, (await StoredAsync(message.Id)).Visibility);

        page = await CoordinatorSession.FollowAsync(await CoordinatorSession.SubmitAsync(form, "form[action*=hide]",
            changes: new Dictionary<string, string> { ["reason"] = "含有他人个人信息" }));
        Assert.Contains("已隐藏", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("含有他人个人信息", page.QuerySelector(".ws-facts")!.TextContent, StringComparison.Ordinal);
        var stored = await StoredAsync(message.Id);
        Assert.Equal((MessageVisibility.Hidden, "含有他人个人信息"), (stored.Visibility, stored.HiddenReason));
        Assert.Null(page.QuerySelector("form[action*=reply]"));

        // A published one hidden through the API: the public pages get a new data version.
        var published = await MessageAsync(ItemA, "希望增加充电桩数量");
        await Staff.PostJsonAsync(Reporter, $"{Api}/{published.Id}/reply", new { text = "已列入明年计划。" });
        Assert.Equal(HttpStatusCode.OK, (await Coordinator.PostAsync($"{Api}/{published.Id}/publish", null)).StatusCode);
        var before = await DataVersionAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await Staff.PostJsonAsync(Coordinator, $"{Api}/{published.Id}/hide", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Staff.PostJsonAsync(Reporter, $"{Api}/{published.Id}/hide", new { reason = "不想公开" })).StatusCode);
        var hidden = await Staff.JsonAsync(await Staff.PostJsonAsync(Coordinator, $"{Api}/{published.Id}/hide", new { reason = "留言人要求撤回" }));
        Assert.Equal(("hidden", "留言人要求撤回"), ((string?)hidden["message"]!["visibility"], (string?)hidden["message"]!["hiddenReason"]));
        Assert.True(await DataVersionAsync() > before);
    }

    [Fact]
    public async Task A_help_request_is_taken_answered_and_closed_by_the_unit_and_never_published()
    {
        var help = await MessageAsync(ItemA, "我想在自家车位装充电接口，需要什么材料？", MessageKind.HelpRequest);
        Assert.Equal(HttpStatusCode.OK, (await Reporter.PostAsync($"{Api}/{help.Id}/take", null)).StatusCode);
        var answered = await Staff.JsonAsync(await Staff.PostJsonAsync(Reporter, $"{Api}/{help.Id}/reply", new { text = "请携带车位产权证明到社区服务中心办理。" }));
        Assert.Equal(("answered", "private"), ((string?)answered["message"]!["state"], (string?)answered["message"]!["visibility"]));
        Assert.NotNull(answered["message"]!["answeredAt"]);
        var publish = await Coordinator.PostAsync($"{Api}/{help.Id}/publish", null);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        Assert.Contains("不公开", (string)(await Staff.JsonAsync(publish))["detail"]!, StringComparison.Ordinal);
        var page = await ReporterSession.PageAsync($"/workspace/messages/{help.Id}");
        page = await ReporterSession.FollowAsync(await ReporterSession.SubmitAsync(page, "form[action*=close]"));
        Assert.Equal(MessageState.Closed, (await StoredAsync(help.Id)).State);
    }
}

public sealed class SqliteMessagesFlowTests(SqliteClockedWebFactory factory) : MessagesFlowTests(factory), IClassFixture<SqliteClockedWebFactory>;

public sealed class PostgresMessagesFlowTests(PostgresClockedWebFactory factory) : MessagesFlowTests(factory), IClassFixture<PostgresClockedWebFactory>;

using System.Text.Json;
using AngleSharp;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Messages;

namespace Minxin.Web.Tests.Messages;

/// <summary>
/// What the public sees once a reply is published: the question escaped and masked on the item page, the same in the
/// open data without any personal data, counters that agree between page and API, and the receipt lookup.
/// </summary>
public sealed class PublicMessageTests(MessagesWebFactory app) : IClassFixture<MessagesWebFactory>
{
    private const string ItemPage = "/items/" + MessagesWebFactory.Ports;
    private const string ItemApi = "/api/v1/items/" + MessagesWebFactory.Ports;
    private const string Script = "<script>alert('xss')</script>";

    private async Task<string> SendAsync(string text, string contact, string kind = "problem", string? name = null, bool showName = false, string path = ItemPage + "/messages")
    {
        var answer = await Citizen.PostFormAsync(app, path, Citizen.Fields(text, contact, kind, name, showName));
        Assert.True(answer.Status == 303, answer.Body);
        return answer.Headers.Location.ToString()["/messages/receipt/".Length..];
    }

    private static async Task<AngleSharp.Dom.IDocument> ParseAsync(string html) => await BrowsingContext.New().OpenAsync(r => r.Content(html));

    [Fact]
    public async Task A_published_reply_shows_escaped_and_masked_and_no_personal_data_reaches_any_public_page_api_csv_or_cached_copy()
    {
        await app.LeadUnitIdAsync();
        var phone = Citizen.NewPhone();
        var masked = phone[..3] + "****" + phone[7..];
        var secret = await SendAsync($"{Script}\n详见 https://evil.example/a?b=1 第二行", phone, "problem", "张三丰", showName: false);
        var praise = await SendAsync("表扬：充电接口装得又快又好", "lisiguang@163.com", "praise", "李四光", showName: true);
        var hidden = await SendAsync("这条会被隐藏：某某的电话是13900001111", Citizen.NewPhone(), "suggestion", "王五");
        var pending = await SendAsync("这条还没有答复", Citizen.NewPhone(), "suggestion", "赵六", showName: true);
        var at = app.Clock.GetUtcNow().AddDays(2);
        await Citizen.PublishAsync(app, secret, "已安排<b>施工</b>，预计9月底前完成。", at);
        await Citizen.PublishAsync(app, praise, "感谢您的肯定！", at);
        await Citizen.PublishAsync(app, hidden, "答复内容", at);
        await using (var db = app.OpenDatabase())
        {
            var message = await db.Messages.SingleAsync(m => m.ReceiptNumber == hidden);
            Assert.Null(MessageWorkflow.Hide(message, "含他人个人信息", "民心办 张敏", null, at));
            await db.SaveWithNewDataVersionAsync([message.ProgramId]);
        }

        string html = "";
        await Citizen.EventuallyAsync(async () =>
        {
            html = (await Citizen.GetAsync(app, ItemPage)).Body;
            return html.Contains("感谢您的肯定", StringComparison.Ordinal) && !html.Contains("这条会被隐藏", StringComparison.Ordinal);
        }, "the published replies on the item page");

        // Escaped, never executed; line breaks kept; the link is text.
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;<br>详见 https://evil.example/a?b=1 第二行", html);
        Assert.DoesNotContain(Script, html);
        Assert.DoesNotContain("href=\"https://evil.example", html);
        Assert.Contains("已安排&lt;b&gt;施工&lt;/b&gt;", html);
        var page = await ParseAsync(html);
        var answers = page.QuerySelectorAll("#messages .answer");
        var first = answers.Single(a => a.TextContent.Contains("evil.example"));
        Assert.Contains(masked, first.QuerySelector(".answer-meta")!.TextContent);
        Assert.Contains("问题反映", first.TextContent);
        Assert.Contains("提问于2025年8月1日", first.TextContent);
        Assert.Contains("区城管委答复（2025年8月3日）", first.TextContent);
        Assert.Contains("李四光 l***@163.com", answers.Single(a => a.TextContent.Contains("表扬：")).TextContent);
        Assert.Empty(page.QuerySelectorAll("#messages script, #messages a[href^='https://evil']"));

        var api = await Citizen.GetAsync(app, ItemApi);
        var messages = JsonDocument.Parse(api.Body).RootElement.GetProperty("messages");
        var published = messages.GetProperty("published").EnumerateArray().ToList();
        Assert.Single(published, p => p.GetProperty("question").GetString() == "表扬：充电接口装得又快又好");
        var question = published.Single(p => p.GetProperty("question").GetString()!.StartsWith(Script, StringComparison.Ordinal));
        Assert.Equal(["question", "reply", "askedOn", "answeredOn"], question.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("2025-08-01", "2025-08-03"), (question.GetProperty("askedOn").GetString(), question.GetProperty("answeredOn").GetString()));
        // In JSON the text is data, exactly as sent; never sniffed as HTML.
        Assert.StartsWith("application/json", api.Headers.ContentType.ToString());
        Assert.Equal("nosniff", api.Headers.XContentTypeOptions.ToString());
        Assert.Equal($"{Script}\n详见 https://evil.example/a?b=1 第二行", question.GetProperty("question").GetString());

        var csv = await Citizen.GetAsync(app, "/api/v1/programs/jinnan-2025/report-card.csv");
        var card = await Citizen.GetAsync(app, "/programs/jinnan-2025");
        // The cached copies, as the cache keeps them: plain and compressed.
        // (A data version the watcher sees late may evict the page once more: read until the copy comes from the cache.)
        var cachedPlain = await Citizen.GetAsync(app, ItemPage);
        await Citizen.EventuallyAsync(async () => !string.IsNullOrEmpty((cachedPlain = await Citizen.GetAsync(app, ItemPage)).Headers.Age), "a cached copy");
        var cachedGzip = await Citizen.GetAsync(app, ItemPage, "gzip");
        var cachedBrotli = await Citizen.GetAsync(app, ItemPage, "br");
        var cachedApi = await Citizen.GetAsync(app, ItemApi);
        Assert.Equal("br", cachedBrotli.Headers.ContentEncoding.ToString());
        foreach (var (where, body) in new[] { ("page", html), ("api", api.Body), ("csv", csv.Body), ("card", card.Body), ("cached", cachedPlain.Body),
            ("gzip", cachedGzip.Body), ("br", cachedBrotli.Body), ("cached api", cachedApi.Body) })
        {
            foreach (var personal in new[] { phone, "张三丰", "王五", "赵六", "lisiguang@163.com", "13900001111", "这条会被隐藏", "这条还没有答复" })
            {
                Assert.False(body.Contains(personal, StringComparison.Ordinal), $"{personal} in the {where}");
            }
        }
        // The API carries no names and no contacts at all, not even consented or masked ones.
        Assert.DoesNotContain("李四光", api.Body);
        Assert.DoesNotContain("l***@163.com", api.Body);
        Assert.NotEmpty(pending);
    }

    [Fact]
    public async Task The_counters_on_the_item_page_and_the_card_agree_with_the_api_and_the_database()
    {
        await app.LeadUnitIdAsync();
        var answered = await SendAsync("计数用留言", Citizen.NewPhone(), "suggestion");
        await SendAsync("计数用留言二", Citizen.NewPhone(), "praise");
        await SendAsync("计数用帮办", Citizen.NewPhone(), "problem", path: ItemPage + "/help-requests");
        await Citizen.PublishAsync(app, answered, "已收到，谢谢。", app.Clock.GetUtcNow());
        app.CountActivity();
        int received, helpReceived;
        await using (var db = app.OpenDatabase())
        {
            var item = await db.Items.Include(i => i.Category).ThenInclude(c => c.Program).ToListAsync();
            var ports = item.Single(i => i.Category.Program.Code == MessagesWebFactory.Program && i.Code == "07-1");
            received = await db.Messages.CountAsync(m => m.ItemId == ports.Id && m.Kind != MessageKind.HelpRequest && m.Kind != MessageKind.Objection);
            helpReceived = await db.Messages.CountAsync(m => m.ItemId == ports.Id && m.Kind == MessageKind.HelpRequest);
        }

        JsonElement document = default;
        await Citizen.EventuallyAsync(async () =>
        {
            document = JsonDocument.Parse((await Citizen.GetAsync(app, ItemApi)).Body).RootElement;
            return document.GetProperty("messages").GetProperty("received").GetInt32() == received;
        }, "the API counting every message");

        var messages = document.GetProperty("messages");
        var help = document.GetProperty("helpRequests");
        Assert.Equal(["received", "answered", "answeredInTime", "averageWorkingDays"], help.EnumerateObject().Select(p => p.Name));
        Assert.Equal(helpReceived, help.GetProperty("received").GetInt32());
        Assert.True(messages.GetProperty("answered").GetInt32() >= 1);
        var page = await ParseAsync((await Citizen.GetAsync(app, ItemPage)).Body);
        var m = (messages.GetProperty("received").GetInt32(), messages.GetProperty("answered").GetInt32(), messages.GetProperty("answeredInTime").GetInt32());
        Assert.Contains($"收到留言{m.Item1}条，已答复{m.Item2}条，其中{m.Item3}条在5个工作日内答复", page.QuerySelector("#message-counters")!.TextContent);
        Assert.Contains($"平均用时{messages.GetProperty("averageWorkingDays").GetDecimal():0.#}个工作日", page.QuerySelector("#message-counters")!.TextContent);
        Assert.Contains($"收到帮办申请{helpReceived}条，已答复0条", page.QuerySelector("#help-counters")!.TextContent);

        await using (var db = app.OpenDatabase())
        {
            var all = await db.Messages.CountAsync(m => m.Program.Code == MessagesWebFactory.Program && m.Kind != MessageKind.HelpRequest && m.Kind != MessageKind.Objection);
            var card = await ParseAsync((await Citizen.GetAsync(app, "/programs/jinnan-2025")).Body);
            Assert.Contains($"收到留言{all}条", card.QuerySelector("#message-counters")!.TextContent);
        }
    }

    [Fact]
    public async Task The_lookup_shows_the_state_and_the_reply_for_the_right_pair_and_one_neutral_sentence_otherwise()
    {
        await app.LeadUnitIdAsync();
        var phone = Citizen.NewPhone();
        var receipt = await SendAsync($"查询用：{Script}", phone, "problem", "钱七");

        var form = await Citizen.GetAsync(app, "/messages/lookup?receipt=" + receipt);
        Assert.Equal("post", (await ParseAsync(form.Body)).QuerySelector("main form")!.GetAttribute("method"));
        Assert.Contains($"value=\"{receipt}\"", form.Body);

        var right = await Citizen.PostFormAsync(app, "/messages/lookup", new Dictionary<string, string> { ["receiptNumber"] = receipt.ToLowerInvariant(), ["contact"] = phone[..3] + " " + phone[3..] });
        Assert.Equal(200, right.Status);
        Assert.Equal("no-store", right.Headers.CacheControl.ToString());
        var result = await ParseAsync(right.Body);
        var facts = result.QuerySelector(".lookup-result")!.TextContent;
        Assert.Contains("待处理", facts);
        Assert.Contains("问题反映", facts);
        Assert.Contains("2025年8月1日", facts);
        Assert.Contains("2025年8月8日（星期五）前", facts);
        Assert.DoesNotContain("已超期", facts);
        Assert.DoesNotContain("钱七", right.Body);
        Assert.DoesNotContain(phone, right.Body);

        var wrongContact = await Citizen.PostFormAsync(app, "/messages/lookup", new Dictionary<string, string> { ["receiptNumber"] = receipt, ["contact"] = Citizen.NewPhone() });
        var unknown = await Citizen.PostFormAsync(app, "/messages/lookup", new Dictionary<string, string> { ["receiptNumber"] = "LY20250801-000000x", ["contact"] = phone });
        Assert.Equal((400, 400), (wrongContact.Status, unknown.Status));
        foreach (var refused in new[] { wrongContact, unknown })
        {
            var refusedPage = await ParseAsync(refused.Body);
            Assert.Contains("回执号或联系方式不正确", refusedPage.QuerySelector(".error-summary")!.TextContent);
            Assert.Null(refusedPage.QuerySelector(".lookup-result"));
        }

        // Past its due day unanswered: marked; once published, the reply; the text escaped throughout.
        app.Clock.SetChinaDate(new DateOnly(2025, 8, 11));
        try
        {
            var overdue = await Citizen.PostFormAsync(app, "/messages/lookup", new Dictionary<string, string> { ["receiptNumber"] = receipt, ["contact"] = phone });
            Assert.Contains("已超期", (await ParseAsync(overdue.Body)).QuerySelector(".lookup-result")!.TextContent);
            await Citizen.PublishAsync(app, receipt, $"答复：{Script}", app.Clock.GetUtcNow());
            var answered = await Citizen.PostFormAsync(app, "/messages/lookup", new Dictionary<string, string> { ["receiptNumber"] = receipt, ["contact"] = phone });
            var answeredPage = await ParseAsync(answered.Body);
            var text = answeredPage.QuerySelector(".lookup-result")!.TextContent;
            Assert.Contains("已答复", text);
            Assert.Contains("区城管委答复（2025年8月11日），已在页面公开", text);
            Assert.Contains($"答复：{Script}", answeredPage.QuerySelector(".lookup-result .reply")!.TextContent);
            Assert.DoesNotContain(Script, answered.Body);
            Assert.DoesNotContain("已超期", text);
        }
        finally
        {
            app.Clock.SetChinaDate(Workspace.ClockedWebFactory.Start);
        }
    }

    [Fact]
    public async Task The_lookup_shows_the_reason_of_a_hidden_message()
    {
        var phone = Citizen.NewPhone();
        var receipt = await SendAsync("隐藏原因用留言", phone, "suggestion");
        await using (var db = app.OpenDatabase())
        {
            var message = await db.Messages.Include(m => m.Entries).SingleAsync(m => m.ReceiptNumber == receipt);
            Assert.Null(MessageWorkflow.Hide(message, "与本子项无关", "民心办 张敏", null, app.Clock.GetUtcNow()));
            await db.SaveWithNewDataVersionAsync([message.ProgramId]);
        }

        var answer = await Citizen.PostFormAsync(app, "/messages/lookup", new Dictionary<string, string> { ["receiptNumber"] = receipt, ["contact"] = phone });

        var result = (await ParseAsync(answer.Body)).QuerySelector(".lookup-result")!.TextContent;
        Assert.Contains("已隐藏", result);
        Assert.Contains("原因：与本子项无关", result);
    }

    [Fact]
    public async Task A_script_in_a_refused_message_is_shown_escaped_in_the_form_again()
    {
        var fields = Citizen.Fields(Script, "12345");

        var answer = await Citizen.PostFormAsync(app, ItemPage + "/messages", fields);

        Assert.Equal(400, answer.Status);
        Assert.DoesNotContain(Script, answer.Body);
        Assert.Equal(Script, (await ParseAsync(answer.Body)).QuerySelector("#message-message")!.TextContent);
    }
}

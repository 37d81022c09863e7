using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Messages;

namespace Minxin.Web.Tests.Messages;

/// <summary>
/// A reader's message, help request and program message from the public forms and the API: stored with the lead unit
/// and the due day, a receipt to keep, and every mistake refused at its field with nothing stored.
/// </summary>
public sealed partial class MessageFormTests(MessagesWebFactory app) : IClassFixture<MessagesWebFactory>
{
    private const string ItemMessages = "/items/" + MessagesWebFactory.Ports + "/messages";
    private const string ItemHelp = "/items/" + MessagesWebFactory.Ports + "/help-requests";

    [GeneratedRegex(@"^/messages/receipt/(LY|BB)20250801-\d{6}$")]
    private static partial Regex ReceiptAddress();

    private async Task<int> CountAsync(string marker)
    {
        await using var db = app.OpenDatabase();
        return await db.Messages.CountAsync(m => m.Text.Contains(marker));
    }

    [Fact]
    public async Task A_message_from_the_item_form_is_stored_with_the_lead_unit_and_its_due_day_and_the_receipt_says_so()
    {
        var unit = await app.LeadUnitIdAsync();
        var contact = "+86 138-1234 5678";

        var answer = await Citizen.PostFormAsync(app, ItemMessages, Citizen.Fields("我们小区还没有充电接口，\n什么时候安装？", contact, "problem", "王大妈"));

        Assert.Equal(303, answer.Status);
        var location = answer.Headers.Location.ToString();
        Assert.Matches(ReceiptAddress(), location);
        var receiptNumber = location["/messages/receipt/".Length..];
        await using (var db = app.OpenDatabase())
        {
            var stored = await db.Messages.Include(m => m.Entries).SingleAsync(m => m.ReceiptNumber == receiptNumber);
            Assert.Equal((MessageKind.Problem, unit, new DateOnly(2025, 8, 8)), (stored.Kind, stored.UnitId, stored.DueOn));
            Assert.Equal(("13812345678", "138****5678", "王大妈", false), (stored.Contact, stored.MaskedContact, stored.SenderName, stored.ShowName));
            Assert.Equal((MessageState.New, MessageVisibility.Pending), (stored.State, stored.Visibility));
            Assert.NotNull(stored.ItemId);
            var entry = Assert.Single(stored.Entries);
            Assert.Equal((MessageAction.Received, "群众"), (entry.Action, entry.By));
        }

        var receipt = await Citizen.GetAsync(app, location);
        Assert.Equal(200, receipt.Status);
        Assert.Equal("no-store", receipt.Headers.CacheControl.ToString());
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(receipt.Body));
        Assert.Equal(receiptNumber, page.QuerySelector("#receipt-number")!.TextContent);
        Assert.Contains("5个工作日内答复", page.Body!.TextContent);
        Assert.Contains("2025年8月8日（星期五）", page.Body.TextContent);
        Assert.Contains("/messages/lookup", receipt.Body);
        Assert.DoesNotContain("5678", receipt.Body.Replace(receiptNumber, "", StringComparison.Ordinal));
        Assert.DoesNotContain("王大妈", receipt.Body);
    }

    [Fact]
    public async Task A_help_request_goes_to_the_lead_unit_and_a_program_message_to_the_coordinators()
    {
        var unit = await app.LeadUnitIdAsync();

        var help = await Citizen.PostFormAsync(app, ItemHelp, Citizen.Fields("想在车棚装充电桩，需要找谁申请？", Citizen.NewPhone(), kind: null));
        var program = await Citizen.PostFormAsync(app, "/programs/jinnan-2025/messages", Citizen.Fields("希望明年多建几个托育点。", "Zhang.San@163.com", "suggestion"));

        Assert.Equal((303, 303), (help.Status, program.Status));
        Assert.StartsWith("/messages/receipt/BB20250801-", help.Headers.Location.ToString());
        await using var db = app.OpenDatabase();
        var helpRequest = await db.Messages.SingleAsync(m => m.Text == "想在车棚装充电桩，需要找谁申请？");
        Assert.Equal((MessageKind.HelpRequest, unit), (helpRequest.Kind, helpRequest.UnitId));
        var general = await db.Messages.SingleAsync(m => m.Text == "希望明年多建几个托育点。");
        Assert.Equal((MessageKind.Suggestion, null, null, "zhang.san@163.com", "z***@163.com"),
            (general.Kind, general.ItemId, general.UnitId, general.Contact, general.MaskedContact));
    }

    [Fact]
    public async Task The_item_page_carries_both_forms_with_labels_the_consent_text_and_a_hidden_honeypot()
    {
        var answer = await Citizen.GetAsync(app, "/items/" + MessagesWebFactory.Ports);
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(answer.Body));

        var forms = page.QuerySelectorAll("form.message-form");
        Assert.Equal([ItemMessages, ItemHelp], forms.Select(f => f.GetAttribute("action")));
        foreach (var form in forms)
        {
            foreach (var field in form.QuerySelectorAll("input:not([type=hidden]), textarea, select"))
            {
                Assert.NotNull(form.QuerySelector($"label[for='{field.Id}']"));
            }
            Assert.Contains(MessageRetention.ConsentText(Minxin.Web.Messages.MessageWords.Office), form.TextContent);
            var trap = form.QuerySelector("input[name=website]")!;
            Assert.Equal(("-1", "off"), (trap.GetAttribute("tabindex"), trap.GetAttribute("autocomplete")));
            Assert.Equal("true", trap.ParentElement!.GetAttribute("aria-hidden"));
            Assert.Contains("请勿填写", trap.ParentElement.TextContent);
            Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
        }
        Assert.Equal(["suggestion", "problem", "praise"], forms[0].QuerySelectorAll("input[name=kind]").Select(i => i.GetAttribute("value")));
        Assert.Empty(forms[1].QuerySelectorAll("input[name=kind]"));
        Assert.Contains("申请帮办：如充电桩安装、补贴申请、培训名额", forms[1].TextContent);
        Assert.Contains("5个工作日内答复", page.QuerySelector("#messages")!.TextContent);

        var card = await BrowsingContext.New().OpenAsync(r => r.Content(Citizen.GetAsync(app, "/programs/jinnan-2025").Result.Body));
        Assert.Equal("/programs/jinnan-2025/messages", card.QuerySelector("form.message-form")!.GetAttribute("action"));
    }

    [Fact]
    public async Task A_100_KB_message_is_refused_at_its_field_and_nothing_is_stored()
    {
        var marker = "一百KB" + Guid.NewGuid().ToString("N");
        var text = marker + new string('长', 100 * 1024);

        var answer = await Citizen.PostFormAsync(app, ItemMessages, Citizen.Fields(text, Citizen.NewPhone()));

        Assert.Equal(400, answer.Status);
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(answer.Body));
        var field = page.QuerySelector("#message-message")!;
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        Assert.Contains("message-message-error", field.GetAttribute("aria-describedby"));
        Assert.Contains("留言内容不能超过1000字", page.QuerySelector("#message-message-error")!.TextContent);
        Assert.Equal("#message-message", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal(0, await CountAsync(marker));

        var api = await Citizen.PostFormAsync(app, "/api/v1/items/" + MessagesWebFactory.Ports + "/messages", Citizen.Fields(text, Citizen.NewPhone()));
        Assert.Equal(400, api.Status);
        Assert.StartsWith("application/problem+json", api.Headers.ContentType.ToString());
        Assert.Contains("1000", JsonDocument.Parse(api.Body).RootElement.GetProperty("errors").GetProperty("message")[0].GetString());
        Assert.Equal(0, await CountAsync(marker));
    }

    [Theory]
    [InlineData("12345", "电话号码格式不正确")]
    [InlineData("", "请填写联系电话或电子邮箱")]
    [InlineData("zhangsan@163", "电子邮箱格式不正确")]
    public async Task A_contact_in_a_wrong_form_is_refused_naming_the_contact_field(string contact, string expected)
    {
        var marker = "联系方式" + Guid.NewGuid().ToString("N");

        var answer = await Citizen.PostFormAsync(app, ItemMessages, Citizen.Fields(marker, contact, name: "王大妈"));

        Assert.Equal(400, answer.Status);
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(answer.Body));
        Assert.Contains(expected, page.QuerySelector("#message-contact-error")!.TextContent);
        Assert.Contains("联系电话或电子邮箱", page.QuerySelector("label[for=message-contact]")!.TextContent);
        // What was typed is kept, so the reader corrects one field only.
        Assert.Equal(marker, page.QuerySelector("#message-message")!.TextContent);
        Assert.Equal("王大妈", page.QuerySelector("#message-name")!.GetAttribute("value"));
        Assert.Equal("problem", page.QuerySelector("input[name=kind][checked]")!.GetAttribute("value"));
        Assert.Equal(0, await CountAsync(marker));
    }

    [Fact]
    public async Task Without_consent_or_kind_nothing_is_stored_and_each_field_says_why()
    {
        var marker = "同意" + Guid.NewGuid().ToString("N");
        var fields = Citizen.Fields(marker, Citizen.NewPhone(), kind: "complaint");
        fields.Remove("consent");

        var answer = await Citizen.PostFormAsync(app, ItemMessages, fields);

        Assert.Equal(400, answer.Status);
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(answer.Body));
        Assert.Contains("请阅读并勾选个人信息使用说明", page.QuerySelector("#message-consent-error")!.TextContent);
        Assert.Contains("请选择留言类别", page.QuerySelector("#message-kind-error")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll(".error-summary li a").Length);
        Assert.Equal(0, await CountAsync(marker));
    }

    [Fact]
    public async Task Control_characters_in_a_message_are_refused()
    {
        var marker = "控制" + Guid.NewGuid().ToString("N");

        var answer = await Citizen.PostFormAsync(app, ItemMessages, Citizen.Fields(marker + "\u0007\u200B", Citizen.NewPhone()));

        Assert.Equal(400, answer.Status);
        Assert.Contains("控制字符", answer.Body);
        Assert.Equal(0, await CountAsync(marker));
    }

    [Fact]
    public async Task A_filled_honeypot_stores_nothing_says_so_and_keeps_what_was_typed_but_the_trap()
    {
        var marker = "蜜罐" + Guid.NewGuid().ToString("N");
        var fields = Citizen.Fields(marker, Citizen.NewPhone());
        fields["website"] = "http://spam.example";

        var page = await Citizen.PostFormAsync(app, ItemMessages, fields);
        var api = await Citizen.PostFormAsync(app, "/api/v1/items/" + MessagesWebFactory.Ports + "/messages", fields);

        Assert.Equal((400, 400), (page.Status, api.Status));
        Assert.Contains("请直接再次提交", page.Body);
        Assert.DoesNotContain("spam.example", page.Body);
        Assert.Contains(marker, page.Body);
        Assert.True(JsonDocument.Parse(api.Body).RootElement.GetProperty("errors").TryGetProperty("website", out _));
        Assert.Equal(0, await CountAsync(marker));

        // Sent again as the page now stands (the trap empty): taken.
        fields["website"] = "";
        Assert.Equal(303, (await Citizen.PostFormAsync(app, ItemMessages, fields)).Status);
        Assert.Equal(1, await CountAsync(marker));
    }

    [Fact]
    public async Task The_api_takes_json_or_a_form_and_answers_201_with_the_receipt_or_a_problem_by_field()
    {
        await app.LeadUnitIdAsync();
        var json = JsonSerializer.Serialize(new { message = "API留言：充电接口进度如何？", contact = "13987654321", kind = "suggestion", consent = true });

        var created = await Citizen.PostJsonAsync(app, "/api/v1/items/" + MessagesWebFactory.Ports + "/messages", json);
        var refused = await Citizen.PostJsonAsync(app, "/api/v1/programs/jinnan-2025/messages",
            JsonSerializer.Serialize(new { message = "", contact = "12345", kind = "x", consent = false }));
        var missing = await Citizen.PostJsonAsync(app, "/api/v1/items/jinnan-2025-99-1/messages", json);

        Assert.True(created.Status == 201, created.Body);
        var receipt = JsonDocument.Parse(created.Body).RootElement;
        Assert.Equal(["receiptNumber", "dueOn", "lookup"], receipt.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2025-08-08", receipt.GetProperty("dueOn").GetString());
        Assert.Equal("/messages/lookup", receipt.GetProperty("lookup").GetString());
        Assert.Equal("/messages/receipt/" + receipt.GetProperty("receiptNumber").GetString(), created.Headers.Location.ToString());
        Assert.Equal(400, refused.Status);
        var errors = JsonDocument.Parse(refused.Body).RootElement.GetProperty("errors");
        Assert.Equal(["consent", "contact", "kind", "message"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task A_cross_site_post_is_refused_and_stores_nothing()
    {
        var marker = "跨站" + Guid.NewGuid().ToString("N");

        var page = await Citizen.PostFormAsync(app, ItemMessages, Citizen.Fields(marker, Citizen.NewPhone()), null, ("Origin", "https://evil.example"));
        var fetch = await Citizen.PostFormAsync(app, ItemHelp, Citizen.Fields(marker, Citizen.NewPhone(), kind: null), null, ("Sec-Fetch-Site", "cross-site"));
        var api = await Citizen.PostFormAsync(app, "/api/v1/items/" + MessagesWebFactory.Ports + "/messages", Citizen.Fields(marker, Citizen.NewPhone()), null,
            ("Origin", "https://evil.example"));
        var sameSite = await Citizen.PostFormAsync(app, ItemMessages, Citizen.Fields(marker, Citizen.NewPhone()), null, ("Origin", "http://localhost"));

        Assert.Equal((403, 403, 403, 303), (page.Status, fetch.Status, api.Status, sameSite.Status));
        Assert.Contains("不接受从其他网站提交的表单", page.Body);
        Assert.Equal(1, await CountAsync(marker));
    }

    [Fact]
    public async Task One_contact_may_send_the_hourly_limit_from_any_address_and_no_more()
    {
        var marker = "同一号码" + Guid.NewGuid().ToString("N");
        var phone = Citizen.NewPhone();
        var statuses = new List<int>();
        for (var n = 0; n < 11; n++)
        {
            statuses.Add((await Citizen.PostFormAsync(app, n % 2 == 0 ? ItemMessages : "/programs/jinnan-2025/messages", Citizen.Fields($"{marker} 第{n}条", phone))).Status);
        }
        var refused = await Citizen.PostFormAsync(app, ItemMessages, Citizen.Fields(marker, phone.Insert(3, " ")));
        var api = await Citizen.PostFormAsync(app, "/api/v1/items/" + MessagesWebFactory.Ports + "/messages", Citizen.Fields(marker, phone));

        Assert.Equal(Enumerable.Repeat(303, 10).Append(429), statuses);
        Assert.Equal(429, refused.Status);
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(refused.Body));
        Assert.Contains("一小时内最多提交10条", page.QuerySelector("#message-contact-error")!.TextContent);
        Assert.Equal(429, api.Status);
        Assert.True(JsonDocument.Parse(api.Body).RootElement.GetProperty("errors").TryGetProperty("contact", out _));
        Assert.Equal(10, await CountAsync(marker));
    }

    [Fact]
    public async Task Fifty_posts_in_a_minute_from_one_address_get_429_past_the_limit_and_exactly_the_limit_is_stored()
    {
        var marker = "刷屏" + Guid.NewGuid().ToString("N");
        var from = Citizen.NewAddress();
        var statuses = new List<int>();
        var last = "";
        for (var n = 0; n < 50; n++)
        {
            var answer = await Citizen.PostFormAsync(app, n % 2 == 0 ? ItemMessages : "/api/v1/items/" + MessagesWebFactory.Ports + "/messages",
                Citizen.Fields($"{marker} 第{n}条", Citizen.NewPhone()), from);
            statuses.Add(answer.Status);
            last = answer.Body;
        }
        var other = await Citizen.PostFormAsync(app, ItemMessages, Citizen.Fields(marker + " 别人", Citizen.NewPhone()));

        Assert.Equal(5, statuses.Count(s => s is 303 or 201));
        Assert.Equal(Enumerable.Repeat(429, 45), statuses.Skip(5));
        Assert.Contains("访问过于频繁", last);
        Assert.Equal(303, other.Status);
        Assert.Equal(6, await CountAsync(marker));
    }
}

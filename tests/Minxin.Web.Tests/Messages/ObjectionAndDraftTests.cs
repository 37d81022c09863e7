using System.Net;
using System.Text.Json;
using AngleSharp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Data;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;
using Minxin.Web.Tests.Workspace;
using Minxin.Web.Workspace;

namespace Minxin.Web.Tests.Messages;

/// <summary>
/// 公示期: a coordinator publishes an edition with a window of days on the workspace form; while it is open the
/// edition page takes objections to one of its items, counted on the page and in the edition API; after it, none.
/// </summary>
public sealed class ObjectionWindowTests(MessagesWebFactory app) : IClassFixture<MessagesWebFactory>
{
    private const string Edition = "/programs/jinnan-2025/editions/2025-h1";

    private static async Task<AngleSharp.Dom.IDocument> ParseAsync(string html) => await BrowsingContext.New().OpenAsync(r => r.Content(html));

    [Fact]
    public async Task Objections_are_taken_while_the_window_is_open_counted_and_refused_after_it()
    {
        var unit = await app.LeadUnitIdAsync();
        await Staff.UserAsync(app, "liming", "coordinator");
        using var coordinator = await StaffSession.SignInAsync(app, "liming");
        var form = await coordinator.PageAsync("/workspace/programs/jinnan-2025/editions");
        var field = form.QuerySelector("input[name=objectionDays]")!;
        Assert.Equal("公示期（天）", form.QuerySelector($"label[for='{field.Id}']")!.TextContent);
        var fields = new Dictionary<string, string> { ["title"] = "2025年上半年成绩单", ["slug"] = "2025-h1", ["asOf"] = "2025-06-30", ["publishedOn"] = "2025-07-10" };

        var tooLong = await coordinator.SubmitAsync(form, "main form", changes: new Dictionary<string, string>(fields) { ["objectionDays"] = "31" });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var refusedForm = await StaffSession.ReadAsync(tooLong, "/workspace/programs/jinnan-2025/editions");
        Assert.Contains("0到30", refusedForm.QuerySelector($"#{field.Id}-error")!.TextContent);
        var published = await coordinator.SubmitAsync(form, "main form", changes: new Dictionary<string, string>(fields) { ["objectionDays"] = "7" });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await using (var db = app.OpenDatabase())
        {
            Assert.Equal(new DateOnly(2025, 8, 8), (await db.Editions.SingleAsync(e => e.Slug == "2025-h1")).ObjectionsUntil);
            Assert.Contains("公示期至 2025-08-08", (await db.AuditLog.OrderBy(e => e.Id).LastAsync()).Summary);
        }

        var page = await ParseAsync((await Citizen.GetAsync(app, Edition)).Body);
        Assert.Contains("公示期至8月8日", page.QuerySelector("#objections")!.TextContent);
        var objection = page.QuerySelector("#objections form.message-form")!;
        Assert.Equal(Edition + "/objections", objection.GetAttribute("action"));
        var options = objection.QuerySelectorAll("select[name=item] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(27, options.Count);
        Assert.Contains("07-1", options);

        var noItem = await Citizen.PostFormAsync(app, Edition + "/objections", Citizen.Fields("充电接口数字与我们街道统计不符", Citizen.NewPhone(), kind: null));
        Assert.Equal(400, noItem.Status);
        Assert.Contains("请选择您对哪个子项的数据有异议", (await ParseAsync(noItem.Body)).QuerySelector("#objection-item-error")!.TextContent);
        var fieldsOf = Citizen.Fields("充电接口数字与我们街道统计不符，我们街道只装了200个。", Citizen.NewPhone(), kind: null);
        fieldsOf["item"] = "07-1";
        var taken = await Citizen.PostFormAsync(app, Edition + "/objections", fieldsOf);
        Assert.Equal(303, taken.Status);
        Assert.StartsWith("/messages/receipt/YY20250801-", taken.Headers.Location.ToString());
        await using (var db = app.OpenDatabase())
        {
            var stored = await db.Messages.SingleAsync(m => m.Kind == MessageKind.Objection);
            var edition = await db.Editions.SingleAsync(e => e.Slug == "2025-h1");
            var ports = await db.Items.SingleAsync(i => i.Id == stored.ItemId);
            Assert.Equal((edition.Id, unit, 1), (stored.EditionId, stored.UnitId, ports.Number));
        }

        app.CountActivity();
        await Citizen.EventuallyAsync(async () =>
        {
            var api = JsonDocument.Parse((await Citizen.GetAsync(app, "/api/v1" + Edition)).Body).RootElement;
            return api.GetProperty("objections").GetProperty("received").GetInt32() == 1;
        }, "the objection counted in the edition API");
        Assert.Contains("收到异议1条，已答复0条", (await ParseAsync((await Citizen.GetAsync(app, Edition)).Body)).QuerySelector("#objection-counters")!.TextContent);

        // The day after the window: the form is gone from the (cached) page and a post is refused.
        app.Clock.SetChinaDate(new DateOnly(2025, 8, 9));
        try
        {
            var late = await Citizen.PostFormAsync(app, Edition + "/objections", fieldsOf);
            Assert.Equal(409, late.Status);
            Assert.Contains("公示期已结束", late.Body);
            await Citizen.EventuallyAsync(async () => !(await Citizen.GetAsync(app, Edition)).Body.Contains("form class=\"message-form\"", StringComparison.Ordinal),
                "the objection form gone after the window");
            Assert.Contains("公示期已于2025年8月8日结束", (await Citizen.GetAsync(app, Edition)).Body);
            await using var db = app.OpenDatabase();
            Assert.Equal(1, await db.Messages.CountAsync(m => m.Kind == MessageKind.Objection));
        }
        finally
        {
            app.Clock.SetChinaDate(ClockedWebFactory.Start);
        }
    }

}

/// <summary>Without 公示期 days, an edition is published as before: no window, no form, objections refused.</summary>
public sealed class NoObjectionWindowTests(MessagesWebFactory app) : IClassFixture<MessagesWebFactory>
{
    [Fact]
    public async Task An_edition_published_without_a_window_takes_no_objections()
    {
        await Staff.UserAsync(app, "zhangmin", "coordinator");
        using var api = await Staff.TokenClientAsync(app, "zhangmin");
        var published = await Staff.PostJsonAsync(api, "/api/v1/workspace/programs/jinnan-2025/editions",
            new { title = "2025年一季度成绩单", slug = "2025-q1", asOf = "2025-03-31", publishedOn = "2025-04-10" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        var page = await Citizen.GetAsync(app, "/programs/jinnan-2025/editions/2025-q1");
        var fields = Citizen.Fields("异议", Citizen.NewPhone(), kind: null);
        fields["item"] = "07-1";
        var post = await Citizen.PostFormAsync(app, "/programs/jinnan-2025/editions/2025-q1/objections", fields);

        Assert.Equal(200, page.Status);
        Assert.DoesNotContain("公示期", page.Body);
        Assert.Equal(409, post.Status);
        var document = JsonDocument.Parse((await Citizen.GetAsync(app, "/api/v1/programs/jinnan-2025/editions/2025-q1")).Body).RootElement;
        Assert.Equal(0, document.GetProperty("objections").GetProperty("received").GetInt32());
        Assert.Equal(JsonValueKind.Null, document.GetProperty("objections").GetProperty("averageWorkingDays").ValueKind);
    }
}

/// <summary>A program not (or no longer) published takes no messages: its pages, forms and API answer 404 and nothing is stored.</summary>
public sealed class DraftProgramMessageTests(MessagesWebFactory app) : IClassFixture<MessagesWebFactory>
{
    [Fact]
    public async Task A_program_in_draft_answers_404_to_every_form_and_stores_nothing()
    {
        _ = app.Server;
        await using (var db = app.OpenDatabase())
        {
            var program = await db.Programs.SingleAsync(p => p.Code == MessagesWebFactory.Program);
            program.Publication = PublicationState.Draft;
            await db.SaveWithNewDataVersionAsync([program.Id]);
        }
        app.Services.GetRequiredService<PublicChanges>().Evict(MessagesWebFactory.Program);
        var fields = Citizen.Fields("草稿里的留言", Citizen.NewPhone());

        var statuses = new[]
        {
            (await Citizen.GetAsync(app, "/items/" + MessagesWebFactory.Ports)).Status,
            (await Citizen.GetAsync(app, "/items/" + MessagesWebFactory.Ports + "/messages")).Status,
            (await Citizen.PostFormAsync(app, "/items/" + MessagesWebFactory.Ports + "/messages", fields)).Status,
            (await Citizen.PostFormAsync(app, "/items/" + MessagesWebFactory.Ports + "/help-requests", fields)).Status,
            (await Citizen.PostFormAsync(app, "/programs/jinnan-2025/messages", fields)).Status,
            (await Citizen.PostFormAsync(app, "/api/v1/items/" + MessagesWebFactory.Ports + "/messages", fields)).Status,
            (await Citizen.PostFormAsync(app, "/api/v1/programs/jinnan-2025/messages", fields)).Status,
        };

        Assert.Equal(Enumerable.Repeat(404, 7), statuses);
        await using var check = app.OpenDatabase();
        Assert.Equal(0, await check.Messages.CountAsync());
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Messages;
using Minxin.Data;
using Minxin.Testing;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// Citizens' messages in the reminder run, with a real SMTP server and a clock the test moves: a flood of messages
/// gives each unit one digest a day ("新留言N条待答复"), the coordinators one for messages about the program as a
/// whole, then one overdue digest; no mail or notice carries the sender's name, contact or words. And the end of
/// the retention period: name and contact erased, the history and the audit log say so.
/// </summary>
public abstract class MessagesReminderTests(DatabaseProvider provider)
{
    private const string ItemId = "jinnan-2025-07-1";
    private const string Secret = "我家住在幸福里3号楼，门口充电桩坏了";

    private static DateTimeOffset Beijing(int month, int day, int hour, int minute = 0) => new(2025, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private static async Task<(string Coordinator, string Reporter, string UnitName)> PeopleAsync(MinxinWebFactory node)
    {
        var unit = Staff.Unique("区住建委");
        await Staff.UnitAsync(node, Staff.Unique("zjw"), unit);
        var (coordinator, reporter) = (Staff.Unique("liming"), Staff.Unique("wangli"));
        await Staff.UserAsync(node, coordinator, "coordinator");
        await Staff.UserAsync(node, reporter, "reporter", unit: unit);
        await using var db = node.OpenDatabase();
        foreach (var name in new[] { coordinator, reporter })
        {
            await db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, name + "@jinnan.example"));
        }
        using var client = await Staff.TokenClientAsync(node, coordinator);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/v1/workspace/items/{ItemId}", new { leadUnit = unit })).StatusCode);
        return (coordinator, reporter, unit);
    }

    [Fact]
    public async Task A_flood_of_messages_gives_one_digest_per_unit_per_day_without_personal_data()
    {
        using var mail = new MailSink();
        var clock = new TestClock(Beijing(8, 4, 10));
        using var node = new ReminderNode(TestStorage.New(provider), clock,
            ("Minxin:Smtp:Host", "127.0.0.1"), ("Minxin:Smtp:Port", mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Minxin:Smtp:From", "民心办 <minxin@jinnan.example>"), ("Minxin:Smtp:UseTls", "false"));
        _ = node.Server;
        var (coordinator, reporter, unit) = await PeopleAsync(node);
        for (var i = 0; i < 30; i++)
        {
            await MessagesTestData.AddAsync(node, ItemId, $"{Secret}（第{i + 1}次）", clock.GetUtcNow().AddMinutes(i), contact: "139 1234 5678", name: "李大爷");
        }
        // One about the program as a whole: for the coordinators.
        var general = await MessagesTestData.AddAsync(node, ItemId, "民心工程整体建议", clock.GetUtcNow(), MessageKind.Suggestion, contact: "lidaye@163.com", name: "李大爷");
        await using (var db = node.OpenDatabase())
        {
            await db.Messages.Where(m => m.Id == general.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ItemId, (int?)null).SetProperty(m => m.UnitId, (int?)null));
        }

        // The same day: the digest waits for 09:00 tomorrow.
        await node.Sender.RunOnceAsync();
        Assert.Empty(mail.To(reporter + "@jinnan.example", "留言"));

        // Tomorrow 09:30, run three times: one digest to the unit, one to the coordinators.
        clock.Set(Beijing(8, 5, 9, 30));
        for (var i = 0; i < 3; i++)
        {
            await node.Sender.RunOnceAsync();
        }
        var digest = Assert.Single(mail.To(reporter + "@jinnan.example", "留言"));
        Assert.Equal("【民心工程】新留言30条待答复", digest.Subject);
        var toCoordinator = Assert.Single(mail.To(coordinator + "@jinnan.example", "留言"));
        Assert.Equal("【民心工程】新留言1条待答复", toCoordinator.Subject);
        foreach (var text in new[] { digest.TextBody, toCoordinator.TextBody })
        {
            Assert.Contains("请登录工作台查看", text, StringComparison.Ordinal);
            foreach (var personal in new[] { "李大爷", "13912345678", "139****5678", "lidaye", "幸福里", "整体建议" })
            {
                Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
            }
        }
        Assert.Contains(unit, digest.TextBody, StringComparison.Ordinal);
        await using (var db = node.OpenDatabase())
        {
            var notices = await db.Notices.AsNoTracking().Where(n => n.ReminderKey.StartsWith("messages:")).ToListAsync();
            Assert.Equal(2, notices.Count);
            Assert.All(notices, n => Assert.DoesNotContain("李大爷", n.Subject + n.Body, StringComparison.Ordinal));
        }

        // A week later, past the due day (5 working days): one overdue digest, no new-message digest.
        clock.Set(Beijing(8, 12, 9, 5));
        await node.Sender.RunOnceAsync();
        await node.Sender.RunOnceAsync();
        var overdue = mail.To(reporter + "@jinnan.example", "留言").Where(m => m != digest).ToList();
        Assert.Equal("【民心工程】留言30条已超过答复期限", Assert.Single(overdue).Subject);
    }

    [Fact]
    public async Task Personal_data_is_erased_when_the_retention_period_after_the_answer_has_passed()
    {
        var clock = new TestClock(Beijing(8, 4, 10));
        using var node = new ReminderNode(TestStorage.New(provider), clock);
        _ = node.Server;
        var (coordinator, reporter, _) = await PeopleAsync(node);
        var message = await MessagesTestData.AddAsync(node, ItemId, "充电桩何时修好？", clock.GetUtcNow(), contact: "13912345678", name: "李大爷");
        var unanswered = await MessagesTestData.AddAsync(node, ItemId, "另一条", clock.GetUtcNow().AddDays(30), contact: "13700001111", name: "王阿姨");
        using (var unitClient = await Staff.TokenClientAsync(node, reporter))
        using (var coordinatorClient = await Staff.TokenClientAsync(node, coordinator))
        {
            Assert.Equal(HttpStatusCode.OK, (await Staff.PostJsonAsync(unitClient, $"/api/v1/workspace/messages/{message.Id}/reply", new { text = "已修好。" })).StatusCode);
            clock.Set(Beijing(8, 6, 10));
            Assert.Equal(HttpStatusCode.OK, (await coordinatorClient.PostAsync($"/api/v1/workspace/messages/{message.Id}/publish", null)).StatusCode);
        }

        // A day before the end of the period: kept.
        clock.Set(Beijing(8, 6, 10).AddDays(MessageRetention.DaysAfterAnswer - 1));
        await node.Sender.RunOnceAsync();
        await using (var db = node.OpenDatabase())
        {
            Assert.Equal("13912345678", (await db.Messages.AsNoTracking().SingleAsync(m => m.Id == message.Id)).Contact);
        }

        // The period over: name and contact gone, the mask kept; the history and the audit log say so. The other
        // message (received 30 days later, never answered) keeps its contact until its own period ends.
        clock.Set(Beijing(8, 6, 10).AddDays(MessageRetention.DaysAfterAnswer).AddMinutes(1));
        await node.Sender.RunOnceAsync();
        await using (var db = node.OpenDatabase())
        {
            var erased = await db.Messages.AsNoTracking().Include(m => m.Entries).SingleAsync(m => m.Id == message.Id);
            Assert.Equal(((string?)null, (string?)null, "139****5678"), (erased.Contact, erased.SenderName, erased.MaskedContact));
            Assert.NotNull(erased.ErasedAt);
            var last = erased.Entries.OrderBy(e => e.Id).Last();
            Assert.Equal((MessageAction.Erased, "系统"), (last.Action, last.By));
            var audit = await db.AuditLog.AsNoTracking().SingleAsync(a => a.Subject == "message:" + message.ReceiptNumber && a.Action == "message.personal-data-erased");
            Assert.Contains("删除留言人的姓名和联系方式", audit.Summary, StringComparison.Ordinal);
            Assert.DoesNotContain("13912345678", audit.Summary, StringComparison.Ordinal);
            Assert.Equal("13700001111", (await db.Messages.AsNoTracking().SingleAsync(m => m.Id == unanswered.Id)).Contact);
        }
        using var session = await StaffSession.SignInAsync(node, coordinator);
        var page = await session.PageAsync($"/workspace/messages/{message.Id}");
        Assert.Contains("已于", page.QuerySelector("section[aria-labelledby=sender-title]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("删除个人信息：系统", page.QuerySelector(".ws-steps")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class SqliteMessagesReminderTests() : MessagesReminderTests(DatabaseProvider.Sqlite);

public sealed class PostgresMessagesReminderTests() : MessagesReminderTests(DatabaseProvider.Postgres);

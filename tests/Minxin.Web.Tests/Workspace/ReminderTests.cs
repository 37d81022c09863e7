using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Minxin.Data;
using Minxin.Testing;
using Minxin.Web.Workspace.Reminders;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Minxin.Web.Tests.Workspace;

/// <summary>A real SMTP server on a free loopback port, keeping every message it accepts.</summary>
public sealed class MailSink : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public MailSink()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages));
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>The messages to <paramref name="address"/> whose subject holds <paramref name="subject"/>.</summary>
    public List<MimeMessage> To(string address, string subject) => Messages
        .Where(m => m.To.Mailboxes.Any(b => b.Address == address) && m.Subject?.Contains(subject, StringComparison.Ordinal) == true).ToList();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>A node of the web app on a shared database, reading the test's clock.</summary>
public sealed class ReminderNode(StorageOptions storage, TimeProvider clock, params (string Key, string Value)[] settings)
    : MinxinWebFactory(storage, settings)
{
    public ReminderSender Sender => Services.GetRequiredService<ReminderSender>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // An hour: the timer's run at start is all the background does; the tests run the sender themselves.
        builder.UseSetting("Minxin:Reminders:Interval", "01:00:00");
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }
}

/// <summary>
/// Reminders end to end: a real SMTP server, two nodes on one database running the sender again and again at once,
/// a clock moved through a round that is due after the National Day holiday. Each reminder reaches each person once.
/// </summary>
public abstract class ReminderTests(DatabaseProvider provider)
{
    private const string Round = "2025年9月月报";
    private const string BaseUrl = "https://minxin.example.gov.cn";
    private static readonly string[] NewestFirst = ["已逾期", "将于10月9日截止", "开始报送"];

    private static DateTimeOffset Beijing(int month, int day, int hour, int minute = 0, int second = 0) =>
        new(2025, month, day, hour, minute, second, TimeSpan.FromHours(8));

    [Fact]
    public async Task Each_reminder_reaches_each_reporter_once_however_many_nodes_send()
    {
        using var mail = new MailSink();
        var clock = new TestClock(Beijing(9, 26, 10));
        var storage = TestStorage.New(provider);
        (string, string)[] settings =
        [
            ("Minxin:Smtp:Host", "127.0.0.1"), ("Minxin:Smtp:Port", mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Minxin:Smtp:From", "民心办 <minxin@jinnan.example>"), ("Minxin:Smtp:UseTls", "false"), ("Minxin:PublicBaseUrl", BaseUrl),
        ];
        using var first = new ReminderNode(storage, clock, settings);
        _ = first.Server;
        using var second = new ReminderNode(storage, clock, settings);
        _ = second.Server;
        var people = await PeopleAsync(first);
        using var coordinator = await Staff.TokenClientAsync(first, people.Coordinator);
        using var reporterB = await Staff.TokenClientAsync(second, people.B);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PatchAsJsonAsync("/api/v1/workspace/items/jinnan-2025-07-1", new { leadUnit = people.UnitB })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PatchAsJsonAsync("/api/v1/workspace/items/jinnan-2025-07-2", new { leadUnit = people.UnitA })).StatusCode);
        var opened = await Staff.PostJsonAsync(coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds", new { title = Round, asOf = "2025-09-25", dueDate = "2025-10-09" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var roundId = (int)(await Staff.JsonAsync(opened))["id"]!;
        ReminderNode[] nodes = [first, second];

        // Opened: one mail to each reporter with an address, of both units; the link absolute.
        await RunEverywhereAsync(nodes);
        foreach (var address in people.MailedA.Select(Address).Append(people.MailB))
        {
            var message = Assert.Single(mail.To(address, Round + "开始报送"));
            Assert.Contains(BaseUrl + "/workspace/tasks", message.TextBody, StringComparison.Ordinal);
        }
        Assert.Equal(3, mail.Messages.Count);

        // Due 10-09, a Thursday after the holiday (10-01 to 10-08): two working days before is Monday 09-29, from 09:00.
        clock.Set(Beijing(9, 29, 8, 59));
        await RunEverywhereAsync(nodes);
        Assert.Equal(3, mail.Messages.Count);
        clock.Set(Beijing(9, 29, 9));
        await RunEverywhereAsync(nodes);
        await RunEverywhereAsync(nodes);
        foreach (var address in people.MailedA.Select(Address).Append(people.MailB))
        {
            Assert.Single(mail.To(address, "将于10月9日截止"));
        }
        Assert.Equal(6, mail.Messages.Count);

        // Unit B reports and submits in time; unit A does not. After the due date only A is overdue.
        clock.Set(Beijing(10, 9, 15));
        var created = await Staff.PostJsonAsync(reporterB, "/api/v1/workspace/items/jinnan-2025-07-1/reports",
            new { roundId, status = "inProgress", values = new[] { new { indicator = "充电接口", value = 5600 } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reportId = (int)(await Staff.JsonAsync(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await reporterB.PostAsync($"/api/v1/workspace/reports/{reportId}/submit", null)).StatusCode);
        clock.Set(Beijing(10, 10, 0, 0, 1));
        await RunEverywhereAsync(nodes);
        foreach (var address in people.MailedA.Select(Address))
        {
            Assert.Contains("1个子项未报", Assert.Single(mail.To(address, "已逾期")).Subject, StringComparison.Ordinal);
        }
        Assert.Empty(mail.To(people.MailB, "已逾期"));
        Assert.Equal(8, mail.Messages.Count);

        // Returned: one mail to the person who submitted it, with the reason.
        clock.Set(Beijing(10, 10, 10));
        Assert.Equal(HttpStatusCode.OK, (await Staff.PostJsonAsync(coordinator, $"/api/v1/workspace/reports/{reportId}/return", new { reason = "5600与台账不符" })).StatusCode);
        clock.Set(Beijing(10, 10, 10, 1));
        await RunEverywhereAsync(nodes);
        Assert.Contains("退回原因：5600与台账不符", Assert.Single(mail.To(people.MailB, "报告被退回")).TextBody, StringComparison.Ordinal);
        // Returned after the due date, its item is no longer submitted: now unit B is overdue too.
        Assert.Single(mail.To(people.MailB, "已逾期"));
        Assert.Equal(10, mail.Messages.Count);
        Assert.DoesNotContain(mail.Messages, m => m.To.Mailboxes.Any(b => b.Address == people.MailDisabled));

        // The reporter without an address has the same reminders as notices, newest first; the disabled one none.
        using var noMail = await Staff.TokenClientAsync(first, people.NoMailA);
        var notices = (await Staff.JsonAsync(await noMail.GetAsync("/api/v1/workspace/notices"))).AsArray();
        Assert.Equal(NewestFirst, notices.Select(n => NewestFirst.Single(s => ((string)n!["subject"]!).Contains(s, StringComparison.Ordinal))));
        Assert.All(notices, n => Assert.False((bool)n!["read"]!));
        await using var db = first.OpenDatabase();
        var disabledId = await db.Users.Where(u => u.UserName == people.Disabled).Select(u => u.Id).SingleAsync();
        Assert.False(await db.Notices.AnyAsync(n => n.UserId == disabledId));
        var opening = await db.SentReminders.SingleAsync(s => s.Key == $"round:{roundId}:opened");
        Assert.Equal((4, 3), (opening.Notices, opening.Mails));
        Assert.Equal(await db.Notices.CountAsync(), await db.Notices.Select(n => new { n.UserId, n.ReminderKey }).Distinct().CountAsync());

        // On the page: unread marked in words and counted in the navigation, until all are marked read.
        using var session = await StaffSession.SignInAsync(first, people.MailedA[0]);
        var page = await session.PageAsync("/workspace/notices");
        Assert.Equal(3, page.QuerySelectorAll("#notices .ws-state").Count(s => s.TextContent == "未读"));
        Assert.Contains("提醒（3条未读）", page.QuerySelector("nav")!.TextContent, StringComparison.Ordinal);
        var read = await session.FollowAsync(await session.SubmitAsync(page, "main form"));
        Assert.All(read.QuerySelectorAll("#notices .ws-state"), s => Assert.Equal("已读", s.TextContent));
        Assert.DoesNotContain("未读", read.QuerySelector("nav")!.TextContent, StringComparison.Ordinal);
        // Marking one's own notices read leaves everyone else's unread.
        Assert.All((await Staff.JsonAsync(await noMail.GetAsync("/api/v1/workspace/notices"))).AsArray(), n => Assert.False((bool)n!["read"]!));
    }

    [Fact]
    public async Task The_lease_goes_to_one_node_and_to_another_only_when_it_expires()
    {
        var clock = new TestClock(Beijing(9, 1, 9));
        var storage = TestStorage.New(provider);
        using var first = new ReminderNode(storage, clock);
        _ = first.Server;
        using var second = new ReminderNode(storage, clock);
        _ = second.Server;
        var t0 = Beijing(12, 1, 9);
        var lease = TimeSpan.FromHours(2);

        async Task<bool> TakeAsync(ReminderNode node, DateTimeOffset at)
        {
            await using var db = node.OpenDatabase();
            return await node.Sender.TakeLeaseAsync(db, at, CancellationToken.None);
        }

        Assert.True(await TakeAsync(first, t0));
        Assert.False(await TakeAsync(second, t0.AddMinutes(1)));
        Assert.True(await TakeAsync(first, t0.AddMinutes(1)));
        Assert.False(await TakeAsync(second, t0.AddMinutes(1) + lease));
        Assert.True(await TakeAsync(second, t0.AddMinutes(1) + lease + TimeSpan.FromSeconds(1)));
        Assert.False(await TakeAsync(first, t0.AddMinutes(2) + lease));

        // Both nodes at once, many times, for an expired lease: one node wins every attempt, the other none.
        var later = t0.AddDays(1);
        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () => (Node: i % 2, Won: await TakeAsync(i % 2 == 0 ? first : second, later)))));
        var winners = attempts.Where(a => a.Won).Select(a => a.Node).Distinct().ToList();
        Assert.Single(winners);
        Assert.All(attempts.Where(a => a.Node == winners[0]), a => Assert.True(a.Won));
    }

    [Fact]
    public async Task Without_a_mail_server_reminders_are_notices_only()
    {
        var clock = new TestClock(Beijing(9, 26, 10));
        using var node = new ReminderNode(TestStorage.New(provider), clock);
        var people = await PeopleAsync(node);
        using var coordinator = await Staff.TokenClientAsync(node, people.Coordinator);
        await coordinator.PatchAsJsonAsync("/api/v1/workspace/items/jinnan-2025-07-2", new { leadUnit = people.UnitA });
        var opened = await Staff.PostJsonAsync(coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds", new { title = Round, asOf = "2025-09-25", dueDate = "2025-10-09" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);

        var run = await node.Sender.RunOnceAsync();
        Assert.True(run.HeldLease);
        Assert.True(run.Sent >= 1);
        Assert.Equal(0, (await node.Sender.RunOnceAsync()).Sent);
        using var reporter = await Staff.TokenClientAsync(node, people.MailedA[0]);
        var notice = Assert.Single((await Staff.JsonAsync(await reporter.GetAsync("/api/v1/workspace/notices"))).AsArray());
        Assert.Contains(Round + "开始报送", (string)notice!["subject"]!, StringComparison.Ordinal);
        Assert.Equal("/workspace/tasks", (string?)notice["link"]);
        await using var db = node.OpenDatabase();
        Assert.All(await db.SentReminders.ToListAsync(), s => Assert.Equal(0, s.Mails));
    }

    private sealed record People(string Coordinator, string UnitA, string UnitB, string[] MailedA, string NoMailA, string B, string MailB,
        string Disabled, string MailDisabled);

    /// <summary>Unit A: two reporters with addresses, one without, one disabled; unit B: one reporter; a coordinator.</summary>
    private static async Task<People> PeopleAsync(MinxinWebFactory factory)
    {
        var (unitA, unitB) = (Staff.Unique("区住建委"), Staff.Unique("区城管委"));
        await Staff.UnitAsync(factory, Staff.Unique("zjw"), unitA);
        await Staff.UnitAsync(factory, Staff.Unique("cgw"), unitB);
        var coordinator = Staff.Unique("liming");
        await Staff.UserAsync(factory, coordinator, "coordinator");
        string[] mailedA = [Staff.Unique("wangli"), Staff.Unique("zhangmin")];
        var (noMail, b, disabled) = (Staff.Unique("sunhao"), Staff.Unique("zhaoqiang"), Staff.Unique("qianwei"));
        foreach (var name in mailedA.Append(noMail).Append(disabled))
        {
            await Staff.UserAsync(factory, name, "reporter", unit: unitA);
        }
        await Staff.UserAsync(factory, b, "reporter", unit: unitB);
        await Staff.CliAsync(factory, null, "users", "disable", disabled);
        await using var db = factory.OpenDatabase();
        foreach (var name in mailedA.Append(b).Append(disabled))
        {
            var address = Address(name);
            await db.Users.Where(u => u.UserName == name).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, address));
        }
        return new People(coordinator, unitA, unitB, mailedA, noMail, b, Address(b), disabled, Address(disabled));
    }

    private static string Address(string name) => name + "@units.jinnan.example";

    /// <summary>Every node runs the sender three times, all at once.</summary>
    private static async Task RunEverywhereAsync(ReminderNode[] nodes)
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => nodes).Select(n => Task.Run(() => n.Sender.RunOnceAsync())));
        Assert.Contains(runs, r => r.HeldLease);
    }
}

public sealed class SqliteReminderTests() : ReminderTests(DatabaseProvider.Sqlite);

public sealed class PostgresReminderTests() : ReminderTests(DatabaseProvider.Postgres);

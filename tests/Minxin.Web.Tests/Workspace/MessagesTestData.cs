using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Calendar;
using Minxin.Domain.Messages;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// Citizens' messages put into the app's database the way the public form stores them: the text, the contact
/// normalised and masked, routed to the item's lead unit at that moment, due after the program's service level in
/// working days, with its "received" entry.
/// </summary>
public static class MessagesTestData
{
    public static async Task<CitizenMessage> AddAsync(MinxinWebFactory factory, string itemId, string text, DateTimeOffset receivedAt,
        MessageKind kind = MessageKind.Problem, string contact = "138 1234 1234", string? name = "张桂兰")
    {
        await using var db = factory.OpenDatabase();
        Assert.True(ReportCards.PublicIds.TryParseItem(itemId, out var programCode, out var code), itemId);
        var items = await db.Items.Include(i => i.Category).ThenInclude(c => c.Program).Include(i => i.Units).ThenInclude(u => u.Unit)
            .Where(i => i.Category.Program.Code == programCode).ToListAsync();
        var item = items.Single(i => i.Code == code);
        var program = item.Category.Program;
        var normalized = ContactDetails.Normalize(contact, out var problem) ?? throw new ArgumentException(problem, nameof(contact));
        var message = new CitizenMessage
        {
            ReceiptNumber = MessageSubmission.NewReceiptNumber(kind, ChinaTime.Date(receivedAt)),
            ProgramId = program.Id,
            ItemId = item.Id,
            UnitId = item.LeadUnit?.Id,
            Kind = kind,
            Text = text,
            SenderName = name,
            Contact = normalized,
            MaskedContact = ContactDetails.Mask(normalized),
            ReceivedAt = receivedAt,
            DueOn = ServiceLevel.DueOn(receivedAt, program.MessageServiceDays, WorkingCalendar.Bundled),
            State = MessageState.New,
            Visibility = MessageVisibility.Pending,
            Entries = [new MessageEntry { Action = MessageAction.Received, Text = "", At = receivedAt, By = "群众" }],
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }
}

/// <summary>
/// A region with two units: 07-1 led by unit A (its reporter), 07-2 by unit B (another reporter); the region's
/// coordinator and leader, and a coordinator of another region; each with a token client, the reporter and the
/// coordinator also signed in with a browser session. The app's clock starts at 2025-08-01 09:00 Beijing time.
/// </summary>
public abstract class MessagesTestBase(ClockedWebFactory factory) : IAsyncLifetime
{
    protected const string ItemA = "jinnan-2025-07-1";
    protected const string ItemB = "jinnan-2025-07-2";
    protected const string Api = "/api/v1/workspace/messages";

    protected ClockedWebFactory Factory => factory;
    protected HttpClient Coordinator { get; private set; } = null!;
    protected HttpClient Reporter { get; private set; } = null!;
    protected HttpClient OtherUnit { get; private set; } = null!;
    protected HttpClient Leader { get; private set; } = null!;
    protected HttpClient OtherRegion { get; private set; } = null!;
    protected StaffSession ReporterSession { get; private set; } = null!;
    protected StaffSession CoordinatorSession { get; private set; } = null!;
    protected string UnitA { get; private set; } = "";
    protected string UnitAName { get; private set; } = "";
    protected string UnitBName { get; private set; } = "";
    protected string ReporterName { get; private set; } = "";
    protected string CoordinatorName { get; private set; } = "";

    public async Task InitializeAsync()
    {
        factory.Clock.SetChinaDate(ClockedWebFactory.Start);
        (UnitA, UnitAName, UnitBName) = (Staff.Unique("zjw"), Staff.Unique("区住建委"), Staff.Unique("区城管委"));
        await Staff.UnitAsync(factory, UnitA, UnitAName);
        await Staff.UnitAsync(factory, Staff.Unique("cgw"), UnitBName);
        (ReporterName, CoordinatorName) = (Staff.Unique("wangli"), Staff.Unique("zhangmin"));
        var (other, leader, city) = (Staff.Unique("zhaoqiang"), Staff.Unique("lingdao"), Staff.Unique("shiji"));
        await Staff.UserAsync(factory, ReporterName, "reporter", UnitAName);
        await Staff.UserAsync(factory, other, "reporter", UnitBName);
        await Staff.UserAsync(factory, CoordinatorName, "coordinator");
        await Staff.UserAsync(factory, leader, "leader");
        await Staff.CliAsync(factory, null, "units", "add", Staff.Unique("市级单位"), "--region", "120000");
        await Staff.UserAsync(factory, city, "coordinator", region: "120000");
        Coordinator = await Staff.TokenClientAsync(factory, CoordinatorName);
        Reporter = await Staff.TokenClientAsync(factory, ReporterName);
        OtherUnit = await Staff.TokenClientAsync(factory, other);
        Leader = await Staff.TokenClientAsync(factory, leader);
        OtherRegion = await Staff.TokenClientAsync(factory, city);
        ReporterSession = await StaffSession.SignInAsync(factory, ReporterName);
        CoordinatorSession = await StaffSession.SignInAsync(factory, CoordinatorName);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await System.Net.Http.Json.HttpClientJsonExtensions.PatchAsJsonAsync(Coordinator, $"/api/v1/workspace/items/{ItemA}", new { leadUnit = UnitAName })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await System.Net.Http.Json.HttpClientJsonExtensions.PatchAsJsonAsync(Coordinator, $"/api/v1/workspace/items/{ItemB}", new { leadUnit = UnitBName })).StatusCode);
    }

    /// <summary>A message received now (the app's clock) about <paramref name="itemId"/>.</summary>
    protected Task<CitizenMessage> MessageAsync(string itemId, string text, MessageKind kind = MessageKind.Problem, string contact = "138 1234 1234", string? name = "张桂兰") =>
        MessagesTestData.AddAsync(factory, itemId, text, factory.Clock.GetUtcNow(), kind, contact, name);

    public Task DisposeAsync()
    {
        foreach (var client in new[] { Coordinator, Reporter, OtherUnit, Leader, OtherRegion })
        {
            client.Dispose();
        }
        ReporterSession.Dispose();
        CoordinatorSession.Dispose();
        return Task.CompletedTask;
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Minxin.Data;
using Minxin.Domain;
using Minxin.Domain.Messages;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.ReportCards;
using Minxin.Web.Workspace.Api;

namespace Minxin.Web.Workspace.Messages;

// What the staff API says of a citizen's message. Field names are a contract (issue 11: id, receiptNumber, kind,
// programCode, itemId, unit, text, name, contact, receivedAt, dueOn, overdue, state, visibility, reply…).

public sealed record MessageEntryDocument(string Action, string ActionText, string Text, DateTimeOffset At, string By);

public sealed record MessageSummaryDocument(
    int Id, string ReceiptNumber, string Kind, string KindText, string ProgramCode, string? ItemId, string? ItemTitle, string? Unit, string? UnitName,
    string Text, string? Name, string? Contact, string MaskedContact, bool ShowName, bool PersonalDataErased,
    DateTimeOffset ReceivedAt, string DueOn, bool Overdue, string State, string StateText, string Visibility, string VisibilityText, string? HiddenReason,
    string? Reply, string? ReplyBy, DateTimeOffset? ReplyDraftedAt, DateTimeOffset? AnsweredAt, string? AnsweredBy, DateTimeOffset? ClosedAt,
    string Url, string ETag);

public sealed record MessageDocument(MessageSummaryDocument Message, IReadOnlyList<MessageEntryDocument> Entries);

public static class MessageDocuments
{
    public static string Url(CitizenMessage message) => $"{WorkspaceApi.Prefix}/messages/{message.Id}";

    /// <summary>The message as the API lists it; the name and contact only for who answers it (null for a leader, and once erased).</summary>
    public static MessageSummaryDocument Summary(CitizenMessage m, StaffActor actor, DateOnly today)
    {
        var personal = actor.SeesPersonalData(m);
        return new(
            m.Id, m.ReceiptNumber, EnumCodes.ToCode(m.Kind), m.Kind.ToChinese(), m.Program.Code, m.Item is { } item ? PublicIds.Item(m.Program, item) : null, m.Item?.Title,
            m.Unit?.Code, m.Unit?.Name, m.Text, personal ? m.SenderName : null, personal ? m.Contact : null, m.MaskedContact, m.ShowName, m.ErasedAt is not null,
            m.ReceivedAt, IsoDate.Format(m.DueOn), m.IsOverdue(today), EnumCodes.ToCode(m.State), m.State.ToChinese(),
            EnumCodes.ToCode(m.Visibility), m.Visibility.ToChinese(), m.HiddenReason,
            m.Reply, m.ReplyBy, m.ReplyDraftedAt, m.AnsweredAt, m.AnsweredBy, m.ClosedAt, Url(m), MessageService.ETag(m));
    }

    public static MessageDocument Full(CitizenMessage m, StaffActor actor, DateOnly today) =>
        new(Summary(m, actor, today), m.Entries.Select(e => new MessageEntryDocument(EnumCodes.ToCode(e.Action), e.Action.ToChinese(), e.Text, e.At, e.By)).ToList());
}

/// <summary>
/// Citizens' messages in the staff API, under /api/v1/workspace/messages: the same MessageService as the inbox
/// pages and the same filter as every staff endpoint (ProblemDetails, antiforgery for cookie writes, no-store);
/// each endpoint behind its action's policy and the message's resource check (its region; a reporter only the
/// messages routed to its unit). Writes take an optional If-Match (the ETag "r{revision}"): a stale one is a 412.
/// </summary>
public static class MessageApi
{
    public sealed record ReplyRequest(string? Text);

    public sealed record HideRequest(string? Reason);

    public static WebApplication MapMessageApi(this WebApplication app)
    {
        var api = app.MapGroup(WorkspaceApi.Prefix)
            .WithTags("工作台")
            .RequireAuthorization(StaffPolicies.SignedIn)
            .AddEndpointFilter<WorkspaceApiFilter>()
            .AddEndpointFilter<MessageApiFilter>();
        var view = StaffPolicies.For(StaffAction.ViewMessages);
        var reply = StaffPolicies.For(StaffAction.ReplyMessages);
        var moderate = StaffPolicies.For(StaffAction.ModerateMessages);
        api.MapGet("/messages", List).RequireAuthorization(view)
            .WithSummary("群众留言、帮办、异议：本地区的（填报员：转本单位的）；kind、state、overdue、program、item、unit、page 筛选，每页50条");
        api.MapGet("/messages/{id:int}", Get).RequireAuthorization(view).WithSummary("一条留言及其办理记录");
        api.MapPost("/messages/{id:int}/take", Take).RequireAuthorization(reply).WithSummary("受理");
        api.MapPost("/messages/{id:int}/reply", Reply).RequireAuthorization(reply).WithSummary("拟写答复：text（帮办由责任单位直接答复本人）");
        api.MapPost("/messages/{id:int}/publish", Publish).RequireAuthorization(moderate).WithSummary("审核通过并公开问答（民心办）");
        api.MapPost("/messages/{id:int}/answer-privately", AnswerPrivately).RequireAuthorization(moderate).WithSummary("审核通过，仅答复本人（民心办）");
        api.MapPost("/messages/{id:int}/hide", Hide).RequireAuthorization(moderate).WithSummary("隐藏：reason（民心办）");
        api.MapPost("/messages/{id:int}/close", Close).RequireAuthorization(reply).WithSummary("办结");
        return app;
    }

    private static async Task<Ok<List<MessageSummaryDocument>>> List(string? kind, string? state, string? overdue, string? program, string? item, string? unit,
        string? page, HttpContext context, CurrentStaff current, MessageService messages, CancellationToken cancellationToken)
    {
        var filter = MessageFilter.Parse(kind, state, overdue, program, item, unit, page, out var errors);
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var actor = await current.RequiredActorAsync(cancellationToken);
        var found = await messages.ListAsync(actor, filter, cancellationToken);
        context.Response.Headers["X-Total-Count"] = found.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var today = messages.Today;
        return TypedResults.Ok(found.Messages.Select(m => MessageDocuments.Summary(m, actor, today)).ToList());
    }

    private static async Task<Ok<MessageDocument>> Get(int id, HttpContext context, StaffAccess access, CurrentStaff current, MessageService messages,
        CancellationToken cancellationToken)
    {
        var message = await FindAsync(id, access, messages, StaffAction.ViewMessages, cancellationToken);
        return Found(context, message, await current.RequiredActorAsync(cancellationToken), messages);
    }

    private static Task<Ok<MessageDocument>> Take(int id, HttpContext context, StaffAccess access, CurrentStaff current, MessageService messages,
        CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ReplyMessages, context, access, current, messages, (actor, m) => messages.TakeAsync(actor, m, WorkspaceApi.IfMatch(context), cancellationToken),
            cancellationToken);

    private static Task<Ok<MessageDocument>> Reply(int id, [FromBody] ReplyRequest? request, HttpContext context, StaffAccess access, CurrentStaff current,
        MessageService messages, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ReplyMessages, context, access, current, messages,
            (actor, m) => messages.DraftAsync(actor, m, WorkspaceApi.IfMatch(context), request?.Text, cancellationToken), cancellationToken);

    private static Task<Ok<MessageDocument>> Publish(int id, HttpContext context, StaffAccess access, CurrentStaff current, MessageService messages,
        CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ModerateMessages, context, access, current, messages,
            (actor, m) => messages.ApproveAsync(actor, m, WorkspaceApi.IfMatch(context), publish: true, cancellationToken), cancellationToken);

    private static Task<Ok<MessageDocument>> AnswerPrivately(int id, HttpContext context, StaffAccess access, CurrentStaff current, MessageService messages,
        CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ModerateMessages, context, access, current, messages,
            (actor, m) => messages.ApproveAsync(actor, m, WorkspaceApi.IfMatch(context), publish: false, cancellationToken), cancellationToken);

    private static Task<Ok<MessageDocument>> Hide(int id, [FromBody] HideRequest? request, HttpContext context, StaffAccess access, CurrentStaff current,
        MessageService messages, CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ModerateMessages, context, access, current, messages,
            (actor, m) => messages.HideAsync(actor, m, WorkspaceApi.IfMatch(context), request?.Reason, cancellationToken), cancellationToken);

    private static Task<Ok<MessageDocument>> Close(int id, HttpContext context, StaffAccess access, CurrentStaff current, MessageService messages,
        CancellationToken cancellationToken) =>
        StepAsync(id, StaffAction.ReplyMessages, context, access, current, messages,
            (actor, m) => messages.CloseAsync(actor, m, WorkspaceApi.IfMatch(context), cancellationToken), cancellationToken);

    private static async Task<Ok<MessageDocument>> StepAsync(int id, StaffAction action, HttpContext context, StaffAccess access, CurrentStaff current,
        MessageService messages, Func<StaffActor, CitizenMessage, Task> step, CancellationToken cancellationToken)
    {
        var message = await FindAsync(id, access, messages, action, cancellationToken);
        var actor = await current.RequiredActorAsync(cancellationToken);
        await step(actor, message);
        return Found(context, message, actor, messages);
    }

    private static Ok<MessageDocument> Found(HttpContext context, CitizenMessage message, StaffActor actor, MessageService messages)
    {
        context.Response.Headers.ETag = MessageService.ETag(message);
        return TypedResults.Ok(MessageDocuments.Full(message, actor, messages.Today));
    }

    private static async Task<CitizenMessage> FindAsync(int id, StaffAccess access, MessageService messages, StaffAction action, CancellationToken cancellationToken)
    {
        var message = await messages.FindAsync(id, cancellationToken) ?? throw new MissingException($"没有编号为 {id} 的留言。");
        if (!await access.MayAsync(action, message))
        {
            throw new ForbiddenException();
        }
        return message;
    }
}

/// <summary>A step the message's state refuses is a 409 with the workflow's reason, as the other staff endpoints answer.</summary>
public sealed class MessageApiFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (MessageRuleException e)
        {
            return TypedResults.Problem(title: "当前状态不允许这项操作", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}

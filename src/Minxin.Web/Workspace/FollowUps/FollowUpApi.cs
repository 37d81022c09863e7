using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Minxin.Data;
using Minxin.Documents.FollowUps;
using Minxin.Domain;
using Minxin.Domain.FollowUps;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Api;
using Minxin.Web.Workspace.Reporting;

namespace Minxin.Web.Workspace.FollowUps;

// What the staff API says of a 督办. Field names are a contract, as in WorkspaceDocuments.

public sealed record FollowUpFileDocument(int Id, string FileName, string ContentType, long Length, string Url);

public sealed record FollowUpEntryDocument(string Action, string ActionText, string Text, DateTimeOffset At, string By, IReadOnlyList<FollowUpFileDocument> Files);

/// <summary>A follow-up in a list (and in a reporter's tasks): no entries.</summary>
public sealed record FollowUpSummaryDocument(
    int Id, string Number, string ItemId, string ItemTitle, string Unit, string UnitName, string Requirement, string Deadline,
    string State, string StateText, bool Overdue, DateTimeOffset IssuedAt, string IssuedBy, DateTimeOffset? ClosedAt, string Url);

public sealed record FollowUpDocument(
    int Id, string Number, string ItemId, string ItemTitle, string Unit, string UnitName, string Requirement, string Deadline,
    string State, string StateText, bool Overdue, DateTimeOffset IssuedAt, string IssuedBy, DateTimeOffset? ClosedAt,
    IReadOnlyList<FollowUpEntryDocument> Entries, string LetterDocx, string LetterPdf, string ETag);

public static class FollowUpDocuments
{
    public static string Url(FollowUp followUp) => $"{WorkspaceApi.Prefix}/followups/{followUp.Id}";

    public static FollowUpSummaryDocument Summary(FollowUp f, DateOnly today) => new(
        f.Id, f.Number, f.Item.PublicId(), f.Item.Title, f.Unit.Code, f.Unit.Name, f.Requirement, IsoDate.Format(f.Deadline),
        EnumCodes.ToCode(f.State), f.State.ToChinese(), f.IsOverdue(today), f.IssuedAt, f.IssuedBy, f.ClosedAt, Url(f));

    public static FollowUpDocument Full(FollowUpDetails details, DateOnly today)
    {
        var f = details.FollowUp;
        var url = Url(f);
        return new(
            f.Id, f.Number, f.Item.PublicId(), f.Item.Title, f.Unit.Code, f.Unit.Name, f.Requirement, IsoDate.Format(f.Deadline),
            EnumCodes.ToCode(f.State), f.State.ToChinese(), f.IsOverdue(today), f.IssuedAt, f.IssuedBy, f.ClosedAt,
            f.Entries.Select(e => new FollowUpEntryDocument(EnumCodes.ToCode(e.Action), e.Action.ToChinese(), e.Text, e.At, e.By,
                details.FilesOf(e).Select(a => File(f, a)).ToList())).ToList(),
            url + "/letter.docx", url + "/letter.pdf", FollowUpService.ETag(f));
    }

    public static FollowUpFileDocument File(FollowUp followUp, FollowUpFile file) =>
        new(file.Id, file.FileName, file.ContentType, file.Length, $"{Url(followUp)}/attachments/{file.Id}");

    /// <summary>"津南民心督〔2025〕3号 督办函.docx": the name the download is saved under.</summary>
    public static string LetterFileName(FollowUp followUp, string extension) => $"{followUp.Number} {SupervisionLetter.Title}.{extension}";
}

/// <summary>
/// 督办 in the staff API, under /api/v1/workspace/followups: the same FollowUpService as the pages, the same filter
/// (ProblemDetails, antiforgery for cookie writes), each endpoint behind its action's policy and the follow-up's
/// resource check (its region; a reporter only its own unit's).
/// </summary>
public static class FollowUpApi
{
    public sealed record AnswerRequest(string? Text);

    public sealed record SendBackRequest(string? Reason);

    public sealed record CloseRequest(string? Note);

    public static WebApplication MapFollowUpApi(this WebApplication app)
    {
        var api = app.MapGroup(WorkspaceApi.Prefix)
            .WithTags("工作台")
            .RequireAuthorization(StaffPolicies.SignedIn)
            .AddEndpointFilter<WorkspaceApiFilter>();
        var view = StaffPolicies.For(StaffAction.ViewFollowUps);
        var issue = StaffPolicies.For(StaffAction.IssueFollowUps);
        var answer = StaffPolicies.For(StaffAction.AnswerFollowUps);
        api.MapGet("/followups", List).RequireAuthorization(view).WithSummary("督办：本地区的（填报员：本单位的）；state=open|overdue|closed|all");
        api.MapPost("/followups", Issue).RequireAuthorization(issue).WithSummary("下发督办：itemId、unit（默认牵头单位）、number（默认下一个编号）、requirement、deadline（民心办）");
        api.MapGet("/followups/{id:int}", Get).RequireAuthorization(view).WithSummary("一件督办及其办理记录");
        api.MapPost("/followups/{id:int}/answer", Answer).RequireAuthorization(answer).WithSummary("答复督办：text（被督办单位）");
        api.MapPost("/followups/{id:int}/attachments", Attach).RequireAuthorization(answer)
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceFiles.MaxBytes + 1024 * 1024)).WithSummary("为待审核的答复附上照片或 PDF（multipart，字段 file）");
        api.MapGet("/followups/{id:int}/attachments/{attachmentId:int}", GetFile).RequireAuthorization(view).WithSummary("下载答复的附件");
        api.MapPost("/followups/{id:int}/send-back", SendBack).RequireAuthorization(issue).WithSummary("退回答复：reason（民心办）");
        api.MapPost("/followups/{id:int}/close", Close).RequireAuthorization(issue).WithSummary("办结：note（未答复时必填）（民心办）");
        api.MapGet("/followups/{id:int}/letter.docx", LetterDocx).RequireAuthorization(view).WithSummary("督办函（Word）");
        api.MapGet("/followups/{id:int}/letter.pdf", LetterPdf).RequireAuthorization(view).WithSummary("督办函（PDF）");
        return app;
    }

    private static async Task<Ok<List<FollowUpSummaryDocument>>> List(string? state, CurrentStaff current, FollowUpService followUps, CancellationToken cancellationToken)
    {
        var filter = state switch
        {
            null or "" or "open" => FollowUpFilter.Open,
            "overdue" => FollowUpFilter.Overdue,
            "closed" => FollowUpFilter.Closed,
            "all" => FollowUpFilter.All,
            _ => throw new InputException("state", $"state 只能是 open、overdue、closed 或 all，而不是“{state}”。"),
        };
        var list = await followUps.ListAsync(await current.RequiredActorAsync(cancellationToken), filter, cancellationToken);
        var today = followUps.Today;
        return TypedResults.Ok(list.Select(f => FollowUpDocuments.Summary(f, today)).ToList());
    }

    private static async Task<Created<FollowUpDocument>> Issue(FollowUpRequest request, HttpContext context, MinxinDbContext db, StaffAccess access,
        CurrentStaff current, FollowUpService followUps, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.ItemId))
        {
            throw new InputException("itemId", "请写明要督办的子项，如 jinnan-2025-07-1。");
        }
        var item = await db.FindItemAsync(request.ItemId.Trim(), cancellationToken) ?? throw new InputException("itemId", $"没有标识为“{request.ItemId}”的子项。");
        await RequireAsync(access, StaffAction.IssueFollowUps, item);
        var followUp = await followUps.IssueAsync(await current.RequiredActorAsync(cancellationToken), item, request, cancellationToken);
        var details = (await followUps.FindAsync(followUp.Id, cancellationToken))!;
        context.Response.Headers.ETag = FollowUpService.ETag(followUp);
        return TypedResults.Created(FollowUpDocuments.Url(followUp), FollowUpDocuments.Full(details, followUps.Today));
    }

    private static async Task<Ok<FollowUpDocument>> Get(int id, HttpContext context, StaffAccess access, FollowUpService followUps, CancellationToken cancellationToken)
    {
        var details = await FindAsync(id, access, followUps, StaffAction.ViewFollowUps, cancellationToken);
        return Found(context, details, followUps);
    }

    private static async Task<Ok<FollowUpDocument>> Answer(int id, [FromBody] AnswerRequest? request, HttpContext context, StaffAccess access, CurrentStaff current,
        FollowUpService followUps, CancellationToken cancellationToken)
    {
        var details = await FindAsync(id, access, followUps, StaffAction.AnswerFollowUps, cancellationToken);
        await followUps.AnswerAsync(await current.RequiredActorAsync(cancellationToken), details.FollowUp, WorkspaceApi.IfMatch(context), request?.Text, [], cancellationToken);
        return Found(context, await ReloadAsync(id, followUps, cancellationToken), followUps);
    }

    // The form is read after the access check, so a caller who may not attach learns nothing from its body.
    private static async Task<Created<FollowUpFileDocument>> Attach(int id, HttpRequest request, StaffAccess access, CurrentStaff current,
        FollowUpService followUps, CancellationToken cancellationToken)
    {
        var details = await FindAsync(id, access, followUps, StaffAction.AnswerFollowUps, cancellationToken);
        if (!request.HasFormContentType)
        {
            throw new InputException("file", "请用 multipart/form-data 上传，文件放在字段 file 中。");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var upload = form.Files.GetFile("file") ?? throw new InputException("file", "没有收到文件：请把文件放在字段 file 中。");
        await using var stream = upload.OpenReadStream();
        // The same checks as a report's evidence: size, the type the bytes show, images re-encoded without metadata.
        var file = await EvidenceFiles.ReadAsync(upload.FileName, stream, upload.Length, cancellationToken);
        var attachment = await followUps.AttachAsync(await current.RequiredActorAsync(cancellationToken), details.FollowUp, file, cancellationToken);
        var document = FollowUpDocuments.File(details.FollowUp, new FollowUpFile(attachment.Id, attachment.EntryId, attachment.FileName, attachment.ContentType, attachment.Length));
        return TypedResults.Created(document.Url, document);
    }

    private static async Task<FileContentHttpResult> GetFile(int id, int attachmentId, StaffAccess access, FollowUpService followUps, CancellationToken cancellationToken)
    {
        var details = await FindAsync(id, access, followUps, StaffAction.ViewFollowUps, cancellationToken);
        var file = await followUps.FileAsync(details.FollowUp, attachmentId, cancellationToken)
            ?? throw new MissingException($"督办 {details.FollowUp.Number} 没有编号为 {attachmentId} 的附件。");
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }

    private static async Task<Ok<FollowUpDocument>> SendBack(int id, [FromBody] SendBackRequest? request, HttpContext context, StaffAccess access, CurrentStaff current,
        FollowUpService followUps, CancellationToken cancellationToken)
    {
        var details = await FindAsync(id, access, followUps, StaffAction.IssueFollowUps, cancellationToken);
        await followUps.SendBackAsync(await current.RequiredActorAsync(cancellationToken), details.FollowUp, WorkspaceApi.IfMatch(context), request?.Reason, cancellationToken);
        return Found(context, await ReloadAsync(id, followUps, cancellationToken), followUps);
    }

    private static async Task<Ok<FollowUpDocument>> Close(int id, [FromBody] CloseRequest? request, HttpContext context, StaffAccess access, CurrentStaff current,
        FollowUpService followUps, CancellationToken cancellationToken)
    {
        var details = await FindAsync(id, access, followUps, StaffAction.IssueFollowUps, cancellationToken);
        await followUps.CloseAsync(await current.RequiredActorAsync(cancellationToken), details.FollowUp, WorkspaceApi.IfMatch(context), request?.Note, cancellationToken);
        return Found(context, await ReloadAsync(id, followUps, cancellationToken), followUps);
    }

    private static async Task<FileContentHttpResult> LetterDocx(int id, StaffAccess access, FollowUpService followUps, CancellationToken cancellationToken)
    {
        var details = await FindAsync(id, access, followUps, StaffAction.ViewFollowUps, cancellationToken);
        var letter = await followUps.LetterAsync(details.FollowUp, cancellationToken);
        return TypedResults.File(SupervisionLetter.ToDocx(letter), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FollowUpDocuments.LetterFileName(details.FollowUp, "docx"));
    }

    private static async Task<FileContentHttpResult> LetterPdf(int id, StaffAccess access, FollowUpService followUps, CancellationToken cancellationToken)
    {
        var details = await FindAsync(id, access, followUps, StaffAction.ViewFollowUps, cancellationToken);
        var letter = await followUps.LetterAsync(details.FollowUp, cancellationToken);
        return TypedResults.File(SupervisionLetter.ToPdf(letter), "application/pdf", FollowUpDocuments.LetterFileName(details.FollowUp, "pdf"));
    }

    private static Ok<FollowUpDocument> Found(HttpContext context, FollowUpDetails details, FollowUpService followUps)
    {
        context.Response.Headers.ETag = FollowUpService.ETag(details.FollowUp);
        return TypedResults.Ok(FollowUpDocuments.Full(details, followUps.Today));
    }

    // After a step the entries carry their new ids and the files their entries: read back as stored.
    private static async Task<FollowUpDetails> ReloadAsync(int id, FollowUpService followUps, CancellationToken cancellationToken) =>
        (await followUps.FindAsync(id, cancellationToken))!;

    private static async Task<FollowUpDetails> FindAsync(int id, StaffAccess access, FollowUpService followUps, StaffAction action, CancellationToken cancellationToken)
    {
        var details = await followUps.FindAsync(id, cancellationToken) ?? throw new MissingException($"没有编号为 {id} 的督办。");
        await RequireAsync(access, action, details.FollowUp);
        return details;
    }

    private static async Task RequireAsync(StaffAccess access, StaffAction action, object resource)
    {
        if (!await access.MayAsync(action, resource))
        {
            throw new ForbiddenException();
        }
    }
}

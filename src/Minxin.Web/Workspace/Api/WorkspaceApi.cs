using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Editions;
using Minxin.Web.Workspace.Programs;
using Minxin.Web.Workspace.Reporting;
using Minxin.Web.Workspace.Review;
using Minxin.Web.Workspace.Rounds;
using Minxin.Web.Workspace.Spreadsheets;
using Minxin.Web.Workspace.Tokens;

namespace Minxin.Web.Workspace.Api;

/// <summary>
/// The staff API under /api/v1/workspace: the same work as the workspace pages, for units that use their own
/// systems, with a personal access token (Authorization: Bearer …) or the sign-in cookie (then with the antiforgery
/// header on writes). Every answer that is not a success is ProblemDetails: 400 with the field, 401, 403, 404, 409
/// for a step the report's state forbids, 412 for a stale If-Match, 428 when a PUT has none.
/// </summary>
public static class WorkspaceApi
{
    public const string Prefix = "/api/v1/workspace";

    public static WebApplication MapWorkspaceApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .WithTags("工作台")
            .RequireAuthorization(StaffPolicies.SignedIn)
            .AddEndpointFilter<WorkspaceApiFilter>();
        api.MapGet("/me", Me).WithSummary("当前用户：用户名、角色、地区、单位");
        api.MapGet("/tasks", Tasks).WithSummary("我的待办：开放轮次中本单位要报送的子项，附上次报告");
        api.MapGet("/notices", Notices).WithSummary("我的提醒：最新的在前，附是否已读");
        api.MapGet("/programs", Programs).RequireAuthorization(StaffPolicies.For(StaffAction.ViewPrograms)).WithSummary("本地区的民心工程");
        api.MapGet("/programs/{programId}/rounds", Rounds).RequireAuthorization(StaffPolicies.For(StaffAction.ViewRounds)).WithSummary("民心工程的报送轮次");
        api.MapPost("/programs/{programId}/rounds", OpenRound).RequireAuthorization(StaffPolicies.For(StaffAction.OpenRounds)).WithSummary("开启报送轮次（民心办）");
        api.MapPost("/programs/{programId}/editions", PublishEdition).RequireAuthorization(StaffPolicies.For(StaffAction.PublishEditions))
            .WithSummary("发布一期成绩单：标题、网址标识、数据截止日期、发布日期（民心办）");
        api.MapPut("/programs/{programId}/light-rule", ChangeLightRule).RequireAuthorization(StaffPolicies.For(StaffAction.EditLights))
            .WithSummary("调整亮灯规则：生成新版本并公开（民心办）");
        api.MapPost("/items/{itemId}/light-override", OverrideLight).RequireAuthorization(StaffPolicies.For(StaffAction.EditLights))
            .WithSummary("人工调整子项灯号（color 为 green/yellow/red，留空取消），须说明原因（民心办）");
        api.MapGet("/rounds/{roundId:int}", RoundOverview).RequireAuthorization(StaffPolicies.For(StaffAction.ViewRounds)).WithSummary("轮次进度：各单位已通过、待审核、退回、未报、逾期");
        api.MapGet("/items/{itemId}", GetItem).RequireAuthorization(StaffPolicies.For(StaffAction.ViewReports)).WithSummary("子项的计划与全部报告（含未审核的）");
        api.MapPatch("/items/{itemId}", UpdateItem).RequireAuthorization(StaffPolicies.For(StaffAction.EditPrograms)).WithSummary("修改子项计划：表述、责任单位、时限（民心办）");
        api.MapPost("/items/{itemId}/reports", CreateReport).RequireAuthorization(StaffPolicies.For(StaffAction.WriteReports)).WithSummary("新建子项报告（草稿）");
        api.MapGet("/reports/{reportId:int}", GetReport).RequireAuthorization(StaffPolicies.For(StaffAction.ViewReports)).WithSummary("报告及其状态、历史和审核意见");
        api.MapPut("/reports/{reportId:int}", UpdateReport).RequireAuthorization(StaffPolicies.For(StaffAction.WriteReports)).WithSummary("修改草稿或被退回的报告（需 If-Match）");
        api.MapPost("/reports/{reportId:int}/submit", SubmitReport).RequireAuthorization(StaffPolicies.For(StaffAction.WriteReports)).WithSummary("提交审核");
        api.MapPost("/reports/{reportId:int}/approve", ApproveReport).RequireAuthorization(StaffPolicies.For(StaffAction.ReviewReports)).WithSummary("审核通过并公开（民心办）");
        api.MapPost("/reports/{reportId:int}/return", ReturnReport).RequireAuthorization(StaffPolicies.For(StaffAction.ReviewReports)).WithSummary("退回并说明原因（民心办）");
        api.MapGet("/review", ReviewQueue).RequireAuthorization(StaffPolicies.For(StaffAction.ViewRounds)).WithSummary("待审核的报告，附与上次通过的报告的对照");
        api.MapPost("/reports/{reportId:int}/attachments", AddAttachment).RequireAuthorization(StaffPolicies.For(StaffAction.WriteReports))
            .WithMetadata(new RequestSizeLimitAttribute(EvidenceFiles.MaxBytes + 1024 * 1024)).WithSummary("附上照片或 PDF（multipart，字段 file）");
        api.MapSpreadsheetApi();
        api.MapGet("/attachments/{attachmentId:int}", GetAttachment).RequireAuthorization(StaffPolicies.For(StaffAction.ViewReports)).WithSummary("下载附件");
        return app;
    }

    public sealed record ApproveRequest(string? Note);

    public sealed record ReturnRequest(string? Reason);

    private static async Task<Ok<MeDocument>> Me(CurrentStaff current, CancellationToken cancellationToken) =>
        TypedResults.Ok(WorkspaceDocuments.Me((await current.UserAsync(cancellationToken))!));

    private static async Task<Ok<List<TaskDocument>>> Tasks(CurrentStaff current, TaskList tasks, FollowUps.FollowUpService followUps, CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        // Each item's task carries the unit's open 督办 about that item (the full list is GET /followups).
        var open = (await followUps.OpenForUnitAsync(actor, cancellationToken)).ToLookup(f => f.ItemId);
        var today = followUps.Today;
        return TypedResults.Ok((await tasks.ForAsync(actor, cancellationToken))
            .Select(t => WorkspaceDocuments.Task(t, open[t.Item.Id].Select(f => FollowUps.FollowUpDocuments.Summary(f, today)).ToList())).ToList());
    }

    private static async Task<Ok<List<NoticeDocument>>> Notices(CurrentStaff current, MinxinDbContext db, CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        var notices = await Reminders.NoticeQueries.ForUser(db, actor.UserId).Take(Reminders.NoticeQueries.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(notices.Select(WorkspaceDocuments.Notice).ToList());
    }

    private static async Task<Ok<List<ProgramDocument>>> Programs(CurrentStaff current, MinxinDbContext db, CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        var programs = await db.Programs.AsNoTracking().VisibleTo(actor).OrderByDescending(p => p.Year).ThenBy(p => p.Code)
            .Select(p => new { p.Code, p.Title, p.Year, p.Publication, p.Revision, Items = p.Categories.SelectMany(c => c.Items).Count() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(programs.Select(p => new ProgramDocument(p.Code, p.Title, p.Year, Domain.EnumCodes.ToCode(p.Publication), p.Items, $"\"r{p.Revision}\"")).ToList());
    }

    private static async Task<Ok<List<RoundDocument>>> Rounds(string programId, MinxinDbContext db, StaffAccess access, CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(db, programId, access, StaffAction.ViewRounds, cancellationToken);
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Program).Where(r => r.ProgramId == program.Id)
            .OrderByDescending(r => r.AsOf).ToListAsync(cancellationToken);
        return TypedResults.Ok(rounds.Select(WorkspaceDocuments.Round).ToList());
    }

    private static async Task<Created<RoundDocument>> OpenRound(string programId, RoundRequest request, MinxinDbContext db, StaffAccess access,
        CurrentStaff current, RoundService rounds, CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(db, programId, access, StaffAction.OpenRounds, cancellationToken);
        var round = await rounds.OpenAsync(await current.RequiredActorAsync(cancellationToken), program, request, cancellationToken);
        return TypedResults.Created($"{Prefix}/rounds/{round.Id}", WorkspaceDocuments.Round(round));
    }

    private static async Task<Created<Web.Editions.EditionSummaryDocument>> PublishEdition(string programId, EditionRequest request, MinxinDbContext db,
        StaffAccess access, CurrentStaff current, EditionService editions, CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(db, programId, access, StaffAction.PublishEditions, cancellationToken);
        var edition = await editions.PublishAsync(await current.RequiredActorAsync(cancellationToken), program.Code, request, cancellationToken);
        var summary = Web.Editions.EditionApi.Summary(program, edition);
        return TypedResults.Created($"/api/v1/programs/{program.Code}/editions/{edition.Slug}", summary);
    }

    private static async Task<Ok<object>> ChangeLightRule(string programId, Lights.LightRuleRequest request, MinxinDbContext db, StaffAccess access,
        CurrentStaff current, Lights.LightService lights, CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(db, programId, access, StaffAction.EditLights, cancellationToken);
        var version = await lights.ChangeRuleAsync(await current.RequiredActorAsync(cancellationToken), program, request, cancellationToken);
        var rule = version.ToRule();
        return TypedResults.Ok<object>(new { version = rule.Version, rule = rule.Summary, description = rule.Describe(), url = $"/programs/{program.Code}/lights" });
    }

    private static async Task<Ok<object>> OverrideLight(string itemId, Lights.LightOverrideRequest request, MinxinDbContext db, StaffAccess access,
        CurrentStaff current, Lights.LightService lights, CancellationToken cancellationToken)
    {
        var item = await db.FindItemAsync(itemId, cancellationToken) ?? throw new MissingException($"没有标识为“{itemId}”的子项。");
        await RequireAsync(access, StaffAction.EditLights, item);
        var entry = await lights.OverrideAsync(await current.RequiredActorAsync(cancellationToken), item, request, cancellationToken);
        return TypedResults.Ok<object>(new { itemId, color = entry.Color is { } c ? Domain.Oversight.LightColorText.Code(c) : null, reason = entry.Reason, at = entry.At });
    }

    private static async Task<Ok<RoundOverviewDocument>> RoundOverview(int roundId, MinxinDbContext db, StaffAccess access, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Program).FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new MissingException($"没有编号为 {roundId} 的报送轮次。");
        await RequireAsync(access, StaffAction.ViewRounds, round);
        var items = await db.ItemsWithReports().AsNoTrackingWithIdentityResolution().Where(i => i.Category.ProgramId == round.ProgramId).ToListAsync(cancellationToken);
        var units = RoundProgress.ByUnit(items, round, ChinaTime.Today(clock));
        return TypedResults.Ok(new RoundOverviewDocument(WorkspaceDocuments.Round(round), units.Select(WorkspaceDocuments.UnitProgress).ToList()));
    }

    private static async Task<Ok<StaffItemDocument>> GetItem(string itemId, HttpContext context, MinxinDbContext db, StaffAccess access, CancellationToken cancellationToken)
    {
        var item = await db.FindItemAsync(itemId, cancellationToken) ?? throw new MissingException($"没有标识为“{itemId}”的子项。");
        await RequireAsync(access, StaffAction.ViewReports, item);
        context.Response.Headers.ETag = $"\"r{item.Revision}\"";
        return TypedResults.Ok(WorkspaceDocuments.Item(item));
    }

    private static async Task<Ok<StaffItemDocument>> UpdateItem(string itemId, ItemPlanRequest request, HttpContext context, MinxinDbContext db,
        StaffAccess access, CurrentStaff current, PlanService plans, CancellationToken cancellationToken)
    {
        var item = await db.FindItemAsync(itemId, cancellationToken) ?? throw new MissingException($"没有标识为“{itemId}”的子项。");
        await RequireAsync(access, StaffAction.EditPrograms, item);
        await plans.UpdateItemAsync(await current.RequiredActorAsync(cancellationToken), item, IfMatch(context), request, cancellationToken);
        context.Response.Headers.ETag = $"\"r{item.Revision}\"";
        return TypedResults.Ok(WorkspaceDocuments.Item(item));
    }

    private static async Task<Created<StaffReportDocument>> CreateReport(string itemId, ReportRequest request, HttpContext context, MinxinDbContext db,
        StaffAccess access, CurrentStaff current, ReportingService reporting, CancellationToken cancellationToken)
    {
        var item = await db.FindItemAsync(itemId, cancellationToken) ?? throw new MissingException($"没有标识为“{itemId}”的子项。");
        await RequireAsync(access, StaffAction.WriteReports, item);
        var report = await reporting.CreateAsync(await current.RequiredActorAsync(cancellationToken), item, request, cancellationToken);
        context.Response.Headers.ETag = WorkspaceDocuments.ETag(report);
        return TypedResults.Created($"{Prefix}/reports/{report.Id}", WorkspaceDocuments.Report(report));
    }

    private static async Task<Ok<StaffReportDocument>> GetReport(int reportId, HttpContext context, MinxinDbContext db, StaffAccess access,
        CancellationToken cancellationToken)
    {
        var report = await ReportAsync(db, reportId, access, StaffAction.ViewReports, cancellationToken);
        context.Response.Headers.ETag = WorkspaceDocuments.ETag(report);
        return TypedResults.Ok(WorkspaceDocuments.Report(report));
    }

    private static async Task<Ok<StaffReportDocument>> UpdateReport(int reportId, ReportRequest request, HttpContext context, MinxinDbContext db,
        StaffAccess access, CurrentStaff current, ReportingService reporting, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(db, reportId, access, StaffAction.WriteReports, cancellationToken);
        var revision = IfMatch(context) ?? throw new PreconditionRequiredException();
        await reporting.UpdateAsync(await current.RequiredActorAsync(cancellationToken), report, revision, request, cancellationToken);
        context.Response.Headers.ETag = WorkspaceDocuments.ETag(report);
        return TypedResults.Ok(WorkspaceDocuments.Report(report));
    }

    private static async Task<Ok<StaffReportDocument>> SubmitReport(int reportId, HttpContext context, MinxinDbContext db, StaffAccess access,
        CurrentStaff current, ReportingService reporting, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(db, reportId, access, StaffAction.WriteReports, cancellationToken);
        await reporting.SubmitAsync(await current.RequiredActorAsync(cancellationToken), report, IfMatch(context), cancellationToken);
        context.Response.Headers.ETag = WorkspaceDocuments.ETag(report);
        return TypedResults.Ok(WorkspaceDocuments.Report(report));
    }

    private static async Task<Ok<StaffReportDocument>> ApproveReport(int reportId, [FromBody] ApproveRequest? request, HttpContext context, MinxinDbContext db,
        StaffAccess access, CurrentStaff current, ReviewService review, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(db, reportId, access, StaffAction.ReviewReports, cancellationToken);
        await review.ApproveAsync(await current.RequiredActorAsync(cancellationToken), report, IfMatch(context), request?.Note, cancellationToken);
        context.Response.Headers.ETag = WorkspaceDocuments.ETag(report);
        return TypedResults.Ok(WorkspaceDocuments.Report(report));
    }

    private static async Task<Ok<StaffReportDocument>> ReturnReport(int reportId, [FromBody] ReturnRequest? request, HttpContext context, MinxinDbContext db,
        StaffAccess access, CurrentStaff current, ReviewService review, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(db, reportId, access, StaffAction.ReviewReports, cancellationToken);
        await review.ReturnAsync(await current.RequiredActorAsync(cancellationToken), report, IfMatch(context), request?.Reason, cancellationToken);
        context.Response.Headers.ETag = WorkspaceDocuments.ETag(report);
        return TypedResults.Ok(WorkspaceDocuments.Report(report));
    }

    private static async Task<Ok<List<ReviewItemDocument>>> ReviewQueue(CurrentStaff current, MinxinDbContext db, CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        var items = await db.ItemsWithReports().AsNoTrackingWithIdentityResolution().VisibleTo(actor)
            .Where(i => i.Reports.Any(r => r.Review == ReviewState.Submitted)).ToListAsync(cancellationToken);
        var queue = items.SelectMany(i => i.Reports.Where(r => r.Review == ReviewState.Submitted).Select(r => ReportComparison.Of(r, i.Reports)))
            .OrderBy(c => c.Report.SubmittedAt).Select(WorkspaceDocuments.ReviewItem).ToList();
        return TypedResults.Ok(queue);
    }

    // The form is read after the access check, so a caller who may not attach learns nothing from its body.
    private static async Task<Created<AttachmentDocument>> AddAttachment(int reportId, HttpRequest request, MinxinDbContext db, StaffAccess access,
        CurrentStaff current, EvidenceFiles evidence, CancellationToken cancellationToken)
    {
        var report = await ReportAsync(db, reportId, access, StaffAction.WriteReports, cancellationToken);
        if (!request.HasFormContentType)
        {
            throw new InputException("file", "请用 multipart/form-data 上传，文件放在字段 file 中。");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? throw new InputException("file", "没有收到文件：请把文件放在字段 file 中。");
        await using var stream = file.OpenReadStream();
        var attachment = await evidence.AddAsync(await current.RequiredActorAsync(cancellationToken), report, file.FileName, stream, file.Length, cancellationToken);
        return TypedResults.Created($"{Prefix}/attachments/{attachment.Id}", WorkspaceDocuments.Attachment(attachment));
    }

    private static async Task<FileContentHttpResult> GetAttachment(int attachmentId, MinxinDbContext db, StaffAccess access, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking().Include(a => a.Content).FirstOrDefaultAsync(a => a.Id == attachmentId, cancellationToken)
            ?? throw new MissingException($"没有编号为 {attachmentId} 的附件。");
        await ReportAsync(db, attachment.ReportId, access, StaffAction.ViewReports, cancellationToken);
        return TypedResults.File(attachment.Content!.Bytes, attachment.ContentType, attachment.FileName);
    }

    private static async Task<Domain.Programs.LivelihoodProgram> ProgramAsync(MinxinDbContext db, string code, StaffAccess access, StaffAction action,
        CancellationToken cancellationToken)
    {
        var program = await db.Programs.Include(p => p.Region).FirstOrDefaultAsync(p => p.Code == code, cancellationToken)
            ?? throw new MissingException($"没有标识为“{code}”的民心工程。");
        await RequireAsync(access, action, program);
        return program;
    }

    private static async Task<ProgressReport> ReportAsync(MinxinDbContext db, int id, StaffAccess access, StaffAction action, CancellationToken cancellationToken)
    {
        var report = await db.FindReportAsync(id, cancellationToken) ?? throw new MissingException($"没有编号为 {id} 的报告。");
        await RequireAsync(access, action, report);
        return report;
    }

    private static async Task RequireAsync(StaffAccess access, StaffAction action, object resource)
    {
        if (!await access.MayAsync(action, resource))
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>The revision in an If-Match header ("r3", weak or strong), null without one; "*" matches any.</summary>
    internal static int? IfMatch(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        value = value.Trim('"');
        return value.StartsWith('r') && int.TryParse(value.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision)
            ? revision
            : -1; // an ETag this API never gave: stale by definition
    }
}

/// <summary>A PUT without If-Match: the API will not guess which version the caller edited.</summary>
public sealed class PreconditionRequiredException() : Exception("修改报告须带 If-Match 请求头（取自读取报告时的 ETag），以免覆盖他人的修改。");

/// <summary>
/// Around every staff API call: responses are never stored by any cache; a write made with the sign-in cookie must
/// carry the antiforgery token (a token-bearing call needs none: no browser sends it by itself); and the workspace's
/// exceptions become ProblemDetails with the right status.
/// </summary>
public sealed class WorkspaceApiFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        if (unsafeMethod && http.User.FindFirst(AccessTokenAuthentication.TokenIdClaim) is null
            && !await antiforgery.IsRequestValidAsync(http))
        {
            return Problem(400, "缺少防伪令牌", "用登录 Cookie 调用写操作时须带防伪令牌（RequestVerificationToken 请求头）；其他系统请改用个人访问令牌。");
        }
        try
        {
            return await next(context);
        }
        catch (InputException e)
        {
            return TypedResults.ValidationProblem(e.ByField(), title: "提交的内容有误", detail: string.Join("；", e.Errors.Select(x => x.Message)));
        }
        catch (ReviewRuleException e)
        {
            return Problem(409, "当前状态不允许这项操作", e.Message);
        }
        catch (Domain.FollowUps.FollowUpRuleException e)
        {
            return Problem(409, "当前状态不允许这项操作", e.Message);
        }
        catch (StaleException e)
        {
            return Problem(412, "内容已被他人修改", e.Message);
        }
        catch (PreconditionRequiredException e)
        {
            return Problem(428, "缺少 If-Match", e.Message);
        }
        catch (MissingException e)
        {
            return Problem(404, "未找到", e.Message);
        }
        catch (ForbiddenException e)
        {
            return Problem(403, "没有权限", e.Message);
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(title: title, detail: detail, statusCode: status);
}

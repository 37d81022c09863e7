using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Ratings;
using Minxin.Domain.Staff;
using Minxin.Web.Ratings;
using Minxin.Web.ReportCards;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Api;

namespace Minxin.Web.Workspace.Ratings;

// What the staff API says of rating windows. Field names are a contract, as in WorkspaceDocuments. Staff see the
// split and the comments at any count; the public only once the minimum is reached, and never a comment.

public sealed record StaffTallyDocument(int Count, int Satisfied, int BasicallySatisfied, int Dissatisfied, bool Published, decimal? Rate, string Text);

public sealed record StaffDeputiesDocument(int Id, string ItemId, int Satisfied, int BasicallySatisfied, int Dissatisfied, int Count, decimal? Rate, string Source,
    DateTimeOffset EnteredAt, string EnteredBy, bool Current);

public sealed record StaffCommentDocument(string Choice, string ChoiceText, string Comment, DateTimeOffset At);

public sealed record StaffItemRatingDocument(string ItemId, string Code, string Title, StaffTallyDocument Readers, StaffDeputiesDocument? Deputies,
    IReadOnlyList<StaffCommentDocument> Comments);

public sealed record RatingWindowDocument(
    int Id, string Title, string OpensOn, string ClosesOn, int Minimum, bool AllItems, IReadOnlyList<string> Items, string State, string StateText,
    DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? EndedAt, StaffTallyDocument Result, IReadOnlyList<StaffItemRatingDocument> ItemResults,
    IReadOnlyList<StaffDeputiesDocument> DeputyHistory, string Url);

public static class RatingWindowDocuments
{
    public static string Url(LivelihoodProgram program, int id) => $"{WorkspaceApi.Prefix}/programs/{program.Code}/rating-windows/{id}";

    public static RatingWindowDocument Of(LivelihoodProgram program, StaffWindow staff, DateOnly today)
    {
        var w = staff.Results;
        var window = w.Window;
        var items = program.Items.Where(i => w.Covers(i.Id)).ToList();
        var byId = program.Items.ToDictionary(i => i.Id);
        return new RatingWindowDocument(
            window.Id, window.Title, Domain.Quantities.IsoDate.Format(window.OpensOn), Domain.Quantities.IsoDate.Format(window.ClosesOn), window.MinimumRatings,
            window.Items.Count == 0, items.Select(i => PublicIds.Item(program, i)).ToList(), RatingDocuments.State(w, today), w.StateText(today),
            window.OpenedAt, window.OpenedBy, window.EndedAt, Tally(w.Program),
            items.Select(i => new StaffItemRatingDocument(PublicIds.Item(program, i), i.Code, i.Title, Tally(w.ItemResult(i.Id)),
                w.Deputies(i.Id) is { } d ? Deputies(program, byId, d, true) : null,
                staff.Comments.Where(c => c.ItemId == i.Id).Select(c => new StaffCommentDocument(Choice(c.Choice), c.Choice.ToChinese(), c.Comment, c.At)).ToList())).ToList(),
            staff.DeputyHistory.Where(t => byId.ContainsKey(t.ItemId)).Select(t => Deputies(program, byId, t, w.Deputies(t.ItemId)?.Id == t.Id)).ToList(),
            Url(program, window.Id));
    }

    public static StaffTallyDocument Tally(RatingResult r) => new(r.Count, r.Satisfied, r.BasicallySatisfied, r.Dissatisfied, r.IsPublished, r.Rate, r.Sentence());

    public static StaffDeputiesDocument Deputies(LivelihoodProgram program, IReadOnlyDictionary<int, Item> items, DeputyTally t, bool current)
    {
        var result = RatingResult.Of(t);
        return new(t.Id, PublicIds.Item(program, items[t.ItemId]), t.Satisfied, t.BasicallySatisfied, t.Dissatisfied, result.Count, result.Rate, t.Source,
            t.EnteredAt, t.EnteredBy, current);
    }

    public static string Choice(RatingChoice choice) => RatingForm.Choices.First(c => c.Choice == choice).Code;
}

/// <summary>
/// 满意度测评 in the staff API, under /api/v1/workspace/programs/{code}/rating-windows: the same RatingService as the
/// page, the same filter (ProblemDetails, antiforgery for cookie writes, no-store); reading for whoever may read the
/// program (coordinators, leaders), changes for coordinators of its region (ManageRatings).
/// </summary>
public static class RatingApi
{
    public static WebApplication Map(WebApplication app)
    {
        var api = app.MapGroup(WorkspaceApi.Prefix + "/programs/{code}")
            .WithTags("工作台")
            .RequireAuthorization(StaffPolicies.SignedIn)
            .AddEndpointFilter<WorkspaceApiFilter>()
            .AddEndpointFilter<RatingRuleFilter>();
        var view = StaffPolicies.For(StaffAction.ViewPrograms);
        var manage = StaffPolicies.For(StaffAction.ManageRatings);
        api.MapGet("/rating-windows", List).RequireAuthorization(view).WithSummary("满意度测评：各次测评及各子项的票数、人大代表测评和读者意见（仅工作人员可见）");
        api.MapPost("/rating-windows", Open).RequireAuthorization(manage)
            .WithSummary("开启满意度测评：title、opensOn、closesOn（YYYY-MM-DD）、minimum（默认30）、items（子项标识，留空为全部子项）（民心办）");
        api.MapPost("/rating-windows/{id:int}/end", End).RequireAuthorization(manage).WithSummary("提前结束测评（民心办）");
        api.MapPost("/rating-windows/{id:int}/deputies", Deputies).RequireAuthorization(manage)
            .WithSummary("录入人大代表测评：itemId、satisfied、basicallySatisfied、dissatisfied、source；新录入的替代此前的，历史保留（民心办）");
        return app;
    }

    private static async Task<Ok<List<RatingWindowDocument>>> List(string code, MinxinDbContext db, StaffAccess access, RatingService ratings,
        CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(code, db, access, StaffAction.ViewPrograms, cancellationToken);
        var windows = await ratings.WindowsAsync(program, cancellationToken);
        return TypedResults.Ok(windows.Select(w => RatingWindowDocuments.Of(program, w, ratings.Today)).ToList());
    }

    private static async Task<Created<RatingWindowDocument>> Open(string code, RatingWindowRequest request, MinxinDbContext db, StaffAccess access,
        CurrentStaff current, RatingService ratings, CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(code, db, access, StaffAction.ManageRatings, cancellationToken);
        var window = await ratings.OpenAsync(await current.RequiredActorAsync(cancellationToken), program, request, cancellationToken);
        var document = await DocumentAsync(program, window.Id, ratings, cancellationToken);
        return TypedResults.Created(document.Url, document);
    }

    private static async Task<Ok<RatingWindowDocument>> End(string code, int id, MinxinDbContext db, StaffAccess access, CurrentStaff current,
        RatingService ratings, CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(code, db, access, StaffAction.ManageRatings, cancellationToken);
        var window = await ratings.FindAsync(program, id, cancellationToken) ?? throw new MissingException($"{program.Title}没有编号为 {id} 的满意度测评。");
        await ratings.EndAsync(await current.RequiredActorAsync(cancellationToken), program, window, cancellationToken);
        return TypedResults.Ok(await DocumentAsync(program, id, ratings, cancellationToken));
    }

    private static async Task<Created<StaffDeputiesDocument>> Deputies(string code, int id, DeputyTallyRequest request, MinxinDbContext db, StaffAccess access,
        CurrentStaff current, RatingService ratings, CancellationToken cancellationToken)
    {
        var program = await ProgramAsync(code, db, access, StaffAction.ManageRatings, cancellationToken);
        var window = await ratings.FindAsync(program, id, cancellationToken) ?? throw new MissingException($"{program.Title}没有编号为 {id} 的满意度测评。");
        var tally = await ratings.EnterDeputiesAsync(await current.RequiredActorAsync(cancellationToken), program, window, request, cancellationToken);
        var document = RatingWindowDocuments.Deputies(program, program.Items.ToDictionary(i => i.Id), tally, true);
        return TypedResults.Created(RatingWindowDocuments.Url(program, id), document);
    }

    private static async Task<RatingWindowDocument> DocumentAsync(LivelihoodProgram program, int id, RatingService ratings, CancellationToken cancellationToken)
    {
        var windows = await ratings.WindowsAsync(program, cancellationToken);
        return RatingWindowDocuments.Of(program, windows.First(w => w.Results.Window.Id == id), ratings.Today);
    }

    /// <summary>The program with its categories and items; 404 when there is none, 403 outside the caller's region.</summary>
    public static async Task<LivelihoodProgram> ProgramAsync(string code, MinxinDbContext db, StaffAccess access, StaffAction action, CancellationToken cancellationToken)
    {
        var program = await LoadAsync(db, code, cancellationToken) ?? throw new MissingException($"没有标识为“{code}”的民心工程。");
        if (!await access.MayAsync(action, program))
        {
            throw new ForbiddenException();
        }
        return program;
    }

    public static Task<LivelihoodProgram?> LoadAsync(MinxinDbContext db, string code, CancellationToken cancellationToken) =>
        db.Programs.AsNoTracking().Include(p => p.Categories).ThenInclude(c => c.Items).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
}

/// <summary>A step the window's state forbids is a 409, as the other workspace rules are.</summary>
public sealed class RatingRuleFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (RatingRuleException e)
        {
            return TypedResults.Problem(title: "当前状态不允许这项操作", detail: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}

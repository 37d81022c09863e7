using Microsoft.AspNetCore.Http.HttpResults;
using Minxin.Domain.Editions;
using Minxin.Domain.Programs;
using Minxin.Web.OpenData;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Editions;

// The editions' open-data contract. Add, never rename.

public sealed record EditionSummaryDocument(string Slug, string Title, DateOnly AsOf, DateOnly PublishedOn, DateTimeOffset PublishedAt, string Url, string SnapshotSha256);

/// <summary>A figure of the edition corrected after it was published (更正); the edition itself keeps the old figure.</summary>
public sealed record CorrectionDocument(string ItemId, DateOnly ReportAsOf, int Version, DateTimeOffset CorrectedAt, string What, string? Reason);

/// <summary>The frozen card in the report-card shape (<c>title</c> is the program's), plus the edition's own fields.</summary>
public sealed record EditionDocument(
    string ProgramId,
    string Title,
    DateOnly AsOf,
    string Headline,
    TotalsDocument Totals,
    IReadOnlyList<CategoryDocument> Categories,
    string Slug,
    string EditionTitle,
    DateOnly PublishedOn,
    DateTimeOffset PublishedAt,
    string SnapshotSha256,
    string? PreviousEdition,
    string ChangeSummary,
    IReadOnlyList<ChangeDocument> Changes,
    IReadOnlyList<CorrectionDocument> Corrections,
    Messages.CountersDocument Objections);

/// <summary>
/// What changed since the previous edition. <c>kind</c>: completed, rose, fell, targetRevised, dateMoved, newSite,
/// noNewReport. <c>from</c>/<c>to</c> are numbers in the indicator's base unit for rose, fell and targetRevised, and
/// texts otherwise (an expected date as 2025-09, a site's name).
/// </summary>
public sealed record ChangeDocument(
    string ItemId,
    string Kind,
    string? Indicator,
    object? From,
    object? To,
    string? Reason,
    decimal? FromPercent,
    decimal? ToPercent,
    string? Site,
    string Sentence);

public static class EditionApi
{
    public static WebApplication MapEditionApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("开放数据").Public().RequireRateLimiting(RateLimitPolicies.Public);
        api.MapGet("/programs/{code}/editions", List).WithSummary("已发布的各期成绩单，新的在前");
        api.MapGet("/programs/{code}/editions/{slug}", Get).WithSummary("某期成绩单：发布时冻结的成绩单、较上期的变化与之后的更正");
        return app;
    }

    private static async Task<Results<Ok<List<EditionSummaryDocument>>, ProblemHttpResult>> List(string code, PublicPrograms programs, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        return program is null
            ? NotFound($"没有标识为“{code}”的民心工程。")
            : TypedResults.Ok(EditionViews.Of(program).Select(e => Summary(program, e)).ToList());
    }

    private static async Task<Results<Ok<EditionDocument>, ProblemHttpResult>> Get(string code, string slug, PublicPrograms programs,
        Messages.MessageBoards boards, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        var edition = program is null ? null : EditionViews.Find(program, slug);
        if (program is null || edition is null)
        {
            return NotFound(program is null ? $"没有标识为“{code}”的民心工程。" : $"“{program.Title}”没有网址标识为“{slug}”的成绩单。");
        }
        var objections = (await boards.ForAsync(program, cancellationToken)).Objections(edition.Id);
        return TypedResults.Ok(Document(program, EditionViews.View(program, edition), Messages.CountersDocument.Of(objections)));
    }

    public static EditionSummaryDocument Summary(LivelihoodProgram program, Edition e) =>
        new(e.Slug, e.Title, e.AsOf, e.PublishedOn, e.PublishedAt, EditionViews.Path(program, e), e.SnapshotSha256);

    public static EditionDocument Document(LivelihoodProgram program, EditionView view, Messages.CountersDocument objections)
    {
        var card = OpenData.Documents.Card(view.Card, view.Lights);
        var edition = view.Edition;
        return new EditionDocument(
            card.ProgramId, card.Title, card.AsOf, card.Headline, card.Totals, card.Categories,
            edition.Slug, edition.Title, edition.PublishedOn, edition.PublishedAt, edition.SnapshotSha256,
            view.Previous?.Slug,
            view.Changes.Summary.Sentence,
            view.Changes.All.Select(c => new ChangeDocument(PublicIds.Item(program.Code, c.ItemCode), c.Kind.Code(), c.IndicatorKey,
                (object?)c.FromValue ?? c.FromText, (object?)c.ToValue ?? c.ToText, c.Reason, c.FromPercent, c.ToPercent, c.SiteKey, c.Sentence)).ToList(),
            view.Corrections.Select(c => new CorrectionDocument(PublicIds.Item(program.Code, c.ItemCode), c.ReportAsOf, c.Version, c.CorrectedAt, c.What, c.Reason)).ToList(),
            objections);
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "未找到", detail: detail, statusCode: StatusCodes.Status404NotFound);
}

using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using Minxin.Web.Items;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.OpenData;

/// <summary>Open data for other systems: JSON (described at /openapi/v1.json) and CSV, the same figures as the pages.</summary>
public static class OpenDataApi
{
    public static IServiceCollection AddOpenData(this IServiceCollection services)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Minxin 民心工程开放数据";
            document.Info.Description = "民心工程的工程、子项、指标与经审核的进展报告。数量以基本单位给出（27.91万人次 = 279100）。";
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new PlainDecimalJsonConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        return services;
    }

    public static WebApplication MapOpenDataApi(this WebApplication app)
    {
        app.MapOpenApi().Public().RequireRateLimiting(RateLimitPolicies.Public);
        var api = app.MapGroup("/api/v1").WithTags("开放数据").Public().RequireRateLimiting(RateLimitPolicies.Public);
        api.MapGet("/programs", ListPrograms).WithSummary("全部民心工程");
        api.MapGet("/programs/{code}/report-card", GetCard).WithSummary("某日的成绩单（asOf 缺省为最新数据）").Public(AsOfParameter.Name);
        api.MapGet("/programs/{code}/report-card.csv", GetCardCsv).WithSummary("成绩单 CSV，每个指标一行").Public(AsOfParameter.Name);
        api.MapGet("/items/{id}", GetItem).WithSummary("子项及其全部经审核的进展报告");
        return app;
    }

    private static async Task<Ok<List<ProgramSummary>>> ListPrograms(PublicPrograms programs, CancellationToken cancellationToken)
    {
        var all = await programs.AllAsync(cancellationToken);
        return TypedResults.Ok(all.Select(Documents.Summary).ToList());
    }

    private static async Task<Results<Ok<ReportCardDocument>, ProblemHttpResult>> GetCard(
        string code, string? asOf, PublicPrograms programs, Ratings.RatingBoard ratings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (card, problem) = await CardAsync(code, asOf, programs, cancellationToken);
        return card is null ? problem! : TypedResults.Ok(Documents.Card(card, PublicPrograms.Lights(card)) with
        {
            Rating = Ratings.RatingDocuments.Program(await ratings.ForAsync(card.Program, cancellationToken), ChinaTime.Today(clock)),
        });
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCardCsv(
        string code, string? asOf, PublicPrograms programs, CancellationToken cancellationToken)
    {
        var (card, problem) = await CardAsync(code, asOf, programs, cancellationToken);
        return card is null
            ? problem!
            : TypedResults.File(CardCsv.Write(card, PublicPrograms.Lights(card)), "text/csv; charset=utf-8", $"{code}-{AsOfParameter.Format(card.AsOf)}.csv");
    }

    private static async Task<(ReportCard? Card, ProblemHttpResult? Problem)> CardAsync(
        string code, string? asOf, PublicPrograms programs, CancellationToken cancellationToken)
    {
        if (!AsOfParameter.TryParse(asOf, out var date))
        {
            return (null, TypedResults.Problem(
                title: "日期格式有误",
                detail: $"参数 asOf 的值“{asOf}”不是有效日期，应为 YYYY-MM-DD，例如 2025-06-30。",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["parameter"] = AsOfParameter.Name }));
        }
        var program = await programs.FindAsync(code, cancellationToken);
        return program is null
            ? (null, NotFound($"没有标识为“{code}”的民心工程。"))
            : (PublicPrograms.Card(program, date), null);
    }

    private static async Task<Results<Ok<ItemDocument>, ProblemHttpResult>> GetItem(
        string id, PublicPrograms programs, Messages.MessageBoards boards, Ratings.RatingBoard ratings, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParseItem(id, out var programCode, out var itemCode))
        {
            return NotFound($"“{id}”不是有效的子项标识，应形如 jinnan-2025-07-1。");
        }
        var program = await programs.FindAsync(programCode, cancellationToken);
        var item = program?.Items.FirstOrDefault(i => i.Code == itemCode);
        if (program is null || item is null)
        {
            return NotFound($"没有标识为“{id}”的子项。");
        }
        var programCard = PublicPrograms.Card(program, null);
        var lights = PublicPrograms.Lights(programCard);
        var card = programCard.Items.First(i => i.Item.Code == item.Code);
        return TypedResults.Ok(Documents.Item(program, card, ReportCardCalculator.Timeline(item), lights.Rule, lights[item.Code],
            (await boards.ForAsync(program, cancellationToken)).Item(item.Id)) with
        {
            Rating = Ratings.RatingDocuments.Item(await ratings.ForAsync(program, cancellationToken), item.Id, ChinaTime.Today(clock)),
        });
    }

    private static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "未找到", detail: detail, statusCode: StatusCodes.Status404NotFound);
}

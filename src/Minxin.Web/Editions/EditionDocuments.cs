using Microsoft.AspNetCore.Http.HttpResults;
using Minxin.Documents.Articles;

using Minxin.Domain.Articles;
using Minxin.Domain.Oversight;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Editions;

/// <summary>
/// The documents that leave the system, generated from an edition: the article (Markdown, WeChat-ready HTML, DOCX)
/// for editors, and the briefing book (A4 PDF) for leaders. Editions never change, so these are cached like pages.
/// </summary>
public static class EditionDocuments
{
    public static WebApplication MapEditionDocuments(this WebApplication app)
    {
        var documents = app.MapGroup("/programs/{code}/editions/{slug}").WithTags("成绩单文档").Public().RequireRateLimiting(RateLimitPolicies.Public);
        documents.MapGet("/article.md", (string code, string slug, PublicPrograms programs, CancellationToken ct) =>
            Document(code, slug, programs, view => Text(ArticleFormats.Render(ArticleWriter.Write(view.Card), ArticleFormat.Markdown), "text/markdown; charset=utf-8"), ct))
            .WithSummary("成绩单文章（Markdown）");
        documents.MapGet("/article.html", (string code, string slug, PublicPrograms programs, CancellationToken ct) =>
            Document(code, slug, programs, view => Text(WeChatHtml.Render(ArticleWriter.Write(view.Card)), "text/html; charset=utf-8"), ct))
            .WithSummary("成绩单文章（可粘贴到公众号编辑器的 HTML，只用行内样式）");
        documents.MapGet("/article.docx", (string code, string slug, PublicPrograms programs, CancellationToken ct) =>
            Document(code, slug, programs, view => TypedResults.File(ArticleDocx.Write(ArticleWriter.Write(view.Card)),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{code}-{slug}.docx"), ct))
            .WithSummary("成绩单文章（Word）");
        documents.MapGet("/briefing.pdf", (string code, string slug, PublicPrograms programs, Microsoft.Extensions.Options.IOptions<MinxinOptions> options, CancellationToken ct) =>
            Document(code, slug, programs, view =>
            {
                var lights = view.Lights.ByCode.ToDictionary(l => l.Key, l => new Minxin.Documents.Briefing.ItemLight(l.Value.Color.Code(), l.Value.Color.ToChinese(), l.Value.Reason));
                try
                {
                    return TypedResults.File(new Minxin.Documents.Briefing.BriefingBook(options.Value.DocumentFont).Write(view.Card, lights), "application/pdf", $"{code}-{slug}.pdf");
                }
                catch (FileNotFoundException)
                {
                    return TypedResults.Problem(title: "暂时无法生成", detail: "服务器上没有可嵌入 PDF 的中文字体（如 fonts-noto-cjk），请联系管理员。",
                        statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            }, ct))
            .WithSummary("领导简报：成绩单的 A4 PDF（嵌入中文字体）");
        return app;
    }

    private static ContentHttpResult Text(string text, string contentType) => TypedResults.Text(text, contentType);

    private static async Task<IResult> Document(string code, string slug, PublicPrograms programs, Func<EditionView, IResult> render, CancellationToken cancellationToken)
    {
        var program = await programs.FindAsync(code, cancellationToken);
        var edition = program is null ? null : EditionViews.Find(program, slug);
        return program is null || edition is null
            ? TypedResults.Problem(title: "未找到", detail: $"没有“{code}”的网址标识为“{slug}”的成绩单。", statusCode: StatusCodes.Status404NotFound)
            : render(EditionViews.View(program, edition));
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Minxin.Domain.Messages;
using Minxin.Web.Platform;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Messages;

/// <summary>What a front end gets for a message it posted: the receipt number, the due day and where to look it up.</summary>
public sealed record ReceiptDocument(string ReceiptNumber, DateOnly DueOn, string Lookup);

/// <summary>
/// The public forms for other front ends (the district's WeChat mini-program): the same field names as the pages,
/// form-urlencoded or JSON; 201 with the receipt, ProblemDetails with <c>errors</c> by field, 429 past a limit.
/// </summary>
public static class MessagesApi
{
    /// <summary>Generous for a 1,000-character message (up to 12 bytes a character once form-encoded), small enough to refuse floods early.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddSingleton<MessageBoards>();
        services.AddSingleton<ContactLimits>();
        services.AddScoped<MessageIntake>();
        services.AddHostedService<ObjectionWindowCloser>();
        return services;
    }

    public static WebApplication MapMessagesApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("留言").RequireRateLimiting(RateLimitPolicies.Messages)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
        api.MapPost("/items/{id}/messages", (string id, HttpContext http, PublicPrograms programs, MessageIntake intake, CancellationToken cancellationToken) =>
                PostAsync(http, intake, MessageTarget.ItemAsync(programs, id, null, cancellationToken), cancellationToken))
            .WithSummary("对子项留言（意见建议、问题反映、表扬），字段 message、name、contact、kind、consent、showName")
            .Produces<ReceiptDocument>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/items/{id}/help-requests", (string id, HttpContext http, PublicPrograms programs, MessageIntake intake, CancellationToken cancellationToken) =>
                PostAsync(http, intake, MessageTarget.ItemAsync(programs, id, MessageKind.HelpRequest, cancellationToken), cancellationToken))
            .WithSummary("就子项申请帮办，字段同留言（无 kind）")
            .Produces<ReceiptDocument>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/programs/{code}/messages", (string code, HttpContext http, PublicPrograms programs, MessageIntake intake, CancellationToken cancellationToken) =>
                PostAsync(http, intake, MessageTarget.ProgramAsync(programs, code, cancellationToken), cancellationToken))
            .WithSummary("对民心工程整体留言，字段同子项留言")
            .Produces<ReceiptDocument>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpContext http, MessageIntake intake, Task<MessageTarget?> find, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (PublicForms.IsCrossSite(http.Request))
        {
            return TypedResults.Problem(title: "没有权限", detail: PublicForms.CrossSiteMessage, statusCode: StatusCodes.Status403Forbidden);
        }
        var target = await find;
        if (target is null)
        {
            return TypedResults.Problem(title: "未找到", detail: "没有这个民心工程或子项，或者它尚未公开。", statusCode: StatusCodes.Status404NotFound);
        }
        var form = await ReadAsync(http.Request, cancellationToken);
        if (form is null)
        {
            return TypedResults.Problem(title: "请求有误",
                detail: "正文须是表单（application/x-www-form-urlencoded）或 JSON 对象，字段为 message、name、contact、kind、consent、showName，不超过 1 MB。",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var result = await intake.ReceiveAsync(target, form, cancellationToken);
        switch (result.Outcome)
        {
            case IntakeOutcome.Accepted:
                var message = result.Message!;
                return TypedResults.Created($"/messages/receipt/{message.ReceiptNumber}",
                    new ReceiptDocument(message.ReceiptNumber, message.DueOn, "/messages/lookup"));
            case IntakeOutcome.ContactLimited:
                http.Response.Headers.RetryAfter = "3600";
                return Problem(result.Problems, StatusCodes.Status429TooManyRequests, "提交过于频繁");
            default:
                return Problem(result.Problems, StatusCodes.Status400BadRequest, "提交的内容有误");
        }
    }

    private static ProblemHttpResult Problem(IReadOnlyList<FieldProblem> problems, int status, string title) =>
        TypedResults.Problem(
            title: title,
            detail: string.Join("；", problems.Select(p => p.Message)),
            statusCode: status,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.GroupBy(p => p.Field.Length == 0 ? "" : p.Field)
                    .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            });

    /// <summary>The form or JSON body, or null when it is neither (or too large to be a message).</summary>
    private static async Task<MessageForm?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        try
        {
            if (request.HasFormContentType)
            {
                return MessageForm.From(await request.ReadFormAsync(cancellationToken));
            }
            if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                return document.RootElement.ValueKind == JsonValueKind.Object ? MessageForm.From(document.RootElement) : null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or BadHttpRequestException)
        {
            return null;
        }
        return null;
    }
}

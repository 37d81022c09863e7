using Microsoft.AspNetCore.Diagnostics;

namespace Minxin.Web.Platform;

/// <summary>What each error means to a reader, in plain Chinese: the error page and open data say the same.</summary>
public static class ErrorTexts
{
    public static (string Title, string Detail) Of(int status, bool api = false) => (status, api) switch
    {
        (404, true) => ("未找到", "没有这个开放数据接口，接口说明见 /openapi/v1.json。"),
        (400, true) => ("请求有误", "请求无法读取：正文须是有效的 JSON，各字段的名称和类型须与接口说明（/openapi/v1.json）一致。"),
        (405, true) => ("请求方式有误", "开放数据接口只能读取（GET），不支持这种请求方式。"),
        _ => Common(status),
    };

    private static (string Title, string Detail) Common(int status) => status switch
    {
        400 => ("请求有误", "提交的内容有误，请返回检查后再试。"),
        403 => ("没有权限", "您没有查看此页面的权限。"),
        404 => ("页面不存在", "您要找的页面不存在，可能是链接有误，或者该内容已经调整。"),
        405 => ("请求方式有误", "此页面不支持这种访问方式。"),
        413 => ("内容太大", "提交的内容超过了大小上限：照片或 PDF 每个不超过 10 MB。请返回，换一个较小的文件再试。"),
        414 => ("链接太长", "这个链接太长，无法打开。请从首页或上一页重新进入。"),
        429 => ("访问过于频繁", "您的访问过于频繁，请稍等片刻再试。"),
        _ => ("系统暂时出错", "系统暂时出现问题，我们已记录下来，请稍后再试。"),
    };
}

/// <summary>
/// Under /api/ every answer is JSON, errors included: ProblemDetails with a Chinese title and detail, whatever the
/// client says it accepts. Pages get the Chinese error page instead.
/// </summary>
public static class ApiProblems
{
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context, int status)
    {
        var (title, detail) = ErrorTexts.Of(status, api: true);
        return TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
    }

    /// <summary>After the status code pages of the site: fills in an empty API error before they would.</summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(c => IsApi(c.HttpContext) ? WriteAsync(c.HttpContext, c.HttpContext.Response.StatusCode) : Task.CompletedTask);

    /// <summary>An exception under /api/ is a 500 problem; elsewhere the error page is shown.</summary>
    public sealed class Exceptions : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsApi(httpContext))
            {
                return false;
            }
            // A body too large or unreadable is the client's mistake (413, 400), anything else ours.
            await WriteAsync(httpContext, exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);
            return true;
        }
    }
}

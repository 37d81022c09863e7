using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Minxin.Web.Platform;

/// <summary>
/// The forms readers post from public pages (messages, help requests, objections, ratings, subscriptions). Those pages
/// are cached and shared by every reader, so they cannot carry a per-reader antiforgery token; and the forms carry no
/// authority a forged post could borrow (no sign-in, no personal account). What they refuse instead is a post that a
/// browser says came from another site: <c>Sec-Fetch-Site: cross-site</c>, or an <c>Origin</c> that is not this
/// site's (OWASP's fetch-metadata defence). Other front ends that are not browsers (the district's WeChat
/// mini-program, server to server) send neither header and are let through, under the same rate limits.
/// </summary>
public static class PublicForms
{
    public const string CrossSiteMessage = "为防止冒用，不接受从其他网站提交的表单。请在本站页面上填写后提交。";

    public static bool IsCrossSite(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site")
        {
            return true;
        }
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || origin == "null" && request.Headers["Sec-Fetch-Site"].ToString() is "same-origin")
        {
            return false;
        }
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// On a public form's page model: no antiforgery token (see <see cref="PublicForms"/>), cross-site posts answered 403
/// with a Chinese page, and the response never cached or stored (it may show what the reader typed).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicFormAttribute : Attribute, IAsyncPageFilter, IFilterFactory
{
    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) => this;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && PublicForms.IsCrossSite(http.Request))
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status403Forbidden,
                ContentType = "text/plain; charset=utf-8",
                Content = PublicForms.CrossSiteMessage,
            };
            return;
        }
        await next();
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Minxin.Web.Platform;

/// <summary>
/// Before routing: refuses what no page of this site can mean. A scheme other than http or https (a proxy's
/// X-Forwarded-Proto) would become the scheme of shared links; a query string longer than any link a page makes is
/// refused before it reaches one (a QR code holds about 2,300 characters).
/// </summary>
public sealed class RequestChecks(RequestDelegate next)
{
    public const int MaxQueryLength = 2048;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // The error page shown for a refused request is not refused again.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            var scheme = request.Scheme;
            if (scheme is not ("http" or "https"))
            {
                if (!scheme.Equals("http", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return Task.CompletedTask;
                }
                // A proxy may write it in capitals; links and cache keys use one spelling.
                request.Scheme = scheme.ToLowerInvariant();
            }
            if (request.QueryString.Value?.Length > MaxQueryLength)
            {
                context.Response.StatusCode = StatusCodes.Status414UriTooLong;
                return Task.CompletedTask;
            }
        }
        return next(context);
    }
}

/// <summary>
/// After routing: a Razor page answers GET and HEAD, and another method only through a handler of its own (OnPost…).
/// Left alone, a TRACE or PUT would render the page without running its handler.
/// </summary>
public sealed class PageMethods(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            || context.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not { } page
            // The error page is shown for whatever method failed.
            || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerFeature>() is not null
            || page.HandlerMethods.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = string.Join(", ",
            new[] { HttpMethods.Get, HttpMethods.Head }.Concat(page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant())).Distinct());
        return Task.CompletedTask;
    }
}

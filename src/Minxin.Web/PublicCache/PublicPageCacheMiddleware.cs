using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Minxin.Web.Platform;
using Minxin.Web.ReportCards;

namespace Minxin.Web.PublicCache;

/// <summary>
/// Before routing: answers a public GET from the cache when it can, on the socket thread the request came in on.
/// Everything else moves to the thread pool first, so a render, or anything that blocks, never holds up the other
/// connections of that socket thread (see PlatformSetup.RunRequestsOnSocketThreads).
/// </summary>
public sealed class ServeFromPublicCache(RequestDelegate next, PublicPageCache cache)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && cache.TryGet(cache.Key(request), out var cached))
        {
            return PublicResponses.WriteAsync(context, cached, fromCache: true);
        }
        return OnThreadPool(context);
    }

    private async Task OnThreadPool(HttpContext context)
    {
        await Task.Yield();
        await next(context);
    }
}

/// <summary>
/// After routing: a public endpoint's request is rewritten to its canonical address (<see cref="CanonicalAddress"/>)
/// and answered from the cache under it when it can (an address with unknown parameters shares the entry of the one
/// without). Otherwise the response is buffered, compressed in one go for this reader, sent with an ETag, and — when
/// it is a 200 without cookies and the cache is on — kept for the next reader.
/// </summary>
public sealed class PublicResponses(RequestDelegate next, PublicPageCache cache, IOptions<MinxinOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            || context.GetEndpoint()?.Metadata.GetMetadata<PublicAttribute>() is not { } page)
        {
            await next(context);
            return;
        }
        CanonicalAddress.Apply(context, page);
        var key = cache.Key(context.Request);
        if (cache.TryGet(key, out var cached))
        {
            await WriteAsync(context, cached, fromCache: true);
            return;
        }
        var render = cache.Begin(TagOf(context));
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0 || response.ContentType is null)
        {
            // An empty body stays unwritten, so status code pages can still fill it in (a 404 gets its Chinese page).
            if (buffer.Length > 0)
            {
                response.ContentLength = buffer.Length;
                await original.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
            }
            return;
        }
        var kept = options.Value.CachePublicPages;
        var rendered = cache.Create(render, key, response.ContentType, buffer.ToArray(), kept);
        if (kept)
        {
            cache.Store(rendered);
        }
        await WriteAsync(context, rendered, fromCache: false);
    }

    public static Task WriteAsync(HttpContext context, CachedResponse cached, bool fromCache)
    {
        var variant = cached.For(PublicCompression.Negotiate(context));
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = variant.ETag;
        // Browsers may keep the page but must ask each time; an unchanged page then costs a 304.
        headers.CacheControl = "no-cache";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (fromCache)
        {
            headers.Age = ((long)Math.Max(0, (DateTimeOffset.UtcNow - cached.StoredAt).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        if (context.Request.Headers.IfNoneMatch == variant.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = cached.ContentType;
        if (variant.Encoding != PublicCompression.Identity)
        {
            headers.ContentEncoding = variant.Encoding;
        }
        response.ContentLength = variant.Body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(variant.Body).AsTask();
    }

    /// <summary>The program a response shows, from its route ({code} or an item {id}); else it is about all programs.</summary>
    private static string TagOf(HttpContext context)
    {
        var values = context.Request.RouteValues;
        var code = values["code"] as string;
        if (code is null && values["id"] is string id && PublicIds.TryParseItem(id, out var program, out _))
        {
            code = program;
        }
        return code is null ? PublicPageCache.ProgramListTag : PublicPageCache.ProgramTag(code);
    }
}

public static class PublicCacheSetup
{
    public static IServiceCollection AddPublicCache(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PublicPageCache>();
        services.AddSingleton<DataVersions>();
        services.AddSingleton<CitizenActivity>();
        services.AddHostedService<DataChangeWatcher>();
        return services;
    }

    /// <summary>Before routing: answer from the cache when possible (with the cache off nothing is stored, so never).</summary>
    public static IApplicationBuilder UsePublicCacheLookup(this WebApplication app) => app.UseMiddleware<ServeFromPublicCache>();

    /// <summary>After routing: compress public responses and keep them for the next reader.</summary>
    public static IApplicationBuilder UsePublicResponses(this WebApplication app) => app.UseMiddleware<PublicResponses>();
}

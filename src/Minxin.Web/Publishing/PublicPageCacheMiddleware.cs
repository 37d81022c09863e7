using Microsoft.Net.Http.Headers;
using Minxin.Web.Platform;

namespace Minxin.Web.Publishing;

/// <summary>Serves cached public responses before routing; a miss goes on and is captured after routing.</summary>
public sealed class ServeFromPublicCache(RequestDelegate next, PublicPageCache cache)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && cache.TryGet(PublicPageCache.Key(request, PublicCompression.Negotiate(context)), out var cached))
        {
            return WriteAsync(context, cached);
        }
        return next(context);
    }

    public static Task WriteAsync(HttpContext context, CachedResponse cached, bool fromCache = true)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = cached.ETag;
        // Browsers may keep the page but must ask each time; an unchanged page then costs a 304.
        headers.CacheControl = "no-cache";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (fromCache)
        {
            headers.Age = ((long)Math.Max(0, (DateTimeOffset.UtcNow - cached.StoredAt).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (context.Request.Headers.IfNoneMatch == cached.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = cached.ContentType;
        if (cached.ContentEncoding is not null)
        {
            headers.ContentEncoding = cached.ContentEncoding;
        }
        response.ContentLength = cached.Body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(cached.Body).AsTask();
    }
}

/// <summary>After routing: keeps the response of a public endpoint (a 200 without cookies) for the next reader.</summary>
public sealed class CapturePublicResponse(RequestDelegate next, PublicPageCache cache)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || !context.IsPublic())
        {
            await next(context);
            return;
        }
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
        var encoding = response.Headers.ContentEncoding.Count > 0 ? response.Headers.ContentEncoding.ToString() : null;
        var stored = cache.Store(
            PublicPageCache.Key(context.Request, PublicCompression.Negotiate(context)),
            TagOf(context),
            response.ContentType,
            encoding,
            buffer.ToArray());
        await ServeFromPublicCache.WriteAsync(context, stored, fromCache: false);
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

public static class PublishingSetup
{
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PublicPageCache>();
        services.AddPublicCompression();
        services.AddSingleton<DataVersions>();
        services.AddHostedService<DataChangeWatcher>();
        return services;
    }

    /// <summary>Before routing: answer from the cache when possible.</summary>
    public static IApplicationBuilder UsePublicCacheLookup(this WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MinxinOptions>>().Value.CachePublicPages
            ? app.UseMiddleware<ServeFromPublicCache>()
            : app;

    /// <summary>After routing: keep public responses (compressed) for the next reader.</summary>
    public static IApplicationBuilder UsePublicCacheCapture(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MinxinOptions>>().Value.CachePublicPages)
        {
            app.UseMiddleware<CapturePublicResponse>();
        }
        return app.UsePublicCompression();
    }
}

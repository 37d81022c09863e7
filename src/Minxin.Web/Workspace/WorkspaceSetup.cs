using Minxin.Web.Workspace.Accounts;
using Minxin.Web.Workspace.Api;
using Minxin.Web.Workspace.Audit;
using Minxin.Web.Workspace.Reminders;
using Minxin.Web.Workspace.FollowUps;
using Minxin.Web.Workspace.Reporting;
using Minxin.Web.Workspace.Review;
using Minxin.Web.Workspace.Rounds;

namespace Minxin.Web.Workspace;

/// <summary>The staff side: accounts, the pages under /workspace and the API under /api/v1/workspace.</summary>
public static class WorkspaceSetup
{
    public static IServiceCollection AddWorkspace(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddStaffAuthentication();
        services.AddScoped<AuditTrail>();
        services.AddScoped<ReportingService>();
        services.AddScoped<ReviewService>();
        services.AddScoped<RoundService>();
        services.AddScoped<TaskList>();
        services.AddScoped<Spreadsheets.UnitSheetService>();
        services.AddScoped<EvidenceFiles>();
        services.AddScoped<Programs.PlanService>();
        services.AddScoped<Editions.EditionService>();
        services.AddScoped<Lights.LightService>();
        services.AddScoped<FollowUps.FollowUpService>();
        services.AddScoped<Messages.MessageService>();
        services.AddSingleton<PublicChanges>();
        services.AddReminders();
        return services;
    }

    /// <summary>Staff responses are for one person: no cache, no proxy and no browser history keeps them.</summary>
    public static IApplicationBuilder UseWorkspaceResponses(this WebApplication app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/workspace", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments(WorkspaceApi.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
                    return Task.CompletedTask;
                });
            }
            return next(context);
        });

    public static WebApplication MapWorkspace(this WebApplication app)
    {
        app.MapWorkspaceApi();
        app.MapFollowUpApi();
        Messages.MessageApi.MapMessageApi(app);
        return app;
    }
}

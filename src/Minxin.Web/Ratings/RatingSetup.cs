using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Minxin.Data;
using Minxin.Domain.Quantities;
using Minxin.Web.Platform;
using Minxin.Web.Workspace;

namespace Minxin.Web.Ratings;

public static class RatingSetup
{
    /// <summary>Satisfaction ratings: the public results and form, the reader cookie, and the staff side's service.</summary>
    public static IServiceCollection AddRatings(this IServiceCollection services)
    {
        services.AddSingleton<RatingBoard>();
        services.AddSingleton<ReaderIds>();
        services.AddScoped<Workspace.Ratings.RatingService>();
        services.AddHostedService<RatingDays>();
        return services;
    }

    /// <summary>The staff API of rating windows (the public pages are Razor pages, found by convention).</summary>
    public static WebApplication MapRatingApi(this WebApplication app) => Workspace.Ratings.RatingApi.Map(app);
}

/// <summary>
/// A window opens and closes at midnight in Beijing, with nobody saving anything: the cached pages of programs with
/// windows would go on showing (or not showing) the form. Each node checks the date every poll and, when it has
/// moved, drops those programs' pages once.
/// </summary>
public sealed class RatingDays(IServiceScopeFactory scopes, PublicChanges changes, TimeProvider clock, IOptions<MinxinOptions> options, ILogger<RatingDays> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = ChinaTime.Today(clock);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(options.Value.ChangePollSeconds, 0.1)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var today = ChinaTime.Today(clock);
            if (today == seen)
            {
                continue;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
                var codes = await db.RatingWindows.Select(w => w.Program.Code).Distinct().ToListAsync(stoppingToken);
                foreach (var code in codes)
                {
                    changes.Evict(code);
                }
                seen = today;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not refresh the rating windows' pages for the new day");
            }
        }
    }
}

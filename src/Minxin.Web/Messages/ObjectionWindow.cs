using System.Globalization;
using Microsoft.Extensions.Options;
using Minxin.Domain.Quantities;
using Minxin.Web.Platform;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Messages;

/// <summary>
/// The 公示期 a coordinator may open when publishing an edition: 0–30 days from the day it is published in Minxin
/// (China time), the first day readers can see it, whatever date is printed on it.
/// </summary>
public static class ObjectionWindow
{
    public const string Field = "objectionDays";

    public const int MaxDays = 30;

    /// <summary>What the form's text means: null when empty, -1 when it is no whole number (refused by <see cref="Check"/>).</summary>
    public static int? Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days
        : -1;

    /// <summary>The days asked for (0 when none), or 0 with the field's problem added.</summary>
    public static int Check(int? days, List<(string, string)> errors)
    {
        if (days is null or 0)
        {
            return 0;
        }
        if (days is > 0 and <= MaxDays)
        {
            return days.Value;
        }
        errors.Add((Field, $"公示期须为0到{MaxDays}之间的整数天数，不设公示期请填0或留空。"));
        return 0;
    }

    public static DateOnly? Until(TimeProvider clock, int days) => days == 0 ? null : ChinaTime.Today(clock).AddDays(days);

    public static string AuditText(DateOnly? until) => until is { } u ? $"，公示期至 {IsoDate.Format(u)}" : "";
}

/// <summary>
/// Cached edition pages show the objection form while the 公示期 is open. Nothing in the data changes when it ends, so
/// when the day (China time) turns, this node drops the pages of programs whose window just closed.
/// </summary>
public sealed class ObjectionWindowCloser(PublicPrograms programs, PublicPageCache pages, TimeProvider clock, IOptions<MinxinOptions> options,
    ILogger<ObjectionWindowCloser> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = ChinaTime.Today(clock);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Min(30, options.Value.ChangePollSeconds)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var today = ChinaTime.Today(clock);
            if (today == seen)
            {
                continue;
            }
            try
            {
                foreach (var program in await programs.AllAsync(stoppingToken))
                {
                    if (program.Editions.Any(e => e.ObjectionsUntil is { } until && until >= seen && until < today))
                    {
                        pages.Evict(PublicPageCache.ProgramTag(program.Code));
                    }
                }
                seen = today;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not drop the pages of closed objection windows");
            }
        }
    }
}

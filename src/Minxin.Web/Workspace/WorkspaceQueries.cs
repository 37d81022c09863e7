using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;
using Minxin.Web.PublicCache;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Workspace;

/// <summary>
/// How the workspace reads: items with everything a report is checked against, and the scope of each actor applied
/// where the data is read (own region; a reporter's own unit's items), so a list never shows what its reader may not see.
/// </summary>
public static class WorkspaceQueries
{
    /// <summary>Items with their program, units, indicators, sites and every report (figures, sites, history, attachments).</summary>
    public static IQueryable<Item> ItemsWithReports(this MinxinDbContext db) => db.Items
        .Include(i => i.Category).ThenInclude(c => c.Program).ThenInclude(p => p.Region)
        .Include(i => i.Category).ThenInclude(c => c.Program).ThenInclude(p => p.Sources)
        .Include(i => i.Units).ThenInclude(u => u.Unit)
        .Include(i => i.Indicators)
        .Include(i => i.Sites)
        .Include(i => i.Reports).ThenInclude(r => r.Values)
        .Include(i => i.Reports).ThenInclude(r => r.SiteUpdates)
        .Include(i => i.Reports).ThenInclude(r => r.Events)
        .Include(i => i.Reports).ThenInclude(r => r.Attachments)
        .AsSplitQuery();

    /// <summary>The item with public id "jinnan-2025-07-1", or null.</summary>
    public static Task<Item?> FindItemAsync(this MinxinDbContext db, string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParseItem(publicId, out var programCode, out var itemCode) || !ItemCode.TryParse(itemCode, out var category, out var number))
        {
            return Task.FromResult<Item?>(null);
        }
        return db.ItemsWithReports()
            .FirstOrDefaultAsync(i => i.Category.Program.Code == programCode && i.Category.Number == category && i.Number == number, cancellationToken);
    }

    /// <summary>The report with its item (and the item's other reports, for comparison), or null.</summary>
    public static async Task<ProgressReport?> FindReportAsync(this MinxinDbContext db, int id, CancellationToken cancellationToken)
    {
        var item = await db.ItemsWithReports().FirstOrDefaultAsync(i => i.Reports.Any(r => r.Id == id), cancellationToken);
        return item?.Reports.Single(r => r.Id == id);
    }

    /// <summary>The items the actor sees: its region's; for a reporter, only those its unit leads or co-operates on.</summary>
    public static IQueryable<Item> VisibleTo(this IQueryable<Item> items, StaffActor actor)
    {
        var inRegion = items.Where(i => i.Category.Program.RegionId == actor.RegionId);
        return actor.Role switch
        {
            StaffRole.Reporter when actor.UnitId is { } unit => inRegion.Where(i => i.Units.Any(u => u.UnitId == unit)),
            StaffRole.Reporter => inRegion.Where(_ => false),
            StaffRole.Admin => inRegion.Where(_ => false),
            _ => inRegion,
        };
    }

    public static IQueryable<ProgressReport> VisibleTo(this IQueryable<ProgressReport> reports, StaffActor actor)
    {
        var inRegion = reports.Where(r => r.Item.Category.Program.RegionId == actor.RegionId);
        return actor.Role switch
        {
            StaffRole.Reporter when actor.UnitId is { } unit => inRegion.Where(r => r.Item.Units.Any(u => u.UnitId == unit)),
            StaffRole.Coordinator or StaffRole.Leader => inRegion,
            _ => inRegion.Where(_ => false),
        };
    }

    public static IQueryable<LivelihoodProgram> VisibleTo(this IQueryable<LivelihoodProgram> programs, StaffActor actor) =>
        actor.May(StaffAction.ViewPrograms) ? programs.Where(p => p.RegionId == actor.RegionId) : programs.Where(_ => false);

    /// <summary>"jinnan-2025-07-1".</summary>
    public static string PublicId(this Item item) => PublicIds.Item(item.Category.Program, item);
}

using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.FollowUps;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Overview;

/// <summary>
/// /workspace/overview: what a leader reads at a glance — items by light, the lagging ones worst first, units late in
/// the open rounds, open 督办 with their deadlines, and the lights month by month. Printable on A4.
/// </summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class OverviewModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, TimeProvider clock) : PageModel
{
    public sealed record Lagging(ItemCard Item, ItemLight Light);

    public sealed record LateUnit(ReportingRound Round, UnitRoundProgress Progress);

    public sealed record Month(DateOnly AsOf, IReadOnlyDictionary<LightColor, int> Counts);

    public static readonly LightColor[] Colors = [LightColor.Red, LightColor.Yellow, LightColor.Green, LightColor.Completed, LightColor.None];

    public IReadOnlyList<LivelihoodProgram> Programs { get; private set; } = [];

    public LivelihoodProgram? Program { get; private set; }

    public ReportCard Card { get; private set; } = null!;

    public CardLights Lights { get; private set; } = null!;

    public IReadOnlyList<Lagging> LaggingItems { get; private set; } = [];

    public IReadOnlyList<LateUnit> LateUnits { get; private set; } = [];

    public IReadOnlyList<FollowUp> OpenFollowUps { get; private set; } = [];

    public IReadOnlyList<Month> Months { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? program, CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        Programs = await db.Programs.AsNoTracking().VisibleTo(actor).Where(p => p.Publication == PublicationState.Published)
            .OrderByDescending(p => p.Year).ThenBy(p => p.Code).ToListAsync(cancellationToken);
        var code = program ?? (Programs.Count > 0 ? Programs[0].Code : null);
        if (code is null)
        {
            return Page();
        }
        var loaded = await ProgramStore.LoadAsync(db, code, publicOnly: true, cancellationToken);
        if (loaded is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewPrograms, loaded))
        {
            return Forbid();
        }
        Program = loaded;
        Today = ChinaTime.Today(clock);
        Card = ReportCardCalculator.Compute(loaded, ReportCardCalculator.LatestReportDate(loaded));
        Lights = Domain.Oversight.Lights.Live(Card);
        LaggingItems = Card.Items.Select(i => new Lagging(i, Lights[i.Item.Code]))
            .Where(l => l.Light.Color is LightColor.Red or LightColor.Yellow)
            .OrderBy(l => l.Light.Color == LightColor.Red ? 0 : 1).ThenBy(l => l.Light.Gap ?? decimal.MinValue).ThenBy(l => l.Item.Item.Code)
            .ToList();

        var rounds = await db.Rounds.AsNoTracking().Where(r => r.ProgramId == loaded.Id && r.ClosedAt == null).ToListAsync(cancellationToken);
        if (rounds.Count > 0)
        {
            var items = await db.ItemsWithReports().AsNoTrackingWithIdentityResolution().Where(i => i.Category.ProgramId == loaded.Id).ToListAsync(cancellationToken);
            LateUnits = rounds.SelectMany(r => RoundProgress.ByUnit(items, r, Today).Where(u => u.Late > 0).Select(u => new LateUnit(r, u)))
                .OrderByDescending(u => u.Progress.Late).ToList();
        }
        OpenFollowUps = await db.FollowUps.AsNoTracking().Include(f => f.Item).ThenInclude(i => i.Category).Include(f => f.Unit)
            .Where(f => f.ProgramId == loaded.Id && f.State != FollowUpState.Closed).OrderBy(f => f.Deadline).ToListAsync(cancellationToken);

        // Month by month: the card as of each month's last day with a report, lit by the rule in force.
        var last = ReportCardCalculator.LatestReportDate(loaded);
        var months = new List<Month>();
        for (var end = new DateOnly(loaded.Year, 1, 1).AddMonths(1).AddDays(-1); end <= last; end = end.AddDays(1).AddMonths(1).AddDays(-1))
        {
            if (Card.ReportDates.Any(d => d <= end))
            {
                var lights = Domain.Oversight.Lights.Live(ReportCardCalculator.Compute(loaded, end));
                months.Add(new Month(end, Colors.ToDictionary(c => c, c => lights.ByCode.Values.Count(l => l.Color == c))));
            }
        }
        Months = months;
        return Page();
    }

    /// <summary>Stacked bars of the counts by light per month; decorative, the same figures are in the table beside it.</summary>
    public IHtmlContent MonthChart()
    {
        const int barWidth = 36, gap = 14, height = 160;
        var total = Math.Max(1, Card.Totals.Items);
        var svg = new StringBuilder($"<svg class=\"ws-chart\" viewBox=\"0 0 {Math.Max(1, Months.Count) * (barWidth + gap) + gap} {height + 24}\" role=\"img\" aria-labelledby=\"month-chart-title\">")
            .Append("<title id=\"month-chart-title\">各月灯号数量（数值见下表）</title>");
        for (var m = 0; m < Months.Count; m++)
        {
            var x = gap + m * (barWidth + gap);
            var y = (double)height;
            foreach (var color in Colors)
            {
                var h = Months[m].Counts[color] * (double)height / total;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y:0.##}\" width=\"{barWidth}\" height=\"{h:0.##}\" class=\"ws-bar-{color.Code()}\"/>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + barWidth / 2}\" y=\"{height + 18}\" text-anchor=\"middle\" class=\"ws-chart-label\">{Months[m].AsOf.Month}月</text>");
        }
        return new HtmlString(svg.Append("</svg>").ToString());
    }
}

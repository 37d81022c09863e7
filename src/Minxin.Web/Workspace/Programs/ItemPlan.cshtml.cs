using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Programs;

/// <summary>
/// /workspace/programs/{code}/items/{item}: one item's plan: wording, lead and co-operating units from the
/// directory, deadline, 牵头领导 and 项目责任人; its indicators (targets with comparators) and sites. Every form
/// carries the item's revision; reports are never touched from here.
/// </summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class ItemPlanModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, PlanService plans, FollowUps.FollowUpService followUps) : PageModel
{
    public const string PlanForm = "plan";
    public const string NewIndicatorForm = "new-indicator";
    public const string NewSiteForm = "new-site";

    public sealed class PlanInput
    {
        public string? Title { get; set; }

        public string? LeadUnit { get; set; }

        public List<string> CooperatingUnits { get; set; } = [];

        public string? Deadline { get; set; }

        public string? LeadOfficial { get; set; }

        public string? ResponsiblePerson { get; set; }
    }

    public sealed class IndicatorInput
    {
        public string? Key { get; set; }

        public string? Name { get; set; }

        public string? Unit { get; set; }

        public string? Target { get; set; }

        public string? Comparator { get; set; }

        public string? Accumulation { get; set; }

        public static IndicatorInput From(Indicator indicator) => new()
        {
            Key = indicator.Key,
            Name = indicator.Name,
            Unit = indicator.Unit,
            Target = indicator.Target is { } t ? Domain.Quantities.ChineseNumbers.Plain(t) : "",
            Comparator = Domain.EnumCodes.ToCode(indicator.Comparator),
            Accumulation = Domain.EnumCodes.ToCode(indicator.Accumulation),
        };
    }

    public sealed class SiteInput
    {
        public string? Key { get; set; }

        public string? Name { get; set; }

        public string? Town { get; set; }

        public static SiteInput From(Site site) => new() { Key = site.Key, Name = site.Name, Town = site.Town };
    }

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "item")]
    public string ItemCode { get; set; } = "";

    /// <summary>The item's revision the posted form was drawn from.</summary>
    [BindProperty(Name = "revision")]
    public int? Revision { get; set; }

    [BindProperty(Name = "id")]
    public int? TargetId { get; set; }

    [BindProperty]
    public PlanInput Plan { get; set; } = new();

    /// <summary>The plan as the form showed it when it was drawn, to tell the reviewer's changes from what others changed meanwhile.</summary>
    [BindProperty]
    public PlanInput Was { get; set; } = new();

    private bool _stale;

    [BindProperty]
    public IndicatorInput Indicator { get; set; } = new();

    [BindProperty]
    public SiteInput Site { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public Item Item { get; private set; } = null!;

    public IReadOnlyList<ResponsibleUnit> Units { get; private set; } = [];

    public bool MayEdit { get; private set; }

    /// <summary>Whether the actor may issue a 督办 about this item (a coordinator of its region).</summary>
    public bool MayIssueFollowUp { get; private set; }

    /// <summary>The 督办 issued about this item that the actor may see, newest first.</summary>
    public IReadOnlyList<Domain.FollowUps.FollowUp> FollowUps { get; private set; } = [];

    public DateOnly Today => followUps.Today;

    /// <summary>The form that was posted and refused, shown again with what was typed.</summary>
    public string? Posted { get; private set; }

    public static string IndicatorForm(int id) => $"indicator-{id}";

    public static string SiteForm(int id) => $"site-{id}";

    public async Task<IActionResult> OnGetAsync() => await ShowAsync() ?? Page();

    public Task<IActionResult> OnPostPlanAsync() => ChangeAsync(PlanForm, (actor, item) => plans.UpdateItemAsync(actor, item, Revision, new ItemPlanRequest
    {
        Title = Plan.Title ?? "",
        LeadUnit = Plan.LeadUnit ?? "",
        CooperatingUnits = InPlanOrder(item, Plan.CooperatingUnits),
        Deadline = Plan.Deadline?.Trim() ?? "",
        LeadOfficial = Plan.LeadOfficial ?? "",
        ResponsiblePerson = Plan.ResponsiblePerson ?? "",
    }, HttpContext.RequestAborted), "已保存子项的计划。");

    public Task<IActionResult> OnPostIndicatorAsync() => ChangeAsync(TargetId is null ? NewIndicatorForm : IndicatorForm(TargetId.Value), (actor, item) =>
        plans.SaveIndicatorAsync(actor, item, Revision, TargetId is null ? null : IndicatorOf(item),
            new IndicatorRequest(Indicator.Key, Indicator.Name, Indicator.Unit, Indicator.Target, Indicator.Comparator, Indicator.Accumulation), HttpContext.RequestAborted),
        TargetId is null ? "已新增指标。" : "已保存指标。");

    public Task<IActionResult> OnPostRemoveIndicatorAsync() => ChangeAsync(IndicatorForm(TargetId ?? 0), (actor, item) =>
        plans.RemoveIndicatorAsync(actor, item, Revision, IndicatorOf(item), HttpContext.RequestAborted), "已删除指标。");

    public Task<IActionResult> OnPostSiteAsync() => ChangeAsync(TargetId is null ? NewSiteForm : SiteForm(TargetId.Value), (actor, item) =>
        plans.SaveSiteAsync(actor, item, Revision, TargetId is null ? null : SiteOf(item), new SiteRequest(Site.Key, Site.Name, Site.Town), HttpContext.RequestAborted),
        TargetId is null ? "已新增点位。" : "已保存点位。");

    public Task<IActionResult> OnPostRemoveSiteAsync() => ChangeAsync(SiteForm(TargetId ?? 0), (actor, item) =>
        plans.RemoveSiteAsync(actor, item, Revision, SiteOf(item), HttpContext.RequestAborted), "已删除点位。");

    /// <summary>The checked co-operating units: those the plan already names keep their order, new ones follow in directory order.</summary>
    private static List<string> InPlanOrder(Item item, List<string> codes)
    {
        var kept = item.CooperatingUnits.Select(u => u.Code).Where(codes.Contains);
        return kept.Concat(codes.Where(c => !kept.Contains(c))).Distinct().ToList();
    }

    private Indicator IndicatorOf(Item item) => item.Indicators.FirstOrDefault(i => i.Id == TargetId) ?? throw new MissingException("没有这个指标。");

    private Site SiteOf(Item item) => item.Sites.FirstOrDefault(s => s.Id == TargetId) ?? throw new MissingException("没有这个点位。");

    private async Task<IActionResult> ChangeAsync(string form, Func<StaffActor, Item, Task> change, string notice)
    {
        var item = await db.FindItemAsync($"{Code}-{ItemCode}", HttpContext.RequestAborted);
        if (item is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.EditPrograms, item.Category.Program))
        {
            return Forbid();
        }
        try
        {
            await change(await current.RequiredActorAsync(), item);
            Notice = notice;
            return Redirect($"/workspace/programs/{Code}/items/{ItemCode}");
        }
        catch (InputException e)
        {
            ModelState.Add(e, form);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (StaleException e)
        {
            ModelState.AddModelError(form, e.Message + FormFields.KeptInput);
            Response.StatusCode = StatusCodes.Status412PreconditionFailed;
            _stale = true;
        }
        catch (MissingException)
        {
            return NotFound();
        }
        Posted = form;
        // The page is drawn from what is stored, not from the refused change.
        db.ChangeTracker.Clear();
        return await ShowAsync() ?? Page();
    }

    private async Task<IActionResult?> ShowAsync()
    {
        var item = await db.ItemsWithReports().AsNoTrackingWithIdentityResolution()
            .FirstOrDefaultAsync(i => i.Category.Program.Code == Code && i.Category.Number == CategoryNumber && i.Number == ItemNumber);
        if (item is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewPrograms, item.Category.Program))
        {
            return Forbid();
        }
        Item = item;
        MayEdit = await access.MayAsync(StaffAction.EditPrograms, item.Category.Program);
        MayIssueFollowUp = await access.MayAsync(StaffAction.IssueFollowUps, item);
        FollowUps = (await followUps.ListAsync(await current.RequiredActorAsync(), Workspace.FollowUps.FollowUpFilter.All, HttpContext.RequestAborted))
            .Where(f => f.ItemId == item.Id).ToList();
        Units = await db.Units.AsNoTracking().Where(u => u.RegionId == item.Category.Program.RegionId).OrderBy(u => u.Name).ToListAsync();
        var stored = new PlanInput
        {
            Title = item.Title,
            LeadUnit = item.LeadUnit?.Code,
            CooperatingUnits = item.CooperatingUnits.Select(u => u.Code).ToList(),
            Deadline = item.Deadline is { } d ? Domain.Quantities.IsoDate.Format(d) : "",
            LeadOfficial = item.LeadOfficial,
            ResponsiblePerson = item.ResponsiblePerson,
        };
        Plan = Posted != PlanForm ? stored : _stale ? Merge(stored, Plan, Was) : Plan;
        return null;
    }

    /// <summary>What others saved meanwhile, with the reviewer's own changes (fields that differ from what the form first showed) on top.</summary>
    private static PlanInput Merge(PlanInput stored, PlanInput posted, PlanInput was)
    {
        static string? Pick(string? stored, string? posted, string? was) => (posted ?? "") == (was ?? "") ? stored : posted;
        return new PlanInput
        {
            Title = Pick(stored.Title, posted.Title, was.Title),
            LeadUnit = Pick(stored.LeadUnit, posted.LeadUnit, was.LeadUnit),
            CooperatingUnits = posted.CooperatingUnits.Order().SequenceEqual(was.CooperatingUnits.Order()) ? stored.CooperatingUnits : posted.CooperatingUnits,
            Deadline = Pick(stored.Deadline, posted.Deadline, was.Deadline),
            LeadOfficial = Pick(stored.LeadOfficial, posted.LeadOfficial, was.LeadOfficial),
            ResponsiblePerson = Pick(stored.ResponsiblePerson, posted.ResponsiblePerson, was.ResponsiblePerson),
        };
    }

    private int CategoryNumber => Domain.Programs.ItemCode.TryParse(ItemCode, out var c, out _) ? c : 0;

    private int ItemNumber => Domain.Programs.ItemCode.TryParse(ItemCode, out _, out var n) ? n : 0;

    /// <summary>What a form of an indicator shows: what was typed when that form was refused, else what is stored.</summary>
    public IndicatorInput IndicatorValues(Indicator? indicator) =>
        Posted == (indicator is null ? NewIndicatorForm : IndicatorForm(indicator.Id)) ? Indicator : indicator is null ? new IndicatorInput() : IndicatorInput.From(indicator);

    public SiteInput SiteValues(Site? site) =>
        Posted == (site is null ? NewSiteForm : SiteForm(site.Id)) ? Site : site is null ? new SiteInput() : SiteInput.From(site);
}

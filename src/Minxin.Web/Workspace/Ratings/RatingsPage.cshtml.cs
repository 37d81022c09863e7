using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Ratings;

/// <summary>
/// /workspace/programs/{code}/ratings: the program's rating windows with each item's tally, the deputies' tallies
/// and the readers' comments (staff only); for a coordinator, the forms that open a window (all items or chosen
/// ones), end one early and enter a deputies' tally. Leaders read.
/// </summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class RatingsPageModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, RatingService ratings) : PageModel
{
    public LivelihoodProgram Program { get; private set; } = null!;

    public IReadOnlyList<StaffWindow> Windows { get; private set; } = [];

    /// <summary>Each item's status on the latest approved reports, to choose the completed ones.</summary>
    public IReadOnlyDictionary<int, ItemStatus> Statuses { get; private set; } = new Dictionary<int, ItemStatus>();

    public bool MayManage { get; private set; }

    public DateOnly Today => ratings.Today;

    [BindProperty(Name = "title")]
    public string? Title { get; set; }

    [BindProperty(Name = "opensOn")]
    public string? OpensOn { get; set; }

    [BindProperty(Name = "closesOn")]
    public string? ClosesOn { get; set; }

    [BindProperty(Name = "minimum")]
    public string? Minimum { get; set; }

    /// <summary>"all" or "chosen".</summary>
    [BindProperty(Name = "scope")]
    public string? Scope { get; set; }

    [BindProperty(Name = "items")]
    public List<string> Items { get; set; } = [];

    /// <summary>?preset=completed ticks the completed items (no script needed).</summary>
    [BindProperty(SupportsGet = true, Name = "preset")]
    public string? Preset { get; set; }

    /// <summary>The window whose deputies' form was posted (its errors are keyed "window-3.source"), null for the other forms.</summary>
    public int? PostedWindow { get; private set; }

    public FormFields Fields => new(ModelState);

    public static string DeputiesForm(int windowId) => $"window-{windowId}";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        Title = $"{Program.Year}年度民心工程满意度测评";
        OpensOn = Domain.Quantities.IsoDate.Format(Today);
        ClosesOn = Domain.Quantities.IsoDate.Format(new DateOnly(Math.Max(Today.Year, Program.Year), 12, 31));
        Minimum = Domain.Ratings.RatingWindow.DefaultMinimumRatings.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Preset == "completed")
        {
            Scope = "chosen";
            Items = Program.Items.Where(i => Statuses.GetValueOrDefault(i.Id) == ItemStatus.Completed).Select(i => i.Code).ToList();
        }
        else
        {
            Scope = "all";
        }
        return Page();
    }

    public Task<IActionResult> OnPostOpenAsync(string code, CancellationToken cancellationToken) =>
        ChangeAsync(code, null, async actor =>
        {
            int? minimum = null;
            if (!string.IsNullOrWhiteSpace(Minimum))
            {
                // Not a whole number: out of range, which the service names at the field.
                minimum = int.TryParse(Minimum.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : -1;
            }
            var chosen = Scope == "chosen";
            var window = await ratings.OpenAsync(actor, Program,
                new RatingWindowRequest(Title, OpensOn, ClosesOn, minimum, chosen ? Items : [], AllItems: !chosen), cancellationToken);
            return $"?done=opened#window-{window.Id}";
        }, cancellationToken);

    public Task<IActionResult> OnPostEndAsync(string code, int window, CancellationToken cancellationToken) =>
        ChangeAsync(code, null, async actor =>
        {
            var found = await ratings.FindAsync(Program, window, cancellationToken) ?? throw new InputException("", "没有这次测评，请刷新页面。");
            try
            {
                await ratings.EndAsync(actor, Program, found, cancellationToken);
            }
            catch (RatingRuleException e)
            {
                throw new InputException("", e.Message);
            }
            return $"?done=ended#window-{window}";
        }, cancellationToken);

    public Task<IActionResult> OnPostDeputiesAsync(string code, int window, string? itemId, string? satisfied, string? basicallySatisfied, string? dissatisfied,
        string? source, CancellationToken cancellationToken) =>
        ChangeAsync(code, window, async actor =>
        {
            var found = await ratings.FindAsync(Program, window, cancellationToken) ?? throw new InputException("", "没有这次测评，请刷新页面。");
            var errors = new List<(string, string)>();
            int? Number(string? text, string field, string name)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }
                if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }
                errors.Add((field, $"“{name}”的票数“{text}”不是整数。"));
                return 0;
            }
            var request = new DeputyTallyRequest(itemId, Number(satisfied, "satisfied", "满意"), Number(basicallySatisfied, "basicallySatisfied", "基本满意"),
                Number(dissatisfied, "dissatisfied", "不满意"), source);
            if (errors.Count > 0)
            {
                throw new InputException(errors);
            }
            await ratings.EnterDeputiesAsync(actor, Program, found, request, cancellationToken);
            return $"?done=deputies#window-{window}";
        }, cancellationToken);

    private async Task<IActionResult> ChangeAsync(string code, int? window, Func<StaffActor, Task<string>> change, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!MayManage)
        {
            return Forbid();
        }
        PostedWindow = window;
        try
        {
            var to = await change(await current.RequiredActorAsync(cancellationToken));
            return Redirect($"/workspace/programs/{code}/ratings{to}");
        }
        catch (InputException e)
        {
            ModelState.Add(e, window is { } w ? DeputiesForm(w) : null);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            // What was saved before the mistake is shown as it is now.
            Windows = await ratings.WindowsAsync(Program, cancellationToken);
            return Page();
        }
    }

    /// <summary>Null when the page may be shown; else why not (404 for no such program, 403 outside the actor's region).</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var program = await ProgramStore.LoadAsync(db, code, publicOnly: true, cancellationToken) ?? await RatingApi.LoadAsync(db, code, cancellationToken);
        if (program is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewPrograms, program))
        {
            return Forbid();
        }
        Program = program;
        MayManage = await access.MayAsync(StaffAction.ManageRatings, program);
        if (program.IsPublished)
        {
            var card = ReportCardCalculator.Compute(program, ReportCardCalculator.LatestReportDate(program));
            Statuses = card.Items.ToDictionary(i => i.Item.Id, i => i.Status);
        }
        Windows = await ratings.WindowsAsync(program, cancellationToken);
        return null;
    }
}

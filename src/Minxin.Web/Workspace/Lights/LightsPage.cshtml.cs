using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.ReportCards;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Lights;

/// <summary>
/// /workspace/programs/{code}/lights: the rule in force with the form for a new version, and every item's light as of
/// the latest approved reports, each with the form that overrides it (with a reason) or lifts an override.
/// </summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class LightsPageModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, LightService lights) : PageModel
{
    public LivelihoodProgram Program { get; private set; } = null!;

    public ReportCard Card { get; private set; } = null!;

    public CardLights Lights { get; private set; } = null!;

    public bool MayEdit { get; private set; }

    /// <summary>The item whose override form was posted, to show its errors there.</summary>
    public string? PostedItem { get; private set; }

    public FormFields Fields => new(ModelState);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostRuleAsync(string code, int? greenWithinPoints, int? yellowWithinPoints, bool redWhenPastDeadline,
        string? aggregation, string? reason, CancellationToken cancellationToken) =>
        await ChangeAsync(code, null, () => lights.ChangeRuleAsync(Actor!, Program,
            new LightRuleRequest(greenWithinPoints, yellowWithinPoints, redWhenPastDeadline, aggregation, reason), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostOverrideAsync(string code, string? item, string? color, string? reason, CancellationToken cancellationToken)
    {
        PostedItem = item;
        return await ChangeAsync(code, item, async () =>
        {
            var target = await db.FindItemAsync($"{code}-{item}", cancellationToken) ?? throw new InputException("item", "请选择要调整灯号的子项");
            await lights.OverrideAsync(Actor!, target, new LightOverrideRequest(color, reason), cancellationToken);
        }, cancellationToken);
    }

    private StaffActor? Actor { get; set; }

    private async Task<IActionResult> ChangeAsync(string code, string? form, Func<Task> change, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        Actor = await current.RequiredActorAsync(cancellationToken);
        try
        {
            await change();
            return Redirect($"/workspace/programs/{code}/lights?done=1" + (form is null ? "" : $"#light-{form}"));
        }
        catch (InputException e)
        {
            foreach (var (field, message) in e.Errors)
            {
                ModelState.AddModelError(FormFields.Key(form is null ? null : $"item-{form}", field), message);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    /// <summary>Null when the page may be shown; else why not (404 for no such program, 403 outside the actor's region).</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var program = await ProgramStore.LoadAsync(db, code, publicOnly: true, cancellationToken);
        if (program is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewPrograms, program))
        {
            return Forbid();
        }
        Program = program;
        Card = ReportCardCalculator.Compute(program, ReportCardCalculator.LatestReportDate(program));
        Lights = Domain.Oversight.Lights.Live(Card);
        MayEdit = await access.MayAsync(StaffAction.EditLights, program);
        return null;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.FollowUps;

/// <summary>
/// /workspace/followups/new?item=jinnan-2025-07-1: a coordinator issues a 督办 about an item to one of its units,
/// with a number (the next free one is filled in), the requirement and the deadline. Without an item the page first
/// asks for one (a plain GET form, so it works without script).
/// </summary>
[StaffAuthorize(StaffAction.IssueFollowUps)]
public sealed class NewModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, FollowUpService followUps) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "item")]
    public string? ItemId { get; set; }

    [BindProperty(Name = "unit")]
    public string? Unit { get; set; }

    [BindProperty(Name = "number")]
    public string? Number { get; set; }

    [BindProperty(Name = "requirement")]
    public string? Requirement { get; set; }

    [BindProperty(Name = "deadline")]
    public string? Deadline { get; set; }

    /// <summary>The item being followed up, once chosen.</summary>
    public Item? Item { get; private set; }

    /// <summary>The region's items to choose from, when none is chosen yet.</summary>
    public IReadOnlyList<Item> Items { get; private set; } = [];

    public FormFields Fields => new(ModelState);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Item is not null)
        {
            Unit = Item.LeadUnit?.Code;
            Number = await followUps.SuggestNumberAsync(Item.Category.Program, cancellationToken);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Item is null)
        {
            ModelState.AddModelError("item", "请选择要督办的子项。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        try
        {
            var followUp = await followUps.IssueAsync(await current.RequiredActorAsync(cancellationToken), Item,
                new FollowUpRequest(ItemId, Unit, Number, Requirement, Deadline), cancellationToken);
            return Redirect($"/workspace/followups/{followUp.Id}?done=issued");
        }
        catch (InputException e)
        {
            ModelState.Add(e);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(ItemId))
        {
            var item = await db.FindItemAsync(ItemId.Trim(), cancellationToken);
            if (item is null)
            {
                ModelState.AddModelError("item", $"没有标识为“{ItemId}”的子项，请重新选择。");
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
            else if (!await access.MayAsync(StaffAction.IssueFollowUps, item))
            {
                return Forbid();
            }
            else
            {
                Item = item;
                return null;
            }
        }
        Items = await db.Items.AsNoTracking().Include(i => i.Category).ThenInclude(c => c.Program).VisibleTo(actor)
            .OrderByDescending(i => i.Category.Program.Year).ThenBy(i => i.Category.Program.Code).ThenBy(i => i.Category.Number).ThenBy(i => i.Number)
            .ToListAsync(cancellationToken);
        return null;
    }
}

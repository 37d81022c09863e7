using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Programs;

/// <summary>
/// /workspace/programs/{code}: a program's plan: its categories (added, renamed, renumbered) and their items (added
/// here, edited on each item's page). Each form carries the revision it was drawn from: a change made meanwhile by
/// someone else answers 412 and shows the form again with what was typed.
/// </summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class PlanModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, PlanService plans) : PageModel
{
    public const string NewCategoryForm = "new-category";

    public sealed class CategoryInput
    {
        public string? Number { get; set; }

        public string? Name { get; set; }

        public bool Confirm { get; set; }
    }

    public sealed class ItemInput
    {
        public string? Title { get; set; }

        public string? LeadUnit { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    /// <summary>The program's revision the posted form was drawn from.</summary>
    [BindProperty(Name = "revision")]
    public int? Revision { get; set; }

    [BindProperty(Name = "category")]
    public int? CategoryId { get; set; }

    [BindProperty]
    public CategoryInput Category { get; set; } = new();

    [BindProperty]
    public ItemInput NewItem { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public LivelihoodProgram Program { get; private set; } = null!;

    public IReadOnlyList<ResponsibleUnit> Units { get; private set; } = [];

    public bool MayEdit { get; private set; }

    public bool MayPublish { get; private set; }

    /// <summary>The form that was posted and refused, shown with what was typed: "new-category", "category-3", "new-item-3".</summary>
    public string? Posted { get; private set; }

    public static string CategoryForm(int id) => $"category-{id}";

    public static string NewItemForm(int categoryId) => $"new-item-{categoryId}";

    public async Task<IActionResult> OnGetAsync() => await ShowAsync() ?? Page();

    public Task<IActionResult> OnPostAddCategoryAsync() => ChangeAsync(NewCategoryForm, (actor, program) =>
        plans.AddCategoryAsync(actor, program, Revision, Category.Number, Category.Name, HttpContext.RequestAborted), "已新增工程。");

    public Task<IActionResult> OnPostCategoryAsync() => ChangeAsync(CategoryForm(CategoryId ?? 0), (actor, program) =>
        plans.UpdateCategoryAsync(actor, program, Revision, CategoryOf(program), Category.Number, Category.Name, Category.Confirm, HttpContext.RequestAborted),
        "已保存工程。");

    public Task<IActionResult> OnPostAddItemAsync() => ChangeAsync(NewItemForm(CategoryId ?? 0), async (actor, program) =>
    {
        var item = await plans.AddItemAsync(actor, program, Revision, CategoryOf(program), NewItem.Title, NewItem.LeadUnit, HttpContext.RequestAborted);
        Notice = $"已新增子项 {item.Code}。请在下面的子项页上补充指标、点位和配合单位。";
    }, null);

    private Category CategoryOf(LivelihoodProgram program) =>
        program.Categories.FirstOrDefault(c => c.Id == CategoryId) ?? throw new MissingException("没有这个工程。");

    private async Task<IActionResult> ChangeAsync(string form, Func<StaffActor, LivelihoodProgram, Task> change, string? notice)
    {
        var program = await ProgramStore.LoadForChangeAsync(db, Code);
        if (program is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.EditPrograms, program))
        {
            return Forbid();
        }
        try
        {
            await change(await current.RequiredActorAsync(), program);
            Notice ??= notice;
            return Redirect($"/workspace/programs/{Code}");
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
        var program = await ProgramStore.LoadAsync(db, Code, publicOnly: false);
        if (program is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewPrograms, program))
        {
            return Forbid();
        }
        Program = program;
        MayEdit = await access.MayAsync(StaffAction.EditPrograms, program);
        MayPublish = !program.IsPublished && await access.MayAsync(StaffAction.PublishPrograms, program);
        Units = await db.Units.AsNoTracking().Where(u => u.RegionId == program.RegionId).OrderBy(u => u.Name).ToListAsync();
        return null;
    }
}

using ObjectionWindow = Minxin.Web.Messages.ObjectionWindow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Editions;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Editions;

/// <summary>/workspace/programs/{code}/editions: the program's published editions and, for coordinators, the form that publishes the next.</summary>
[StaffAuthorize(StaffAction.ViewPrograms)]
public sealed class EditionListModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, EditionService editions) : PageModel
{
    public LivelihoodProgram Program { get; private set; } = null!;

    public IReadOnlyList<Edition> Editions { get; private set; } = [];

    public bool MayPublish { get; private set; }

    [BindProperty(Name = "title")]
    public string? Title { get; set; }

    [BindProperty(Name = "slug")]
    public string? Slug { get; set; }

    [BindProperty(Name = "asOf")]
    public string? AsOf { get; set; }

    [BindProperty(Name = "publishedOn")]
    public string? PublishedOn { get; set; }

    [BindProperty(Name = ObjectionWindow.Field)]
    public string? ObjectionDays { get; set; }

    public FormFields Fields => new(ModelState);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (!MayPublish)
        {
            return Forbid();
        }
        try
        {
            var edition = await editions.PublishAsync(await current.RequiredActorAsync(cancellationToken), code, new EditionRequest(Title, Slug, AsOf, PublishedOn, ObjectionWindow.Parse(ObjectionDays)), cancellationToken);
            return Redirect($"/workspace/programs/{code}/editions?done={edition.Slug}");
        }
        catch (InputException e)
        {
            foreach (var (field, message) in e.Errors)
            {
                ModelState.AddModelError(field, message);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(code, cancellationToken);
            return Page();
        }
    }

    /// <summary>Null when the page may be shown; else why not (404 for no such program, 403 outside the actor's region).</summary>
    private async Task<IActionResult?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().Include(p => p.Region).FirstOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (program is null)
        {
            return NotFound();
        }
        if (!await access.MayAsync(StaffAction.ViewPrograms, program))
        {
            return Forbid();
        }
        Program = program;
        // The frozen copies stay in the database: the list needs their dates only.
        Editions = await db.Editions.AsNoTracking().Where(e => e.ProgramId == program.Id).OrderByDescending(e => e.AsOf)
            .Select(e => new Edition
            {
                Id = e.Id, Slug = e.Slug, Title = e.Title, AsOf = e.AsOf, PublishedOn = e.PublishedOn, PublishedAt = e.PublishedAt,
                PublishedBy = e.PublishedBy, Snapshot = "", SnapshotSha256 = e.SnapshotSha256,
            })
            .ToListAsync(cancellationToken);
        MayPublish = await access.MayAsync(StaffAction.PublishEditions, program);
        return null;
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Messages;

/// <summary>
/// /workspace/messages (群众留言): the inbox. Coordinators and leaders see the region's messages, help requests and
/// objections, a reporter those routed to its unit; filtered by the GET fields kind, state, overdue, program, item
/// and (coordinators) unit, 50 a page, newest first. The filter also drives the CSV / xlsx export links.
/// </summary>
[StaffAuthorize(StaffAction.ViewMessages)]
public sealed class IndexModel(MinxinDbContext db, CurrentStaff current, MessageService messages) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public string? Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "program")]
    public string? Program { get; set; }

    [BindProperty(SupportsGet = true, Name = "item")]
    public string? Item { get; set; }

    [BindProperty(SupportsGet = true, Name = "unit")]
    public string? Unit { get; set; }

    public MessageFilter Filter { get; private set; } = MessageFilter.None;

    public MessagePage Found { get; private set; } = new([], 0, 1);

    public IReadOnlyList<LivelihoodProgram> Programs { get; private set; } = [];

    public IReadOnlyList<ResponsibleUnit> Units { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public bool IsReporter { get; private set; }

    public bool MayImport { get; private set; }

    public FormFields Fields => new(ModelState);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        // "page" is read from the query itself: Razor Pages keep that name for the page's own route value.
        Filter = MessageFilter.Parse(Kind, State, Overdue, Program, Item, Unit, Request.Query["page"].FirstOrDefault(), out var errors);
        ModelState.Add(errors);
        Today = messages.Today;
        IsReporter = actor.Role == StaffRole.Reporter;
        MayImport = actor.May(StaffAction.ModerateMessages);
        Programs = await db.Programs.AsNoTracking().Where(p => p.RegionId == actor.RegionId).OrderByDescending(p => p.Year).ThenBy(p => p.Code)
            .ToListAsync(cancellationToken);
        Units = IsReporter ? [] : await db.Units.AsNoTracking().Where(u => u.RegionId == actor.RegionId).OrderBy(u => u.Name).ToListAsync(cancellationToken);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Found = await messages.ListAsync(actor, Filter, cancellationToken);
        return Page();
    }

    public static readonly IReadOnlyList<MessageKind> Kinds = Enum.GetValues<MessageKind>();

    public static readonly IReadOnlyList<MessageState> States = Enum.GetValues<MessageState>();
}

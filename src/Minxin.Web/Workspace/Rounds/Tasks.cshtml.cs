using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Rounds;

/// <summary>/workspace/tasks (我的待办): where a reporter lands — each open round and the unit's items it asks for.</summary>
[StaffAuthorize(StaffAction.WriteReports)]
public sealed class TasksModel(CurrentStaff current, TaskList tasks, FollowUps.FollowUpService followUps, TimeProvider clock) : PageModel
{
    /// <summary>The unit's open 督办, those waiting for the unit first.</summary>
    public IReadOnlyList<Domain.FollowUps.FollowUp> FollowUps { get; private set; } = [];

    public IReadOnlyList<IGrouping<ReportingRound, ReportTask>> Rounds { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>After an upload of the unit spreadsheet: how many drafts it created and updated.</summary>
    public (int Created, int Updated)? SheetSaved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        Today = ChinaTime.Today(clock);
        if (int.TryParse(Request.Query["sheetCreated"], out var created) && int.TryParse(Request.Query["sheetUpdated"], out var updated))
        {
            SheetSaved = (created, updated);
        }
        FollowUps = await followUps.OpenForUnitAsync(actor, cancellationToken);
        Rounds = (await tasks.ForAsync(actor, cancellationToken)).GroupBy(t => t.Round).OrderBy(g => g.Key.DueDate).ToList();
    }

    /// <summary>Where the task's link goes: the report in progress (or the approved one), or a new report.</summary>
    public static string Link(ReportTask task) => task.Current is { } report
        ? $"/workspace/reports/{report.Id}"
        : $"/workspace/items/{task.Item.PublicId()}/report?round={task.Round.Id}";

    public static string LinkText(ReportTask task) => task.State switch
    {
        TaskState.Missing => "填报",
        TaskState.Draft => "继续填报",
        TaskState.Returned => "修改后重新提交",
        _ => "查看",
    };
}

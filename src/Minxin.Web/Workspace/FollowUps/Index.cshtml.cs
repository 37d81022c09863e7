using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Minxin.Domain.FollowUps;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.FollowUps;

/// <summary>
/// /workspace/followups (督办): coordinators and leaders see the region's, a reporter its own unit's; open ones by
/// default, or only the overdue, the closed, or all. Coordinators issue new ones from here or from an item.
/// </summary>
[StaffAuthorize(StaffAction.ViewFollowUps)]
public sealed class IndexModel(CurrentStaff current, StaffAccess access, FollowUpService followUps) : PageModel
{
    public sealed record FilterLink(string Value, string Name, FollowUpFilter Filter);

    public static readonly IReadOnlyList<FilterLink> Filters =
    [
        new("open", "未办结", FollowUpFilter.Open),
        new("overdue", "已逾期", FollowUpFilter.Overdue),
        new("closed", "已办结", FollowUpFilter.Closed),
        new("all", "全部", FollowUpFilter.All),
    ];

    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    public FilterLink Current { get; private set; } = Filters[0];

    public IReadOnlyList<FollowUp> List { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public bool MayIssue { get; private set; }

    public bool IsReporter { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        Current = Filters.FirstOrDefault(f => f.Value == Show) ?? Filters[0];
        List = await followUps.ListAsync(actor, Current.Filter, cancellationToken);
        Today = followUps.Today;
        MayIssue = await access.MayAsync(StaffAction.IssueFollowUps);
        IsReporter = actor.Role == StaffRole.Reporter;
    }
}

using Microsoft.AspNetCore.Authorization;
using Minxin.Data.Staff;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;

namespace Minxin.Web.Workspace.Access;

/// <summary>"The actor may do this action" (on this resource, when one is given): one requirement per StaffAction.</summary>
public sealed record StaffActionRequirement(StaffAction Action) : IAuthorizationRequirement;

/// <summary>
/// The one place the workspace decides who may do what: every policy and every resource check comes here and asks
/// the domain's <see cref="Permissions"/> table and <see cref="StaffActor"/> scope rules (own region; a reporter's
/// own unit's items).
/// </summary>
public sealed class StaffActionHandler(CurrentStaff current) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        var pending = context.PendingRequirements.OfType<StaffActionRequirement>().ToList();
        if (pending.Count == 0)
        {
            return;
        }
        var actor = await current.ActorAsync();
        if (actor is null)
        {
            return;
        }
        foreach (var requirement in pending)
        {
            if (Allows(actor, requirement.Action, context.Resource))
            {
                context.Succeed(requirement);
            }
        }
    }

    public static bool Allows(StaffActor actor, StaffAction action, object? resource) => resource switch
    {
        Item item => actor.May(action, item),
        ProgressReport report => actor.May(action, report),
        Domain.FollowUps.FollowUp followUp => actor.May(action, followUp),
        Domain.Messages.CitizenMessage message => actor.May(action, message),
        // Reporters see programs only through their items.
        LivelihoodProgram program => actor.May(action, program.RegionId) && actor.Role != StaffRole.Reporter,
        ReportingRound round => actor.May(action, round.Program.RegionId),
        StaffUser user => actor.May(action, user.RegionId),
        ResponsibleUnit unit => actor.May(action, unit.RegionId),
        Region region => actor.May(action, region.Id),
        _ => actor.May(action),
    };
}

public static class StaffPolicies
{
    /// <summary>The policy name of an action, for [Authorize(Policy = …)] and RequireAuthorization.</summary>
    public static string For(StaffAction action) => "staff:" + action;

    /// <summary>Any signed-in, enabled staff member.</summary>
    public const string SignedIn = "staff:signed-in";

    public static void Add(AuthorizationOptions options)
    {
        foreach (var action in Enum.GetValues<StaffAction>())
        {
            options.AddPolicy(For(action), p => p.RequireAuthenticatedUser().AddRequirements(new StaffActionRequirement(action)));
        }
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser().AddRequirements(new StaffActionRequirement(StaffAction.UseTokens)));
    }
}

/// <summary>Resource checks from handlers: "may the actor do this to that?", asked of the same handler as the policies.</summary>
public sealed class StaffAccess(IAuthorizationService authorization, IHttpContextAccessor http)
{
    public async Task<bool> MayAsync(StaffAction action, object? resource = null) =>
        (await authorization.AuthorizeAsync(http.HttpContext!.User, resource, new StaffActionRequirement(action))).Succeeded;
}

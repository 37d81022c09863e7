using Microsoft.AspNetCore.Authorization;
using Minxin.Domain.Staff;

namespace Minxin.Web.Workspace.Access;

/// <summary>[AuthorizeStaff(StaffAction.X)]: a page for those who may do X, by the policy <see cref="StaffPolicies.For"/> names (an attribute argument cannot call it).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class AuthorizeStaffAttribute : AuthorizeAttribute
{
    public AuthorizeStaffAttribute(StaffAction action)
    {
        Action = action;
        Policy = StaffPolicies.For(action);
    }

    public StaffAction Action { get; }
}

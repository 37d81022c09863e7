using Microsoft.AspNetCore.Authorization;
using Minxin.Domain.Staff;

namespace Minxin.Web.Workspace.Access;

/// <summary>
/// [Authorize(Policy = StaffPolicies.For(action))] for a page: an attribute's arguments must be constants, so the
/// policy name is made here.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StaffAuthorizeAttribute(StaffAction action) : AuthorizeAttribute(StaffPolicies.For(action));

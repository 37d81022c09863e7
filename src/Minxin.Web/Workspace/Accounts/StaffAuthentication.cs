using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Minxin.Data.Staff;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Tokens;

namespace Minxin.Web.Workspace.Accounts;

/// <summary>
/// Staff sign in with ASP.NET Core Identity (a cookie: HttpOnly, SameSite=Strict, 8 hours) or present a personal
/// access token; the "staff" scheme picks the token when the request carries one. Unauthenticated API calls get 401
/// and forbidden ones 403 as ProblemDetails; pages redirect to the sign-in page or show the Chinese 403 page.
/// </summary>
public static class StaffAuthentication
{
    public const string Scheme = "staff";
    public const string CookieName = "minxin-staff";
    public const string SignInPath = "/workspace/sign-in";

    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services)
    {
        services.AddStaffIdentity().AddSignInManager();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            // Tokens are for the API only: a page is a person's, signed in with the cookie.
            .AddPolicyScheme(Scheme, "工作人员", o => o.ForwardDefaultSelector = context =>
                IsApi(context.Request)
                && (context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    || !context.Request.Cookies.ContainsKey(CookieName))
                    ? AccessTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = SignInPath;
            o.LogoutPath = "/workspace/sign-out";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = EndDisabledSessionsAsync;
            o.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized, redirect: true);
            o.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden, redirect: false);
        });
        // A password reset or a disabled account ends other sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddScoped<CurrentStaff>();
        services.AddScoped<StaffAccess>();
        services.AddScoped<IAuthorizationHandler, StaffActionHandler>();
        services.AddAuthorization(StaffPolicies.Add);
        return services;
    }

    // The security stamp is checked once a minute; a disabled or deleted account is refused on its next request.
    private static async Task EndDisabledSessionsAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal is null)
        {
            return;
        }
        var id = context.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var db = context.HttpContext.RequestServices.GetRequiredService<Data.MinxinDbContext>();
        var enabled = int.TryParse(id, out var userId)
            && await db.Users.AnyAsync(u => u.Id == userId && u.DisabledAt == null, context.HttpContext.RequestAborted);
        if (!enabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    // The API answers with ProblemDetails; a page sends the browser to sign in, or shows the 403 page.
    private static async Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status, bool redirect)
    {
        if (!IsApi(context.Request) && redirect)
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }
        context.Response.StatusCode = status;
        if (IsApi(context.Request))
        {
            var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context.HttpContext,
                ProblemDetails = status == 401
                    ? new() { Status = 401, Title = "需要登录", Detail = "请登录工作台，或用 Authorization: Bearer 附上个人访问令牌。" }
                    : new() { Status = 403, Title = "没有权限", Detail = "您的角色或单位不能进行这项操作。" },
            });
        }
    }
}

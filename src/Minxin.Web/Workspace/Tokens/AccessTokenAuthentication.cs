using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Minxin.Data;
using Minxin.Data.Staff;

namespace Minxin.Web.Workspace.Tokens;

/// <summary>`Authorization: Bearer mxt_…`: a personal access token, found by its SHA-256, for units' own systems.</summary>
public sealed class AccessTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MinxinDbContext db,
    TimeProvider clock,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "access-token";
    public const string TokenIdClaim = "minxin:token";

    // Written at most once a minute per token: the list of tokens says when each was last used.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var now = clock.GetUtcNow();
        var token = await AccessTokens.FindActiveAsync(db, header["Bearer ".Length..].Trim(), now, Context.RequestAborted);
        if (token is null)
        {
            Logger.LogWarning("Refused an unknown, expired or revoked access token from {Address}", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("unknown, expired or revoked token");
        }
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedPrecision)
        {
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, token.User.UserName ?? ""),
                new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 401, Title = "需要登录", Detail = "请登录工作台，或用 Authorization: Bearer 附上个人访问令牌。" },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = 403, Title = "没有权限", Detail = "您的角色或单位不能进行这项操作。" },
        });
    }
}

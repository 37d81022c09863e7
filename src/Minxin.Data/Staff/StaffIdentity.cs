using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Minxin.Data.Staff;

/// <summary>
/// ASP.NET Core Identity for staff accounts, the same for the web app and the `minxin users` command: passwords of at
/// least 12 characters that are not common, lockout for 15 minutes after 5 failed sign-ins, messages in Chinese.
/// </summary>
public static class StaffIdentity
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>User names: letters, digits and . _ - @ (they go into URLs, logs and the audit log).</summary>
    public const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@";

    public static IdentityBuilder AddStaffIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<StaffUser>(o =>
            {
                // Length and a list of common passwords, not composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = UserNameCharacters;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<MinxinDbContext>()
            .AddErrorDescriber<ChineseIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>();
}

/// <summary>Refuses passwords found in lists of leaked passwords, and ones built from the user name or the site's name.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    public const string Code = "CommonPassword";

    private static readonly HashSet<string> Common = Load();

    // Words people build passwords on, here; a password that is one of them plus digits or symbols is refused.
    private static readonly string[] Words =
        ["password", "passw0rd", "qwerty", "admin", "administrator", "minxin", "welcome", "woaini", "iloveyou", "abc", "test", "letmein", "root", "user", "china", "tianjin", "jinnan"];

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var lower = password.ToLowerInvariant();
        var stem = lower.TrimEnd("0123456789!@#$%^&*.-_+= ".ToCharArray()).TrimStart("0123456789!@#$%^&*.-_+= ".ToCharArray());
        var name = user.UserName?.ToLowerInvariant();
        var refused = Common.Contains(lower) || Common.Contains(stem) || Words.Contains(stem) || IsRun(lower)
            || (name is { Length: >= 3 } && lower.Contains(name, StringComparison.Ordinal));
        return Task.FromResult(refused
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = "这个密码太常见或太容易猜到（如常用密码、用户名、连续或重复的字符），请换一个。" })
            : IdentityResult.Success);
    }

    private static readonly string[] Runs =
        ["01234567890123456789", "98765432109876543210", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm"];

    /// <summary>"123456789012", "qwertyuiopas", "abcdabcdabcd": a row of keys or a short piece repeated.</summary>
    private static bool IsRun(string password) =>
        Runs.Any(run => run.Contains(password, StringComparison.Ordinal) || run.Contains(new string(password.Reverse().ToArray()), StringComparison.Ordinal))
        || Enumerable.Range(1, password.Length / 2).Any(k => password.Length % k == 0 && password == string.Concat(Enumerable.Repeat(password[..k], password.Length / k)));

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }
        return set;
    }
}

/// <summary>Identity's messages in the workspace's language.</summary>
public sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用。" };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效：只能用英文字母、数字和 . _ - @。" };

    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少要 {length} 个字符。" };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少要含 {uniqueChars} 个不同的字符。" };

    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确。" };

    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "账号已被他人修改，请刷新后再试。" };

    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作没有成功，请稍后再试。" };

    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "此账号未启用锁定保护。" };
}

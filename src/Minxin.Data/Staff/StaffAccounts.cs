using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;

namespace Minxin.Data.Staff;

/// <summary>正常 / 已锁定 / 已停用.</summary>
public enum AccountState
{
    Active,
    Locked,
    Disabled,
}

/// <summary>A new account: its region is the one it is made in, never a choice of the form.</summary>
public sealed record NewAccount(string UserName, string? DisplayName, StaffRole Role, Region Region, string? Unit, string Password);

/// <summary>
/// Staff accounts, the same for the workspace's account pages and `minxin users`: made with Identity's rules (a
/// reporter belongs to a unit of its region, no other role does), disabled and enabled, unlocked, given a new
/// password. Each change is saved together with its audit entry, in one SaveChanges.
/// </summary>
public static class StaffAccounts
{
    public static AccountState State(StaffUser user, DateTimeOffset now) =>
        user.IsDisabled ? AccountState.Disabled : user.LockoutEnd > now ? AccountState.Locked : AccountState.Active;

    public static string ToChinese(this AccountState state) => state switch
    {
        AccountState.Active => "正常",
        AccountState.Locked => "已锁定",
        _ => "已停用",
    };

    /// <summary>The account's fields as the audit log records them.</summary>
    public static Dictionary<string, string?> Snapshot(StaffUser user, DateTimeOffset now) => new(StringComparer.Ordinal)
    {
        ["userName"] = user.UserName,
        ["displayName"] = user.DisplayName.Length > 0 ? user.DisplayName : null,
        ["role"] = user.Role.ToChinese(),
        ["unit"] = user.Unit?.Name,
        ["state"] = State(user, now).ToChinese(),
    };

    public static async Task<StaffUser> CreateAsync(UserManager<StaffUser> users, MinxinDbContext db, NewAccount account, AuditAuthor by,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<(string, string)>();
        ResponsibleUnit? unit = null;
        if (account.Role == StaffRole.Reporter)
        {
            if (string.IsNullOrWhiteSpace(account.Unit))
            {
                errors.Add(("unit", "填报员须属于一个单位：请选择所属单位。"));
            }
            else
            {
                unit = await UnitDirectory.FindAsync(db, account.Region.Id, account.Unit, cancellationToken);
                if (unit is null)
                {
                    errors.Add(("unit", $"{account.Region.Name}的单位名录中没有“{account.Unit.Trim()}”。"));
                }
            }
        }
        else if (!string.IsNullOrWhiteSpace(account.Unit))
        {
            errors.Add(("unit", "只有填报员属于一个单位；其他角色不选单位。"));
        }
        var displayName = account.DisplayName?.Trim() ?? "";
        if (displayName.Length > 100 || displayName.Any(char.IsControl))
        {
            errors.Add(("displayName", "姓名最多 100 个字符，且不能含控制字符。"));
        }
        var name = account.UserName.Trim();
        if (name.Length is 0 or > 64)
        {
            errors.Add(("username", "请填写用户名（最多 64 个字符）。"));
        }
        var user = new StaffUser
        {
            UserName = name,
            DisplayName = displayName,
            Role = account.Role,
            RegionId = account.Region.Id,
            UnitId = unit?.Id,
            Unit = unit,
            CreatedAt = by.Now,
            LockoutEnabled = true,
        };
        // Identity's own checks (user name, password rules) before saving, so every problem is reported at once.
        errors.AddRange(await CheckAsync(users, user, account.Password));
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var entry = by.Record(db, "user.created", $"user:{name}",
            $"新建账号 {name}（{account.Role.ToChinese()}，{account.Region.Name}{(unit is null ? "" : "，" + unit.Name)}）", account.Region.Id,
            after: Snapshot(user, by.Now));
        var result = await users.CreateAsync(user, account.Password);
        if (!result.Succeeded)
        {
            db.Entry(entry).State = EntityState.Detached;
            throw new InputException(Describe(result));
        }
        return user;
    }

    public static async Task SetDisabledAsync(UserManager<StaffUser> users, MinxinDbContext db, StaffUser user, bool disabled, AuditAuthor by)
    {
        var before = Snapshot(user, by.Now);
        user.DisabledAt = disabled ? by.Now : null;
        var entry = by.Record(db, disabled ? "user.disabled" : "user.enabled", $"user:{user.UserName}",
            $"{(disabled ? "停用" : "启用")}账号 {user.UserName}", user.RegionId, before, Snapshot(user, by.Now));
        // A new security stamp ends the account's other sessions.
        Saved(db, entry, await users.UpdateSecurityStampAsync(user));
    }

    public static async Task UnlockAsync(UserManager<StaffUser> users, MinxinDbContext db, StaffUser user, AuditAuthor by)
    {
        var before = Snapshot(user, by.Now);
        before["failedSignIns"] = user.AccessFailedCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var after = Snapshot(user, by.Now);
        after["failedSignIns"] = "0";
        var entry = by.Record(db, "user.unlocked", $"user:{user.UserName}", $"解除账号 {user.UserName} 的锁定", user.RegionId, before, after);
        Saved(db, entry, await users.UpdateAsync(user));
    }

    /// <summary>
    /// Sets a new password (<paramref name="password"/>, or a random one when null), unlocks the account and ends its
    /// other sessions. Returns the password, for the caller to show once.
    /// </summary>
    public static async Task<string> ResetPasswordAsync(UserManager<StaffUser> users, MinxinDbContext db, StaffUser user, string? password, AuditAuthor by)
    {
        var generated = password is null;
        password ??= RandomPassword();
        var problems = await CheckPasswordAsync(users, user, password);
        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
        var before = Snapshot(user, by.Now);
        before["password"] = "原密码";
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var after = Snapshot(user, by.Now);
        after["password"] = generated ? "新密码（随机生成，不记录）" : "新密码（管理员设定，不记录）";
        var entry = by.Record(db, "user.password-reset", $"user:{user.UserName}", $"重设账号 {user.UserName} 的密码并解除锁定", user.RegionId, before, after);
        Saved(db, entry, await users.UpdateSecurityStampAsync(user));
        return password;
    }

    /// <summary>20 characters from an alphabet without look-alikes: about 115 bits.</summary>
    public static string RandomPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(20, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
    }

    /// <summary>Identity saved the change with its entry, or refused it: then the entry goes too.</summary>
    private static void Saved(MinxinDbContext db, Domain.Auditing.AuditEntry entry, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            db.Entry(entry).State = EntityState.Detached;
            throw new InputException(Describe(result));
        }
    }

    private static async Task<List<(string, string)>> CheckAsync(UserManager<StaffUser> users, StaffUser user, string password)
    {
        var errors = new List<(string, string)>();
        foreach (var validator in users.UserValidators)
        {
            errors.AddRange(Describe(await validator.ValidateAsync(users, user)));
        }
        errors.AddRange(await CheckPasswordAsync(users, user, password));
        return errors;
    }

    private static async Task<List<(string, string)>> CheckPasswordAsync(UserManager<StaffUser> users, StaffUser user, string password)
    {
        var errors = new List<(string, string)>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange(Describe(await validator.ValidateAsync(users, user, password)));
        }
        return errors;
    }

    /// <summary>Identity's errors at the field they concern: user-name errors at "username", password ones at "password".</summary>
    private static List<(string, string)> Describe(IdentityResult result) =>
        result.Errors.Select(e => (e.Code switch
        {
            nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.InvalidUserName) => "username",
            _ when e.Code.StartsWith("Password", StringComparison.Ordinal) || e.Code == CommonPasswordValidator.Code => "password",
            _ => "",
        }, e.Description)).ToList();
}

using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Data;
using Minxin.Data.Staff;
using Minxin.Domain;
using Minxin.Domain.Auditing;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;

namespace Minxin.Cli;

/// <summary>
/// The command groups of the staff side: `minxin users|units|regions|tokens|programs …`. There is no default account
/// and no default password: the first admin is made with `minxin users add NAME --role admin --region CODE
/// --password-stdin`. Every change is written to the audit log with the actor "cli".
/// </summary>
internal static class StaffCommands
{
    public static IEnumerable<(Command Group, ICliCommand[] Leaves)> Groups() =>
    [
        (new Command("users", "工作人员账号：新建、列出、停用、重设密码"),
            [new AddUserCommand(), new ListUsersCommand(), new DisableUserCommand(), new EnableUserCommand(), new ResetPasswordCommand()]),
        (new Command("units", "责任单位名录：新建、列出"), [new AddUnitCommand(), new ListUnitsCommand()]),
        (new Command("regions", "地区：新建、列出（账号和单位属于一个地区）"), [new AddRegionCommand(), new ListRegionsCommand()]),
        (new Command("tokens", "个人访问令牌（工作台 API）：新建、列出、撤销"), [new CreateTokenCommand(), new ListTokensCommand(), new RevokeTokenCommand()]),
        (new Command("programs", "民心工程：列出、发布草稿"), [new ListProgramsCommand(), new PublishProgramCommand()]),
    ];

    public static async Task<Region> RegionAsync(MinxinDbContext db, string code) =>
        await db.Regions.FirstOrDefaultAsync(r => r.Code == code.Trim())
        ?? throw new CliException($"数据库中没有代码为“{code}”的地区。先用 minxin regions add 新建，或导入该地区的民心工程（minxin import FILE）；网站在空数据库上首次启动时会载入自带的民心工程。");

    public static async Task<StaffUser> UserAsync(MinxinDbContext db, string name)
    {
        var normalized = Normalized(name);
        return await db.Users.Include(u => u.Region).Include(u => u.Unit).FirstOrDefaultAsync(u => u.NormalizedUserName == normalized)
            ?? throw new CliException($"没有用户名为“{name}”的账号。");
    }

    /// <summary>As Identity normalizes user names (UpperInvariantLookupNormalizer).</summary>
    public static string Normalized(string name) => name.Trim().ToUpperInvariant();

    public static async Task SaveWithAuditAsync(MinxinDbContext db, AuditEntry entry, int? regionId)
    {
        entry.RegionId = regionId;
        db.AuditLog.Add(entry);
        await db.SaveChangesAsync();
    }

    /// <summary>Identity's user manager over the CLI's database, with the web app's password and lockout rules.</summary>
    public static ServiceProvider IdentityServices(CliContext context)
    {
        var storage = context.Storage();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddScoped<MinxinDbContext>(_ => MinxinDatabase.Create(storage));
        services.AddStaffIdentity();
        return services.BuildServiceProvider();
    }

    /// <summary>The first line of standard input: the password, so it never shows in the shell's history or process list.</summary>
    public static async Task<string> ReadPasswordAsync(CliContext context)
    {
        var line = await context.In.ReadLineAsync();
        if (string.IsNullOrEmpty(line))
        {
            throw new CliException("标准输入中没有密码：请用 --password-stdin 并从标准输入给出密码，例如 printf '%s\\n' \"$PASSWORD\" | minxin users add …");
        }
        return line.TrimEnd('\r', '\n');
    }

    // The shared operations name form fields; on the command line each is an option.
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["unit"] = "--unit", ["displayName"] = "--display-name", ["userName"] = "NAME", ["password"] = "--password-stdin", ["role"] = "--role",
    };

    public static string Describe(InputException refused) =>
        string.Join("；", refused.Errors.Select(e => Options.TryGetValue(e.Field, out var option) ? $"{e.Message.TrimEnd('。')}（{option}）" : e.Message));
}

/// <summary>`minxin users add NAME --role ROLE --region CODE [--unit CODE|NAME] [--display-name NAME] --password-stdin`.</summary>
internal sealed class AddUserCommand : ICliCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "用户名（英文字母、数字和 . _ - @）" };
    private readonly Option<string> _role = new("--role") { Description = "admin、coordinator、reporter 或 leader", Required = true };
    private readonly Option<string> _region = new("--region") { Description = "地区代码，如 120112", Required = true };
    private readonly Option<string?> _unit = new("--unit") { Description = "填报员所属单位（代码或名称）" };
    private readonly Option<string?> _displayName = new("--display-name") { Description = "姓名（公开页面上“报告”“审核”显示的名字）" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = "从标准输入读取密码（至少 12 个字符，不能是常见密码）" };

    public AddUserCommand() => Definition = new Command("add", "新建工作人员账号（第一个管理员也用它）") { _name, _role, _region, _unit, _displayName, _passwordStdin };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        if (!EnumCodes.TryParse<StaffRole>(parsed.GetValue(_role), out var role))
        {
            throw new CliException($"--role “{parsed.GetValue(_role)}”无效，应为 {EnumCodes.AllCodes<StaffRole>()} 之一。");
        }
        if (!parsed.GetValue(_passwordStdin))
        {
            throw new CliException("没有默认密码：请加 --password-stdin，并从标准输入给出密码。");
        }
        await context.EnsureSchemaAsync();
        await using var services = StaffCommands.IdentityServices(context);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var region = await StaffCommands.RegionAsync(db, parsed.GetValue(_region)!);
        var password = await StaffCommands.ReadPasswordAsync(context);
        StaffUser user;
        try
        {
            user = await StaffAccounts.CreateAsync(users, db,
                new NewAccount(parsed.GetValue(_name)!, parsed.GetValue(_displayName), role, region, parsed.GetValue(_unit), password), AuditAuthor.Cli);
        }
        catch (InputException e)
        {
            throw new CliException($"没有新建账号：{StaffCommands.Describe(e)}");
        }
        await context.Error.WriteLineAsync($"已新建账号 {user.UserName}：{role.ToChinese()}，{region.Name}{(user.Unit is null ? "" : "，" + user.Unit.Name)}。登录地址 /workspace/sign-in。");
        return MinxinCli.Ok;
    }
}

/// <summary>`minxin users list [--region CODE]`.</summary>
internal sealed class ListUsersCommand : ICliCommand
{
    private readonly Option<string?> _region = new("--region") { Description = "只列出这个地区的账号" };

    public ListUsersCommand() => Definition = new Command("list", "列出账号") { _region };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var query = db.Users.AsNoTracking().Include(u => u.Region).Include(u => u.Unit).AsQueryable();
        if (parsed.GetValue(_region) is { } code)
        {
            query = query.Where(u => u.Region.Code == code);
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var user in await query.OrderBy(u => u.UserName).ToListAsync())
        {
            var state = user.IsDisabled ? "已停用" : user.LockoutEnd > now ? "已锁定" : "正常";
            await context.Out.WriteLineAsync(string.Join('\t', user.UserName, EnumCodes.ToCode(user.Role), user.Region.Code, user.Unit?.Name ?? "-",
                user.DisplayName.Length > 0 ? user.DisplayName : "-", state));
        }
        return MinxinCli.Ok;
    }
}

/// <summary>`minxin users disable NAME`: the account can no longer sign in or use its tokens; it is kept for the record.</summary>
internal sealed class DisableUserCommand : ICliCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "用户名" };

    public DisableUserCommand() => Definition = new Command("disable", "停用账号（保留记录，不能再登录或使用令牌）") { _name };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context) => await Switch(parsed.GetValue(_name)!, context, disable: true);

    public static async Task<int> Switch(string name, CliContext context, bool disable)
    {
        await context.EnsureSchemaAsync();
        await using var services = StaffCommands.IdentityServices(context);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await StaffCommands.UserAsync(db, name);
        try
        {
            await StaffAccounts.SetDisabledAsync(users, db, user, disable, AuditAuthor.Cli);
        }
        catch (InputException e)
        {
            throw new CliException($"没有{(disable ? "停用" : "启用")}账号：{StaffCommands.Describe(e)}");
        }
        await context.Error.WriteLineAsync($"已{(disable ? "停用" : "启用")}账号 {user.UserName}。");
        return MinxinCli.Ok;
    }
}

internal sealed class EnableUserCommand : ICliCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "用户名" };

    public EnableUserCommand() => Definition = new Command("enable", "重新启用停用的账号") { _name };

    public Command Definition { get; }

    public Task<int> RunAsync(ParseResult parsed, CliContext context) => DisableUserCommand.Switch(parsed.GetValue(_name)!, context, disable: false);
}

/// <summary>
/// `minxin users reset-password NAME [--password-stdin]`: sets a new password (read from standard input, or made up and
/// printed once on the last line), unlocks the account and ends its other sessions.
/// </summary>
internal sealed class ResetPasswordCommand : ICliCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "用户名" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = "从标准输入读取新密码；不加则生成一个随机密码并只显示这一次" };

    public ResetPasswordCommand() => Definition = new Command("reset-password", "重设密码并解除锁定") { _name, _passwordStdin };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await context.EnsureSchemaAsync();
        await using var services = StaffCommands.IdentityServices(context);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await StaffCommands.UserAsync(db, parsed.GetValue(_name)!);
        var generated = !parsed.GetValue(_passwordStdin);
        string password;
        try
        {
            password = await StaffAccounts.ResetPasswordAsync(users, db, user, generated ? null : await StaffCommands.ReadPasswordAsync(context), AuditAuthor.Cli);
        }
        catch (InputException e)
        {
            throw new CliException($"没有重设密码：{StaffCommands.Describe(e)}");
        }
        await context.Error.WriteLineAsync($"已重设 {user.UserName} 的密码，账号已解锁，其他已登录的会话将失效。");
        if (generated)
        {
            await context.Error.WriteLineAsync("新密码只显示这一次（下一行），请当面或通过安全渠道交给本人：");
            await context.Out.WriteLineAsync(password);
        }
        return MinxinCli.Ok;
    }
}

/// <summary>`minxin units add NAME --region CODE [--code CODE] [--parent CODE|NAME]`.</summary>
internal sealed class AddUnitCommand : ICliCommand
{
    private readonly Argument<string> _name = new("NAME") { Description = "单位名称，如 区住建委" };
    private readonly Option<string> _region = new("--region") { Description = "地区代码，如 120112", Required = true };
    private readonly Option<string?> _code = new("--code") { Description = "单位代码（缺省时自动编号）" };
    private readonly Option<string?> _parent = new("--parent") { Description = "上级单位（代码或名称）" };

    public AddUnitCommand() => Definition = new Command("add", "在地区的单位名录中新建单位") { _name, _region, _code, _parent };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var region = await StaffCommands.RegionAsync(db, parsed.GetValue(_region)!);
        ResponsibleUnit unit;
        try
        {
            unit = await UnitDirectory.AddAsync(db, region, parsed.GetValue(_name)!, parsed.GetValue(_code), parsed.GetValue(_parent), AuditAuthor.Cli);
        }
        catch (InputException e)
        {
            throw new CliException($"没有新建单位：{StaffCommands.Describe(e)}");
        }
        await context.Error.WriteLineAsync($"已在{region.Name}的单位名录中新建 {unit.Name}（代码 {unit.Code}）。");
        return MinxinCli.Ok;
    }
}

/// <summary>`minxin units list --region CODE`.</summary>
internal sealed class ListUnitsCommand : ICliCommand
{
    private readonly Option<string> _region = new("--region") { Description = "地区代码，如 120112", Required = true };

    public ListUnitsCommand() => Definition = new Command("list", "列出地区的单位名录") { _region };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var region = await StaffCommands.RegionAsync(db, parsed.GetValue(_region)!);
        foreach (var unit in await db.Units.AsNoTracking().Include(u => u.Parent).Where(u => u.RegionId == region.Id).OrderBy(u => u.Code).ToListAsync())
        {
            await context.Out.WriteLineAsync(string.Join('\t', unit.Code, unit.Name, unit.Parent?.Name ?? "-"));
        }
        return MinxinCli.Ok;
    }
}

/// <summary>`minxin regions add CODE NAME [--parent CODE]`.</summary>
internal sealed class AddRegionCommand : ICliCommand
{
    private readonly Argument<string> _code = new("CODE") { Description = "行政区划代码，如 120112" };
    private readonly Argument<string> _name = new("NAME") { Description = "名称，如 津南区" };
    private readonly Option<string?> _parent = new("--parent") { Description = "上级地区代码，如 120000" };

    public AddRegionCommand() => Definition = new Command("add", "新建地区") { _code, _name, _parent };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var code = parsed.GetValue(_code)!.Trim();
        var name = parsed.GetValue(_name)!.Trim();
        if (code.Length is 0 or > 32 || !code.All(char.IsAsciiLetterOrDigit) || name.Length is 0 or > 200 || name.Any(char.IsControl))
        {
            throw new CliException("地区代码只能用字母和数字（最多 32 个），名称不能为空（最多 200 个字符）。");
        }
        if (await db.Regions.AnyAsync(r => r.Code == code))
        {
            throw new CliException($"已有代码为“{code}”的地区。");
        }
        var parent = parsed.GetValue(_parent) is { } parentCode ? await StaffCommands.RegionAsync(db, parentCode) : null;
        var region = new Region { Code = code, Name = name, Parent = parent };
        db.Regions.Add(region);
        await db.SaveChangesAsync();
        await StaffCommands.SaveWithAuditAsync(db, Audit.ByCli("region.created", $"region:{code}", $"新建地区 {region.FullName}（{code}）"), region.Id);
        await context.Error.WriteLineAsync($"已新建地区 {region.FullName}（{code}）。");
        return MinxinCli.Ok;
    }
}

internal sealed class ListRegionsCommand : ICliCommand
{
    public ListRegionsCommand() => Definition = new Command("list", "列出地区");

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        foreach (var region in await db.Regions.AsNoTracking().Include(r => r.Parent).OrderBy(r => r.Code).ToListAsync())
        {
            await context.Out.WriteLineAsync($"{region.Code}\t{region.FullName}");
        }
        return MinxinCli.Ok;
    }
}

/// <summary>`minxin tokens create NAME [--label TEXT] [--expires-days N]`: the token alone on the last line of standard output.</summary>
internal sealed class CreateTokenCommand : ICliCommand
{
    private readonly Argument<string> _user = new("NAME") { Description = "令牌所属账号的用户名" };
    private readonly Option<string?> _label = new("--label") { Description = "令牌的用途，如 单位台账系统" };
    private readonly Option<int?> _days = new("--expires-days") { Description = "多少天后失效（缺省 365 天）" };

    public CreateTokenCommand() => Definition = new Command("create", "为账号新建个人访问令牌（只显示这一次）") { _user, _label, _days };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var user = await StaffCommands.UserAsync(db, parsed.GetValue(_user)!);
        AccessToken entity;
        string token;
        try
        {
            (entity, token) = await AccessTokens.IssueAsync(db, user, parsed.GetValue(_label) ?? "命令行创建", parsed.GetValue(_days) ?? 365, AuditAuthor.Cli);
        }
        catch (InputException e)
        {
            throw new CliException($"没有新建令牌：{StaffCommands.Describe(e)}");
        }
        await context.Error.WriteLineAsync($"已为 {user.UserName} 新建令牌（编号 {entity.Id}，{ChinaTime.Date(entity.ExpiresAt!.Value):yyyy-MM-dd} 失效）。令牌只显示这一次，用法：Authorization: Bearer <令牌>");
        await context.Out.WriteLineAsync(token);
        return MinxinCli.Ok;
    }
}

internal sealed class ListTokensCommand : ICliCommand
{
    private readonly Argument<string?> _user = new("NAME") { Description = "只列出这个账号的令牌", Arity = ArgumentArity.ZeroOrOne };

    public ListTokensCommand() => Definition = new Command("list", "列出令牌（不显示令牌本身）") { _user };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var query = db.AccessTokens.AsNoTracking().Include(t => t.User).AsQueryable();
        if (parsed.GetValue(_user) is { } name)
        {
            var normalized = StaffCommands.Normalized(name);
            query = query.Where(t => t.User.NormalizedUserName == normalized);
        }
        var now = DateTimeOffset.UtcNow;
        foreach (var token in await query.OrderBy(t => t.Id).ToListAsync())
        {
            var state = token.RevokedAt is not null ? "已撤销" : token.ExpiresAt <= now ? "已过期" : "有效";
            await context.Out.WriteLineAsync(string.Join('\t', token.Id, token.User.UserName, token.Prefix + "…", token.Name, state,
                token.LastUsedAt is { } used ? ChinaTime.Format(used) : "从未使用"));
        }
        return MinxinCli.Ok;
    }
}

internal sealed class RevokeTokenCommand : ICliCommand
{
    private readonly Argument<int> _id = new("ID") { Description = "令牌编号（minxin tokens list 的第一列）" };

    public RevokeTokenCommand() => Definition = new Command("revoke", "撤销令牌") { _id };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var id = parsed.GetValue(_id);
        var token = await db.AccessTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Id == id) ?? throw new CliException($"没有编号为 {id} 的令牌。");
        if (token.RevokedAt is not null)
        {
            throw new CliException($"令牌 {id} 已经撤销。");
        }
        await AccessTokens.RevokeAsync(db, token, AuditAuthor.Cli);
        await context.Error.WriteLineAsync($"已撤销令牌 {id}。");
        return MinxinCli.Ok;
    }
}

internal sealed class ListProgramsCommand : ICliCommand
{
    public ListProgramsCommand() => Definition = new Command("list", "列出民心工程及其发布状态");

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        foreach (var p in await db.Programs.AsNoTracking().Include(p => p.Region).OrderBy(p => p.Code).ToListAsync())
        {
            await context.Out.WriteLineAsync(string.Join('\t', p.Code, p.Title, p.Region.Code, p.IsPublished ? "已发布" : "草稿"));
        }
        return MinxinCli.Ok;
    }
}

/// <summary>`minxin programs publish ID`: a draft program becomes public, with its approved reports only.</summary>
internal sealed class PublishProgramCommand : ICliCommand
{
    private readonly Argument<string> _program = new("ID") { Description = "民心工程标识，如 jinnan-2025" };

    public PublishProgramCommand() => Definition = new Command("publish", "发布草稿民心工程（只公开审核通过的报告）") { _program };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        var code = parsed.GetValue(_program)!;
        var program = await db.Programs.FirstOrDefaultAsync(p => p.Code == code) ?? throw new CliException($"数据库中没有标识为“{code}”的民心工程。");
        if (program.IsPublished)
        {
            throw new CliException($"“{code}”已经发布。");
        }
        await ProgramStore.PublishAsync(db, program, Audit.CliActor, AuditAuthor.Cli);
        await context.Error.WriteLineAsync($"已发布 {code}《{program.Title}》：公开页面、开放数据和搜索中可以看到它审核通过的报告。");
        return MinxinCli.Ok;
    }
}

using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Testing;

namespace Minxin.Cli.Tests;

/// <summary>
/// The staff commands: no default account, the first admin made with --password-stdin, the password rules, units,
/// tokens shown once and stored hashed, and every change in the audit log; and imports that keep what was reported.
/// </summary>
public abstract class StaffCliTests(DatabaseProvider provider)
{
    private readonly StorageOptions _storage = TestStorage.New(provider);

    private const string Password = "Haihe-Bridge-Spring-2025";

    private Task<CliRun> Minxin(params string[] args) => Cli.RunAsync(_storage, args);

    private Task<CliRun> MinxinWithInput(string stdin, params string[] args) => Cli.RunWithInputAsync(_storage, stdin, args);

    private async Task JinnanAsync() => Assert.Equal(0, (await Minxin("import", Repository.JinnanProgramFile)).ExitCode);

    [Fact]
    public async Task An_empty_store_has_no_accounts_and_the_first_admin_needs_a_password_on_standard_input()
    {
        await JinnanAsync();
        Assert.Equal("", (await Minxin("users", "list")).Out);

        var withoutPassword = await Minxin("users", "add", "admin", "--role", "admin", "--region", "120112");
        var weak = await MinxinWithInput("password1234\n", "users", "add", "admin", "--role", "admin", "--region", "120112", "--password-stdin");
        var withName = await MinxinWithInput("admin-admin-admin\n", "users", "add", "admin", "--role", "admin", "--region", "120112", "--password-stdin");
        var short11 = await MinxinWithInput("Haihe-Bri7!\n", "users", "add", "admin", "--role", "admin", "--region", "120112", "--password-stdin");
        var made = await MinxinWithInput(Password + "\n", "users", "add", "admin", "--role", "admin", "--region", "120112", "--password-stdin");

        Assert.Equal(1, withoutPassword.ExitCode);
        Assert.Contains("没有默认密码", withoutPassword.Error);
        Assert.Equal((1, 1, 1), (weak.ExitCode, withName.ExitCode, short11.ExitCode));
        Assert.Contains("太常见", weak.Error);
        Assert.Contains("至少要 12 个字符", short11.Error);
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.StartsWith("admin\tadmin\t120112", (await Minxin("users", "list")).Out);
        await using var db = MinxinDatabase.Create(_storage);
        var user = await db.Users.SingleAsync();
        Assert.DoesNotContain(Password, user.PasswordHash!);
        Assert.True(user.LockoutEnabled);
    }

    [Fact]
    public async Task A_reporter_belongs_to_a_unit_of_its_region_named_by_code_or_name()
    {
        await JinnanAsync();
        Assert.Equal(0, (await Minxin("units", "add", "区城管委", "--region", "120112", "--code", "cgw")).ExitCode);
        Assert.Equal(0, (await Minxin("units", "add", "区住建委", "--region", "120112")).ExitCode);

        var noUnit = await MinxinWithInput(Password, "users", "add", "wangli", "--role", "reporter", "--region", "120112", "--password-stdin");
        var unknownUnit = await MinxinWithInput(Password, "users", "add", "wangli", "--role", "reporter", "--region", "120112", "--unit", "区水务局", "--password-stdin");
        var unknownRegion = await MinxinWithInput(Password, "users", "add", "wangli", "--role", "coordinator", "--region", "310101", "--password-stdin");
        var byName = await MinxinWithInput(Password, "users", "add", "wangli", "--role", "reporter", "--region", "120112", "--unit", "区城管委", "--password-stdin");
        var byCode = await MinxinWithInput(Password, "users", "add", "lisi", "--role", "reporter", "--region", "120112", "--unit", "u001", "--password-stdin");

        Assert.Contains("填报员须属于一个单位：请选择所属单位（--unit）", noUnit.Error);
        Assert.Contains("单位名录中没有“区水务局”", unknownUnit.Error);
        Assert.Contains("没有代码为“310101”的地区", unknownRegion.Error);
        Assert.Equal((0, 0), (byName.ExitCode, byCode.ExitCode));
        Assert.Equal(["cgw\t区城管委\t-", "u001\t区住建委\t-"], (await Minxin("units", "list", "--region", "120112")).Out.TrimEnd('\n').Split('\n'));
        var users = (await Minxin("users", "list")).Out;
        Assert.Contains("lisi\treporter\t120112\t区住建委", users);
        Assert.Contains("wangli\treporter\t120112\t区城管委", users);
    }

    [Fact]
    public async Task A_token_is_printed_once_alone_on_the_last_line_and_only_its_hash_is_stored()
    {
        await JinnanAsync();
        await MinxinWithInput(Password, "users", "add", "liming", "--role", "coordinator", "--region", "120112", "--password-stdin");

        var created = await Minxin("tokens", "create", "liming", "--label", "台账系统");
        var token = created.Out.TrimEnd('\n').Split('\n')[^1];
        var listed = await Minxin("tokens", "list");
        var revoked = await Minxin("tokens", "revoke", "1");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal(token, created.Out.Trim());
        Assert.Matches("^mxt_[A-Za-z0-9_-]{43}$", token);
        Assert.DoesNotContain(token, listed.Out);
        Assert.Contains("台账系统\t有效", listed.Out);
        await using var db = MinxinDatabase.Create(_storage);
        var stored = await db.AccessTokens.SingleAsync();
        Assert.Equal(Data.Staff.AccessTokens.Hash(token), stored.Hash);
        Assert.NotEqual(token, stored.Hash);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("已撤销", (await Minxin("tokens", "list", "liming")).Out);
    }

    [Fact]
    public async Task Disabling_and_resetting_a_password_are_logged_and_the_audit_command_prints_them()
    {
        await JinnanAsync();
        await MinxinWithInput(Password, "users", "add", "liming", "--role", "coordinator", "--region", "120112", "--password-stdin");

        Assert.Equal(0, (await Minxin("users", "disable", "liming")).ExitCode);
        Assert.Contains("已停用", (await Minxin("users", "list")).Out);
        var reset = await Minxin("users", "reset-password", "liming");
        var generated = reset.Out.Trim();
        var audit = await Minxin("audit", "--since", "2000-01-01");
        var onlyUsers = await Minxin("audit", "--since", "2000-01-01", "--action", "user.");
        var badDate = await Minxin("audit", "--since", "2025-13-01");

        Assert.Equal(20, generated.Length);
        Assert.Equal(["program.imported", "user.created", "user.disabled", "user.password-reset"],
            audit.Out.Split('\n').Where(l => l.Length > 0 && l[0] != '\t').Select(l => l.Split('\t')[3]));
        Assert.All(audit.Out.Split('\n').Where(l => l.Length > 0 && l[0] != '\t'), l => Assert.Equal("cli", l.Split('\t')[1]));
        Assert.Equal(3, onlyUsers.Out.Split('\n').Count(l => l.Length > 0 && l[0] != '\t'));
        Assert.DoesNotContain(generated, audit.Out);
        Assert.Equal(1, badDate.ExitCode);
    }

    [Fact]
    public async Task Import_replace_appends_a_correction_but_refuses_to_rewrite_an_approved_figure()
    {
        await JinnanAsync();
        var text = await File.ReadAllTextAsync(Repository.JinnanProgramFile);
        var rewritten = Path.Combine(Path.GetTempPath(), $"minxin-rewrite-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(rewritten, text.Replace("\"value\": 5119,\n                  \"statedPercent\": 85", "\"value\": 5230"));

        var refused = await Minxin("import", rewritten, "--replace");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("子项 07-1 截至 2025-06-30 的第 1 版报告：已审核通过，内容不能被改写", refused.Error);
        Assert.Contains("作为第 2 版加入", refused.Error);
        Assert.Contains("\"value\": 5119", (await Minxin("export", "--program", "jinnan-2025")).Out);
    }

    [Fact]
    public async Task A_draft_is_published_only_by_a_command_and_then_once()
    {
        await Minxin("import", Repository.JinnanProgramFile, "--draft");

        var listed = await Minxin("programs", "list");
        var published = await Minxin("programs", "publish", "jinnan-2025");
        var again = await Minxin("programs", "publish", "jinnan-2025");

        Assert.Contains("jinnan-2025\t2025年津南区民心工程\t120112\t草稿", listed.Out);
        Assert.Equal((0, 1), (published.ExitCode, again.ExitCode));
        Assert.Contains("已发布", (await Minxin("programs", "list")).Out);
        await using var db = MinxinDatabase.Create(_storage);
        Assert.NotNull(await ProgramStore.LoadAsync(db, "jinnan-2025", publicOnly: true));
    }

    [Fact]
    public async Task A_folder_given_as_a_file_is_named_as_a_folder()
    {
        var run = await Minxin("validate", Path.GetTempPath());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("是文件夹，不是文件", run.Error);
    }
}

public sealed class SqliteStaffCliTests() : StaffCliTests(DatabaseProvider.Sqlite);

public sealed class PostgresStaffCliTests() : StaffCliTests(DatabaseProvider.Postgres);

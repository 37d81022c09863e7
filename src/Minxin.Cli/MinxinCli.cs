using System.CommandLine;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;

namespace Minxin.Cli;

/// <summary>
/// `minxin`: the command line for coordinators and operators. Results go to standard output, messages to standard
/// error; the exit code is 0 on success, 1 when the work could not be done, 2 when the command line is wrong.
/// </summary>
public static class MinxinCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(string[] args, Func<StorageOptions> storage, TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        var context = new CliContext(storage, stdout, stderr, stdin ?? TextReader.Null);
        var root = new RootCommand("Minxin 民心工程：数据文件校验、导入导出、成绩单文章生成，工作人员账号、单位、令牌与操作日志。数据库位置由 MINXIN_DATA / MINXIN_DATABASE / MINXIN_POSTGRES 决定。");
        var commands = new List<ICliCommand>
        {
            new ValidateCommand(), new ImportCommand(), new ExportCommand(), new ReportCommand(), new MigrateCommand(),
            new ImportTextCommand(), new AuditCommand(),
        };
        foreach (var command in commands)
        {
            root.Subcommands.Add(command.Definition);
        }
        // Groups: `minxin users add …`; their leaves are commands like the others.
        foreach (var (group, leaves) in StaffCommands.Groups())
        {
            foreach (var leaf in leaves)
            {
                group.Subcommands.Add(leaf.Definition);
                commands.Add(leaf);
            }
            root.Subcommands.Add(group);
        }
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }
            await stderr.WriteLineAsync("用 minxin --help 查看用法。");
            return Usage;
        }
        var chosen = commands.FirstOrDefault(c => c.Definition == parsed.CommandResult.Command);
        if (chosen is null)
        {
            // --help, --version, or no command at all: System.CommandLine prints what was asked for.
            var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
            return args.Length == 0 ? Usage : code;
        }
        try
        {
            return await chosen.RunAsync(parsed, context);
        }
        catch (CliException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return Failed;
        }
        catch (DbException e)
        {
            await stderr.WriteLineAsync($"数据库出错：{e.Message}");
            return Failed;
        }
        catch (DbUpdateException e)
        {
            await stderr.WriteLineAsync($"数据库拒绝了写入，没有任何数据被保存：{e.InnerException?.Message ?? e.Message}");
            return Failed;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"读写文件出错：{e.Message}");
            return Failed;
        }
        catch (UnauthorizedAccessException e)
        {
            await stderr.WriteLineAsync($"没有权限：{e.Message}");
            return Failed;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("MINXIN_", StringComparison.Ordinal))
        {
            await stderr.WriteLineAsync($"配置有误：{e.Message}");
            return Failed;
        }
    }
}

/// <summary>A failure the user can act on; its message is printed as is.</summary>
public sealed class CliException(string message) : Exception(message);

public sealed record CliContext(Func<StorageOptions> Storage, TextWriter Out, TextWriter Error, TextReader In)
{
    /// <summary>The database, with its schema brought up to date. The CLI never loads the bundled programs.</summary>
    public async Task<MinxinDbContext> OpenDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var db = MinxinDatabase.Create(Storage());
        await MinxinDatabase.MigrateAsync(db, cancellationToken);
        return db;
    }

    /// <summary>Brings the schema up to date, for commands that open the database through other services.</summary>
    public async Task EnsureSchemaAsync()
    {
        await using var db = await OpenDatabaseAsync();
    }
}

public interface ICliCommand
{
    Command Definition { get; }

    Task<int> RunAsync(ParseResult parsed, CliContext context);
}

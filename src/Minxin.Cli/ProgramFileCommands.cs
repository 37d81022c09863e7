using System.CommandLine;
using System.Text;
using Minxin.Data;
using Minxin.Domain.Auditing;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;

namespace Minxin.Cli;

/// <summary>`minxin validate FILE`: checks a data file and lists every problem with file, line, path and field.</summary>
public sealed class ValidateCommand : ICliCommand
{
    private readonly Argument<FileInfo> _file = new("FILE") { Description = "数据文件（minxin-program JSON）" };

    public ValidateCommand() => Definition = new Command("validate", "校验数据文件，不写入数据库") { _file };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        var program = await ProgramFiles.ReadAsync(parsed.GetValue(_file)!, context);
        if (program is null)
        {
            return MinxinCli.Failed;
        }
        var items = program.Categories.Sum(c => c.Items.Count);
        var reports = program.Categories.SelectMany(c => c.Items).Sum(i => i.Reports.Count);
        await context.Out.WriteLineAsync($"有效：{program.Code}《{program.Title}》，{program.Categories.Count}个工程，{items}个子项，{reports}份进展报告。");
        return MinxinCli.Ok;
    }
}

/// <summary>
/// `minxin import FILE [--replace] [--draft]`: stores a data file as a new program (published, or a draft with
/// --draft), or with --replace brings the stored program in line with it: the plan is updated where it differs,
/// reports the database lacks are appended, and no report that was submitted is ever rewritten. All or nothing.
/// </summary>
public sealed class ImportCommand : ICliCommand
{
    private readonly Argument<FileInfo> _file = new("FILE") { Description = "数据文件（minxin-program JSON）" };
    private readonly Option<bool> _replace = new("--replace")
    {
        Description = "更新数据库中标识相同的民心工程：计划按编号和标识更新，新报告追加；已提交或已审核的报告不会被改写",
    };
    private readonly Option<bool> _draft = new("--draft") { Description = "新的民心工程存为草稿（发布前不公开）" };

    public ImportCommand() => Definition = new Command("import", "把数据文件导入数据库") { _file, _replace, _draft };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        var program = await ProgramFiles.ReadAsync(parsed.GetValue(_file)!, context);
        if (program is null)
        {
            return MinxinCli.Failed;
        }
        await using var db = await context.OpenDatabaseAsync();
        var publication = parsed.GetValue(_draft) ? PublicationState.Draft : PublicationState.Published;
        if (!parsed.GetValue(_replace))
        {
            try
            {
                await ProgramStore.AddAsync(db, program, publication, Audit.ByCli("program.imported", $"program:{program.Code}", $"导入民心工程《{program.Title}》"));
            }
            catch (ProgramExistsException e)
            {
                throw new CliException($"数据库中已有标识为“{e.Code}”的民心工程，未做任何改动。要用此文件更新它，请加 --replace。");
            }
            await context.Error.WriteLineAsync($"已导入：{program.Code}《{program.Title}》{(publication == PublicationState.Draft ? "（草稿，发布前不公开）" : "")}。");
            return MinxinCli.Ok;
        }
        var outcome = await ProgramImports.ApplyAsync(db, program, publication, allowPlanChanges: true, context,
            Audit.ByCli("program.imported", $"program:{program.Code}", $"用数据文件导入民心工程《{program.Title}》"));
        await context.Error.WriteLineAsync(outcome.Created
            ? $"已导入：{program.Code}《{program.Title}》。"
            : outcome.Changed
                ? $"已更新 {program.Code}：计划改动 {outcome.PlanChanges} 处，追加报告 {outcome.ReportsAdded} 份，替换草稿 {outcome.ReportsUpdated} 份。"
                : $"{program.Code} 与数据库中的内容相同，没有改动。");
        return MinxinCli.Ok;
    }
}

internal static class ProgramImports
{
    /// <summary>Adds or updates the program; a refused import prints each reason and changes nothing.</summary>
    public static async Task<ImportOutcome> ApplyAsync(MinxinDbContext db, Domain.Programs.LivelihoodProgram program,
        PublicationState publicationIfNew, bool allowPlanChanges, CliContext context, AuditEntry audit)
    {
        try
        {
            return await ProgramImport.AddOrApplyAsync(db, program, publicationIfNew, allowPlanChanges, audit);
        }
        catch (ImportRefusedException e)
        {
            foreach (var reason in e.Reasons)
            {
                await context.Error.WriteLineAsync(reason);
            }
            throw new CliException($"导入被拒绝（{e.Reasons.Count} 处），未做任何改动。已提交的报告只能以更正版本追加，不能改写。");
        }
    }
}

/// <summary>`minxin export --program ID`: writes a program back in the data-file format (all reports, every review state).</summary>
public sealed class ExportCommand : ICliCommand
{
    private readonly Option<string> _program = new("--program") { Description = "民心工程标识，如 jinnan-2025", Required = true };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "写入此文件（缺省为标准输出）" };

    public ExportCommand() => Definition = new Command("export", "把民心工程导出为数据文件") { _program, _output };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        var code = parsed.GetValue(_program)!;
        await using var db = await context.OpenDatabaseAsync();
        var program = await ProgramStore.LoadAsync(db, code, publicOnly: false)
            ?? throw new CliException($"数据库中没有标识为“{code}”的民心工程。");
        await ProgramFiles.WriteAsync(ProgramFileWriter.Write(program), parsed.GetValue(_output), context);
        return MinxinCli.Ok;
    }
}

internal static class ProgramFiles
{
    /// <summary>Refuses a path that is not a readable file, saying which it is.</summary>
    public static void Existing(FileInfo file)
    {
        if (Directory.Exists(file.FullName))
        {
            throw new CliException($"“{file.FullName}”是文件夹，不是文件：请给出数据文件的路径。");
        }
        if (!file.Exists)
        {
            throw new CliException($"找不到文件：{file.FullName}");
        }
    }

    /// <summary>The program in a file, or null after printing every problem found to standard error.</summary>
    public static async Task<Domain.Programs.LivelihoodProgram?> ReadAsync(FileInfo file, CliContext context)
    {
        Existing(file);
        var result = ProgramFileReader.Read(file.Name, await File.ReadAllBytesAsync(file.FullName));
        if (result.IsValid)
        {
            return result.Program;
        }
        foreach (var error in result.Errors)
        {
            await context.Error.WriteLineAsync(error.ToString());
        }
        await context.Error.WriteLineAsync($"{file.Name}：发现 {result.Errors.Count} 处错误，未做任何改动。");
        return null;
    }

    public static async Task WriteAsync(byte[] utf8, FileInfo? output, CliContext context)
    {
        if (output is null)
        {
            await context.Out.WriteAsync(Encoding.UTF8.GetString(utf8));
            await context.Out.FlushAsync();
            return;
        }
        await File.WriteAllBytesAsync(output.FullName, utf8);
        await context.Error.WriteLineAsync($"已写入 {output.FullName}");
    }
}

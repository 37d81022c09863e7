using System.CommandLine;
using System.Text;
using Minxin.Data;
using Minxin.Domain.ProgramFiles;

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

/// <summary>`minxin import FILE [--replace]`: stores a data file as a program, all or nothing.</summary>
public sealed class ImportCommand : ICliCommand
{
    private readonly Argument<FileInfo> _file = new("FILE") { Description = "数据文件（minxin-program JSON）" };
    private readonly Option<bool> _replace = new("--replace") { Description = "替换数据库中标识相同的民心工程（连同其全部报告）" };

    public ImportCommand() => Definition = new Command("import", "把数据文件导入数据库") { _file, _replace };

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        var program = await ProgramFiles.ReadAsync(parsed.GetValue(_file)!, context);
        if (program is null)
        {
            return MinxinCli.Failed;
        }
        await using var db = await context.OpenDatabaseAsync();
        try
        {
            await ProgramStore.AddAsync(db, program, parsed.GetValue(_replace));
        }
        catch (ProgramExistsException e)
        {
            throw new CliException($"数据库中已有标识为“{e.Code}”的民心工程，未做任何改动。要替换它，请加 --replace。");
        }
        await context.Error.WriteLineAsync($"已导入：{program.Code}《{program.Title}》。");
        return MinxinCli.Ok;
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
    /// <summary>The program in a file, or null after printing every problem found to standard error.</summary>
    public static async Task<Domain.Programs.LivelihoodProgram?> ReadAsync(FileInfo file, CliContext context)
    {
        if (!file.Exists)
        {
            throw new CliException($"找不到文件：{file.FullName}");
        }
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

using System.CommandLine;
using System.Globalization;
using System.Text;
using Minxin.Data;
using Minxin.Domain.Articles;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;

namespace Minxin.Cli;

/// <summary>`minxin report --program ID --as-of DATE --format md|html|json`: the card as an article for editors.</summary>
public sealed class ReportCommand : ICliCommand
{
    private readonly Option<string> _program = new("--program") { Description = "民心工程标识，如 jinnan-2025", Required = true };
    private readonly Option<string?> _asOf = new("--as-of") { Description = "数据截至日期 YYYY-MM-DD（缺省为最新报告日期）" };
    private readonly Option<string> _format = new("--format") { Description = "md、html 或 json", DefaultValueFactory = _ => "md" };
    private readonly Option<FileInfo?> _output = new("--output", "-o") { Description = "写入此文件（缺省为标准输出）" };

    public ReportCommand()
    {
        _format.AcceptOnlyFromAmong("md", "html", "json");
        Definition = new Command("report", "生成成绩单文章（标题、导语、分工程的逐项进展）") { _program, _asOf, _format, _output };
    }

    public Command Definition { get; }

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        var code = parsed.GetValue(_program)!;
        var asOfText = parsed.GetValue(_asOf);
        DateOnly? asOf = null;
        if (asOfText is not null)
        {
            if (!IsoDate.TryParse(asOfText, out var date))
            {
                throw new CliException($"--as-of “{asOfText}”不是有效日期，应为 YYYY-MM-DD，例如 2025-06-30。");
            }
            asOf = date;
        }
        var format = parsed.GetValue(_format) switch
        {
            "html" => ArticleFormat.Html,
            "json" => ArticleFormat.Json,
            _ => ArticleFormat.Markdown,
        };
        await using var db = await context.OpenDatabaseAsync();
        var program = await ProgramStore.LoadAsync(db, code, publicOnly: true)
            ?? throw new CliException($"数据库中没有标识为“{code}”的民心工程。");
        var card = ReportCardCalculator.Compute(program, asOf ?? ReportCardCalculator.LatestReportDate(program));
        var text = ArticleFormats.Render(ArticleWriter.Write(card), format);
        await ProgramFiles.WriteAsync(Encoding.UTF8.GetBytes(text), parsed.GetValue(_output), context);
        return MinxinCli.Ok;
    }
}

/// <summary>`minxin migrate`: creates or updates the database schema (the web app also does this at start).</summary>
public sealed class MigrateCommand : ICliCommand
{
    public Command Definition { get; } = new("migrate", "创建或升级数据库结构");

    public async Task<int> RunAsync(ParseResult parsed, CliContext context)
    {
        await using var db = await context.OpenDatabaseAsync();
        await context.Error.WriteLineAsync("数据库结构已是最新。");
        return MinxinCli.Ok;
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Testing;

namespace Minxin.Cli.Tests;

public abstract class CliTests(DatabaseProvider provider)
{
    private readonly StorageOptions _storage = TestStorage.New(provider);

    private Task<CliRun> Minxin(params string[] args) => Cli.RunAsync(_storage, args);

    private async Task ImportJinnanAsync()
    {
        var run = await Minxin("import", Repository.JinnanProgramFile);
        Assert.True(run.ExitCode == 0, run.Error);
    }

    [Fact]
    public async Task Import_then_export_gives_back_the_file_and_export_import_export_is_byte_identical()
    {
        await ImportJinnanAsync();

        var first = await Minxin("export", "--program", "jinnan-2025");
        var file = Path.Combine(Path.GetTempPath(), $"minxin-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, first.Out);
        var reimport = await Minxin("import", file, "--replace");
        var second = await Minxin("export", "--program", "jinnan-2025");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, reimport.ExitCode);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal(await File.ReadAllTextAsync(Repository.JinnanProgramFile), first.Out);
    }

    [Fact]
    public async Task Importing_an_existing_program_is_refused_without_replace()
    {
        await ImportJinnanAsync();

        var again = await Minxin("import", Repository.JinnanProgramFile);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("已有标识为“jinnan-2025”的民心工程", again.Error);
        Assert.Contains("--replace", again.Error);
        await using var db = MinxinDatabase.Create(_storage);
        Assert.Equal(1, await db.Programs.CountAsync());
        Assert.Equal(1, (await db.Programs.SingleAsync()).DataVersion);
    }

    [Fact]
    public async Task The_article_leads_with_the_counts_and_has_the_ten_headings_in_order()
    {
        await ImportJinnanAsync();

        var run = await Minxin("report", "--program", "jinnan-2025", "--as-of", "2025-06-30", "--format", "md");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("截至2025年6月底，4个子项已完成，其余22个子项正在加快推进", run.Out);
        var headings = Regex.Matches(run.Out, "^## (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, headings.Count);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => n.ToString("00")), headings.Select(h => h[..2]));
        Assert.Contains("累计推动全区既有住宅小区新增电动自行车充电接口5119个，完成率85%", run.Out);
    }

    [Fact]
    public async Task The_html_article_is_a_document_with_ten_sections()
    {
        await ImportJinnanAsync();

        var run = await Minxin("report", "--program", "jinnan-2025", "--format", "html");

        var document = await BrowsingContext.New().OpenAsync(r => r.Content(run.Out));
        Assert.Equal("zh-CN", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(10, document.QuerySelectorAll("article h2").Length);
        Assert.Equal(26 + 1, document.QuerySelectorAll("article p").Length);
    }

    [Fact]
    public async Task The_json_article_is_one_document()
    {
        await ImportJinnanAsync();

        var run = await Minxin("report", "--program", "jinnan-2025", "--as-of", "2025-03-31", "--format", "json");

        var article = JsonDocument.Parse(run.Out).RootElement;
        Assert.Contains("截至2025年3月底", article.GetProperty("lead").GetString());
        Assert.Equal(10, article.GetProperty("sections").GetArrayLength());
    }

    [Fact]
    public async Task Report_errors_go_to_standard_error_with_a_non_zero_exit()
    {
        await ImportJinnanAsync();

        var unknown = await Minxin("report", "--program", "nowhere-2025");
        var badDate = await Minxin("report", "--program", "jinnan-2025", "--as-of", "2025-02-30");
        var badFormat = await Minxin("report", "--program", "jinnan-2025", "--format", "pdf");

        Assert.Equal((1, ""), (unknown.ExitCode, unknown.Out));
        Assert.Contains("没有标识为“nowhere-2025”", unknown.Error);
        Assert.Equal((1, ""), (badDate.ExitCode, badDate.Out));
        Assert.Contains("2025-02-30", badDate.Error);
        Assert.Equal((2, ""), (badFormat.ExitCode, badFormat.Out));
        Assert.Contains("pdf", badFormat.Error);
    }

    [Fact]
    public async Task A_bad_file_is_refused_with_its_line_and_nothing_is_written()
    {
        var text = (await File.ReadAllTextAsync(Repository.JinnanProgramFile)).Replace("\"target\": 6000", "\"target\": \"6000个\"");
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, text);

        var validate = await Minxin("validate", file);
        var import = await Minxin("import", file);

        Assert.Equal(1, validate.ExitCode);
        Assert.Matches(@$"{Regex.Escape(Path.GetFileName(file))}:\d+: \$\.categories\[6\]\.items\[0\]\.indicators\[0\]\.target: 应为数字", validate.Error);
        Assert.Equal(1, import.ExitCode);
        await using var db = MinxinDatabase.Create(_storage);
        await MinxinDatabase.MigrateAsync(db);
        Assert.Equal(0, await db.Programs.CountAsync());
    }

    [Fact]
    public async Task Validate_summarises_a_good_file()
    {
        var run = await Minxin("validate", Repository.JinnanProgramFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("10个工程，26个子项，26份进展报告", run.Out);
    }

    [Fact]
    public async Task Migrate_creates_the_schema_and_the_cli_never_loads_the_bundled_program()
    {
        var run = await Minxin("migrate");

        Assert.Equal(0, run.ExitCode);
        await using var db = MinxinDatabase.Create(_storage);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Programs.CountAsync());
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error()
    {
        var run = await Minxin("import", "no-such-file.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("找不到文件", run.Error);
    }
}

public sealed class SqliteCliTests() : CliTests(DatabaseProvider.Sqlite);

public sealed class PostgresCliTests() : CliTests(DatabaseProvider.Postgres);

public sealed class CliProcessTests
{
    [Fact]
    public async Task The_program_writes_utf8_chinese_and_exit_codes_as_a_shell_sees_them()
    {
        var data = TestStorage.NewSqlite().DataDirectory;

        var import = await Cli.RunProcessAsync(data, "import", Repository.JinnanProgramFile);
        var report = await Cli.RunProcessAsync(data, "report", "--program", "jinnan-2025");
        var wrong = await Cli.RunProcessAsync(data, "report", "--program", "nowhere");
        var usage = await Cli.RunProcessAsync(data);

        Assert.Equal(0, import.ExitCode);
        Assert.True(File.Exists(Path.Combine(data, StorageOptions.SqliteFileName)));
        Assert.Equal(0, report.ExitCode);
        Assert.StartsWith("# 津南区2025年上半年民心工程“成绩单”", report.Out);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal("", wrong.Out);
        Assert.Equal(2, usage.ExitCode);
    }
}

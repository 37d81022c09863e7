using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Minxin.Cli;
using Minxin.Data;
using Minxin.Domain.ProgramFiles;
using Minxin.Testing;

namespace Minxin.Importer.Tests;

/// <summary>`minxin import-text` against a fresh SQLite store, run in process.</summary>
public class ImportTextCommandTests
{
    private readonly StorageOptions _storage = TestStorage.NewSqlite();

    private async Task<(int Code, string Out, string Error)> Minxin(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await MinxinCli.RunAsync(args, () => _storage, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Seed => Drafts.TextPath("jinnan-2025-h1.txt");

    private async Task<List<Domain.Programs.LivelihoodProgram>> StoredAsync()
    {
        await using var db = MinxinDatabase.Create(_storage);
        return await ProgramStore.LoadAllAsync(db, publicOnly: false);
    }

    [Fact]
    public async Task The_summary_lists_categories_items_figures_and_the_questions()
    {
        var run = await Minxin("import-text", Seed);

        Assert.Equal((0, ""), (run.Code, run.Error));
        Assert.Contains("数据截至 2025-06-30；10个工程，26个子项：已完成4个，推进中22个。", run.Out);
        Assert.Contains("01  护苗助老贴心工程", run.Out);
        Assert.Contains("01-3 建成老年友善医疗机构14家〔已完成〕", run.Out);
        Assert.Contains("全区既有住宅小区新增电动自行车充电接口 5119个，完成85%", run.Out);
        Assert.Contains("职业技能培训和创业培训 2899人次（1—5月份），完成19%", run.Out);
        Assert.Contains("需要审核人确认的问题（5个）", run.Out);
        Assert.Contains("原文说“基本完工”", run.Out);
    }

    [Fact]
    public async Task Json_output_is_one_data_file_document_that_the_reader_accepts()
    {
        var run = await Minxin("import-text", Seed, "--json", "--id", "jinnan-2025", "--publication-date", "2025-07-17");

        Assert.Equal(0, run.Code);
        using var document = JsonDocument.Parse(run.Out);
        Assert.Equal("jinnan-2025", document.RootElement.GetProperty("id").GetString());
        Assert.True(document.RootElement.GetProperty("draft").GetProperty("provenance").GetArrayLength() > 100);
        var result = ProgramFileReader.Read("draft.json", Encoding.UTF8.GetBytes(run.Out));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(26, result.Program!.Items.Count());
    }

    [Fact]
    public async Task Save_into_an_empty_store_leaves_exactly_that_program_as_a_draft()
    {
        var run = await Minxin("import-text", Seed, "--save", "--id", "jinnan-2025");

        Assert.Equal(0, run.Code);
        Assert.Contains("已保存草稿：jinnan-2025", run.Error);
        var program = Assert.Single(await StoredAsync());
        Assert.Equal(("jinnan-2025", 26, 1L), (program.Code, program.Items.Count(), program.DataVersion));
        Assert.Equal(Domain.Programs.PublicationState.Draft, program.Publication);
        Assert.All(program.Items.SelectMany(i => i.Reports), r => Assert.Equal(Domain.Progress.ReviewState.Submitted, r.Review));
        Assert.DoesNotContain(program.Items.SelectMany(i => i.Reports), r => r.IsPublic);
    }

    [Fact]
    public async Task A_second_save_without_replace_is_refused_and_changes_nothing()
    {
        await Minxin("import-text", Seed, "--save", "--id", "jinnan-2025");

        var again = await Minxin("import-text", Seed, "--save", "--id", "jinnan-2025");

        Assert.Equal((1, ""), (again.Code, again.Out));
        Assert.Contains("已有 2025-06-30 的进展报告", again.Error);
        Assert.Contains("--replace", again.Error);
        var program = Assert.Single(await StoredAsync());
        Assert.Equal((1L, 26), (program.DataVersion, program.Items.SelectMany(i => i.Reports).Count()));
    }

    [Fact]
    public async Task Save_with_replace_updates_a_draft_and_the_same_text_changes_nothing()
    {
        await Minxin("import-text", Seed, "--save", "--id", "jinnan-2025");

        var again = await Minxin("import-text", Seed, "--save", "--replace", "--id", "jinnan-2025");

        Assert.Equal(0, again.Code);
        Assert.Contains("没有改动", again.Error);
        var program = Assert.Single(await StoredAsync());
        Assert.Equal((1L, 26), (program.DataVersion, program.Items.SelectMany(i => i.Reports).Count()));
    }

    [Fact]
    public async Task A_published_program_cannot_have_its_plan_replaced_from_a_text()
    {
        Assert.Equal(0, (await Minxin("import", Repository.JinnanProgramFile)).Code);
        var before = Assert.Single(await StoredAsync());

        var run = await Minxin("import-text", Seed, "--save", "--replace", "--id", "jinnan-2025");

        Assert.Equal(1, run.Code);
        Assert.Contains("已经发布，不能用文本替换它的计划", run.Error);
        var after = Assert.Single(await StoredAsync());
        Assert.Equal(before.DataVersion, after.DataVersion);
        Assert.Equal(26, after.Items.SelectMany(i => i.Reports).Count(r => r.IsPublic));
    }

    [Fact]
    public async Task A_later_progress_report_is_added_to_the_stored_program_of_the_same_region_and_year()
    {
        Assert.Equal(0, (await Minxin("import", Repository.JinnanProgramFile)).Code);

        var run = await Minxin("import-text", Drafts.TextPath("jinnan-2025-q3.txt"), "--save");

        Assert.True(run.Code == 0, run.Error);
        Assert.Contains("jinnan-2025", run.Error);
        Assert.Contains("已把 3 份进展报告加入 jinnan-2025", run.Error);
        var program = Assert.Single(await StoredAsync());
        var sockets = program.Items.Single(i => i.Title.EndsWith("充电接口6000个", StringComparison.Ordinal));
        Assert.Equal(["2025-06-30", "2025-09-30"], sockets.Reports.OrderBy(r => r.AsOf).Select(r => r.AsOf.ToString("yyyy-MM-dd")));
        var latest = sockets.Reports.Single(r => r.AsOf.Month == 9);
        Assert.Equal(Domain.Progress.ReviewState.Submitted, latest.Review);
        Assert.Equal((5860m, 97m), (latest.Values.Single(v => v.Indicator.Key == "充电接口").Value, latest.Values.Single(v => v.Indicator.Key == "充电接口").StatedPercent!.Value));
        var farmland = program.Items.Single(i => i.Title == "新增建设高标准农田3700亩");
        Assert.Equal(Domain.Progress.ItemStatus.Completed, farmland.Reports.Single(r => r.AsOf.Month == 9).Status);
        Assert.Equal(26, program.Items.Count());
    }

    [Fact]
    public async Task A_text_whose_items_the_stored_program_does_not_have_is_refused()
    {
        Assert.Equal(0, (await Minxin("import", Repository.JinnanProgramFile)).Code);

        var run = await Minxin("import-text", Drafts.TextPath("beichen-2025-h1-traditional.txt"), "--save", "--id", "jinnan-2025");

        Assert.Equal((1, ""), (run.Code, run.Out));
        Assert.Contains("找不到措辞相同的子项", run.Error);
        await using var db = MinxinDatabase.Create(_storage);
        Assert.Equal(1L, (await db.Programs.SingleAsync()).DataVersion);
    }

    [Fact]
    public async Task Errors_go_to_standard_error_with_a_non_zero_exit()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(empty, "分享到:\n返回顶部\n");
        await Minxin("migrate");

        var missing = await Minxin("import-text", "/nowhere/report.txt");
        var badDate = await Minxin("import-text", Seed, "--publication-date", "2025-02-30");
        var badId = await Minxin("import-text", Seed, "--id", "津南");
        var nothing = await Minxin("import-text", empty, "--json");

        Assert.Equal((1, ""), (missing.Code, missing.Out));
        Assert.Contains("找不到文件", missing.Error);
        Assert.Equal((1, ""), (badDate.Code, badDate.Out));
        Assert.Contains("2025-02-30", badDate.Error);
        Assert.Equal((1, ""), (badId.Code, badId.Out));
        Assert.Contains("--id", badId.Error);
        Assert.Equal((1, ""), (nothing.Code, nothing.Out));
        Assert.Contains("没有读出任何民心工程子项", nothing.Error);
        Assert.Empty(await StoredAsync());
    }
}

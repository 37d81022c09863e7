using Minxin.Domain.ProgramFiles;

namespace Minxin.Importer.Tests;

/// <summary>The seed: 津南区's half-year 成绩单 as published, read into a draft (issue 4, "Done when").</summary>
public class SeedTextTests
{
    private const string Seed = "jinnan-2025-h1.txt";
    private static readonly ProgramFile Draft = Drafts.Read(Seed, new ImportOptions { SourceName = Seed });
    private static readonly ProgramFile Transcribed = ProgramFileReader.Read(Testing.Repository.JinnanProgramFile).IsValid
        ? System.Text.Json.JsonSerializer.Deserialize<ProgramFile>(File.ReadAllBytes(Testing.Repository.JinnanProgramFile), ProgramFileJson.Options)!
        : throw new InvalidOperationException("programs/jinnan-2025.json is not valid");

    [Fact]
    public void The_draft_is_a_valid_data_file()
    {
        Assert.Empty(Drafts.Errors(Draft));
    }

    [Fact]
    public void There_are_ten_categories_with_their_names_in_order()
    {
        Assert.Equal(
            ["护苗助老贴心工程", "就医改善舒心工程", "扶弱助残暖心工程", "供热排水顺心工程", "“三微四景”连心工程",
             "惠民移居安心工程", "消防安全用心工程", "日常出行省心工程", "文体惠民润心工程", "宜业增收恒心工程"],
            Draft.Categories!.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(1, 10), Draft.Categories!.Select(c => c.Number));
    }

    [Fact]
    public void There_are_26_items_with_the_official_wording_of_the_transcribed_file()
    {
        Assert.Equal(26, Draft.Items().Count());
        Assert.Equal([3, 3, 3, 2, 2, 3, 2, 3, 2, 3], Draft.Categories!.Select(c => c.Items!.Count));
        Assert.Equal(Transcribed.Items().Select(i => i.Title), Draft.Items().Select(i => i.Title));
    }

    [Fact]
    public void The_four_completed_items_are_the_ones_the_card_names_and_the_rest_are_in_progress()
    {
        var completed = Draft.Items().Where(i => i.Report().Status == "completed").Select(i => i.Title).ToList();

        Assert.Equal(["建成老年友善医疗机构14家", "完成双港卫生院功能提升改造", "开展城市供热“冬病夏治”户内供热设施改造，实施供热旧管网改造提升", "打造街镇“津彩e就业”驿站11个"], completed);
        Assert.Equal(22, Draft.Items().Count(i => i.Report().Status == "inProgress"));
    }

    [Fact]
    public void Charging_sockets_have_target_6000_and_5119_done_with_the_stated_85_percent()
    {
        var item = Draft.Item("加大社区消防安全宣传");

        var value = item.ValueOf(6000);

        Assert.Equal("个", item.Target(6000).Unit);
        Assert.Equal(5119, value.Value);
        Assert.Equal(85, value.StatedPercent);
    }

    [Fact]
    public void The_school_places_are_four_targets_of_one_item()
    {
        var item = Draft.Item("新增婴幼儿托位");

        Assert.Equal(
            [("婴幼儿托位", 460m), ("学前教育学位", 540m), ("义务教育学位", 3360m), ("普通高中学位", 1050m)],
            item.Indicators!.Where(i => i.Target is not null).Select(i => (i.Name!, i.Target!.Value)));
        Assert.All(item.Indicators!, i => Assert.Equal("个", i.Unit));
    }

    [Fact]
    public void Skills_training_targets_14500_person_times_with_2899_done_in_January_to_May()
    {
        var item = Draft.Item("实施“万人技能提升行动”");

        var value = item.ValueOf(14500);

        Assert.Equal("人次", item.Target(14500).Unit);
        Assert.Equal(2899, value.Value);
        Assert.Equal("2025-01-01/2025-05-31", value.Period);
    }

    [Fact]
    public void Farmland_targets_3700_mu_and_car_chargers_530()
    {
        Assert.Equal("亩", Draft.Item("新增建设高标准农田").Target(3700).Unit);
        Assert.Equal("个", Draft.Item("新增电动汽车充电桩").Target(530).Unit);
    }

    [Fact]
    public void Every_report_is_as_of_30_June_2025_and_a_draft_from_the_publisher()
    {
        var reports = Draft.Items().Select(i => i.Report()).ToList();

        Assert.Equal(26, reports.Count);
        Assert.All(reports, r => Assert.Equal("2025-06-30", r.AsOf));
        Assert.All(reports, r => Assert.Equal("draft", r.Review!.State));
        Assert.All(reports, r => Assert.Equal(("津南好", "2025-07-17T13:43:00+08:00"), (r.SubmittedBy, r.SubmittedAt)));
    }

    [Fact]
    public void Region_year_and_source_come_from_the_title_and_the_source_line()
    {
        Assert.Equal(("津南区", 2025), (Draft.Region!.Name, Draft.Year));
        Assert.Equal("2025年津南区民心工程", Draft.Title);
        var source = Assert.Single(Draft.Sources!);
        Assert.Equal(("津南好", "2025-07-17T13:43:00+08:00"), (source.Publisher, source.PublishedAt));
    }

    [Fact]
    public void Wan_figures_are_stored_in_base_units_with_their_qualifiers()
    {
        var figures = Draft.Items().SelectMany(i => i.Figures()).ToList();

        Assert.Contains((279100m, "人次"), figures);
        Assert.Contains((38220000m, "元"), figures);
        Assert.Contains((10001300m, "元"), figures);
        Assert.Contains((18000m, "辆"), figures);
        var leaflets = Draft.Item("加大社区消防安全宣传").Report().Values!.Single(v => v.Value == 20000);
        Assert.Equal("over", leaflets.Qualifier);
        Assert.Equal("about", Draft.Item("在有关街镇更新").Report().Values!.Single(v => v.Value == 137).Qualifier);
    }

    [Fact]
    public void A_step_called_done_does_not_complete_the_item_but_basically_done_asks_the_reviewer()
    {
        // "已完成相关点位环境提升工程" is one step of 05-1; "基本完工" is for a person to judge.
        Assert.Equal("inProgress", Draft.Item("在有关街镇更新").Report().Status);
        Assert.Equal("inProgress", Draft.Item("新增建设高标准农田").Report().Status);
        Assert.Contains(Draft.Draft!.Questions!, q => q.Question!.Contains("基本完工") && q.Path == "$.categories[9].items[2].reports[0].status");
    }

    [Fact]
    public void Expected_dates_and_sites_are_read_from_the_progress_text()
    {
        var schools = Draft.Item("新增婴幼儿托位").Report();
        var housing = Draft.Item("完成辛庄镇白万路东地块安置房").Report();

        Assert.Equal("2025-08-31", housing.ExpectedCompletion);
        var site = Draft.Item("新增婴幼儿托位").Sites!.Single(s => s.Name == "辛庄镇建明道北侧幼儿园综合楼");
        Assert.Equal("辛庄镇", site.Town);
        Assert.Equal("toppedOut", schools.Sites!.Single(u => u.Site == site.Key).Phase);
        Assert.Equal("2025-09", schools.Sites!.Single(u => u.Phase == "acceptance").ExpectedCompletion);
    }

    [Fact]
    public void Every_value_has_provenance_pointing_at_the_text_it_came_from()
    {
        var text = Drafts.Text(Seed);
        var provenance = Draft.Draft!.Provenance!;
        var item = Draft.Item("加大社区消防安全宣传");
        var path = $"$.categories[6].items[0].reports[0].values[{item.Report().Values!.FindIndex(v => v.Value == 5119)}].value";

        var found = Assert.Single(provenance, p => p.Path == path);

        Assert.Contains("5119个", text.Substring(found.Start, found.Length));
        Assert.InRange(found.Confidence, 0.5m, 1m);
        var valuePaths = Draft.Categories!.SelectMany((c, i) => c.Items!.SelectMany((it, j) =>
            (it.Reports ?? []).SelectMany((r, k) => (r.Values ?? []).Select((_, v) => $"$.categories[{i}].items[{j}].reports[{k}].values[{v}].value"))));
        Assert.All(valuePaths, p => Assert.Contains(provenance, x => x.Path == p));
    }

    [Fact]
    public void The_narrative_is_the_progress_text_without_the_article_openings()
    {
        var training = Draft.Item("实施“万人技能提升行动”").Report();
        var clinic = Draft.Item("完成双港卫生院").Report();

        Assert.StartsWith("1—5月份，开展补贴性职业技能培训", training.Narrative);
        Assert.StartsWith("对公共卫生科室进行维修", clinic.Narrative);
        Assert.DoesNotContain("目前，", Draft.Item("新增电动汽车充电桩").Report().Narrative);
    }

    [Fact]
    public void The_questions_ask_for_an_id_and_the_region_code_and_the_unclear_charger_figures()
    {
        var questions = Draft.Draft!.Questions!;

        Assert.Contains(questions, q => q.Path == "$.id");
        Assert.Contains(questions, q => q.Path == "$.region.code");
        Assert.Contains(questions, q => q.Path == "$.categories[6].items[1].indicators[0].target" && q.Question!.Contains("10个"));
    }

    [Fact]
    public void An_id_given_by_the_caller_is_used_and_not_asked_for()
    {
        var draft = Drafts.Read(Seed, new ImportOptions { ProgramId = "jinnan-2025" });

        Assert.Equal("jinnan-2025", draft.Id);
        Assert.DoesNotContain(draft.Draft!.Questions!, q => q.Path == "$.id");
    }
}

namespace Minxin.Importer.Tests;

/// <summary>Texts of the genre in the other forms districts publish: each read into a valid draft with its own facts.</summary>
public class GenreTextTests
{
    [Fact]
    public void A_plan_table_gives_categories_items_targets_lead_units_and_deadlines_but_no_reports()
    {
        var draft = Drafts.Read("xiqing-2025-plan.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("西青区", 2025), (draft.Region!.Name, draft.Year));
        Assert.Equal(["教育惠民工程", "健康养老工程", "城市更新工程"], draft.Categories!.Select(c => c.Name));
        Assert.Equal(6, draft.Items().Count());
        Assert.All(draft.Items(), i => Assert.Null(i.Reports));
        var schools = draft.Item("新建改扩建中小学3所");
        Assert.Equal(("区教育局", "2025-09-30"), (schools.LeadUnit, schools.Deadline));
        Assert.Equal(["区住建委", "区规划资源局"], schools.CooperatingUnits);
        Assert.Equal([(3m, "所"), (4500m, "个")], schools.Indicators!.Select(i => (i.Target!.Value, i.Unit!)));
        var meals = draft.Item("新建老年助餐点20个");
        Assert.Equal((100000m, "人次", "atLeast"), (meals.Target(100000).Target!.Value, meals.Target(100000).Unit!, meals.Target(100000).Comparator!));
        Assert.Equal("2025-12-31", meals.Deadline);
        var doctors = draft.Item("重点人群家庭医生签约率");
        Assert.Equal(("%", "over", "重点人群家庭医生签约率"), (doctors.Target(80).Unit, doctors.Target(80).Comparator, doctors.Target(80).Name));
        Assert.Equal("2025-10-31", draft.Item("提升改造背街小巷28条").Deadline);
    }

    [Fact]
    public void A_quarterly_report_grouped_by_status_gives_each_item_its_group_status()
    {
        var draft = Drafts.Read("baodi-2024-q1.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("宝坻区", 2024), (draft.Region!.Name, draft.Year));
        Assert.Equal(
            ["completed", "completed", "inProgress", "inProgress", "inProgress", "inProgress", "inProgress", "delayed"],
            draft.Items().Select(i => i.Report().Status));
        Assert.All(draft.Items(), i => Assert.Equal("2024-03-31", i.Report().AsOf));
        Assert.Equal(("宝坻区民心办", "2024-04-12T00:00:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        // Without categories in the text, the items share one and the reviewer is asked to group them.
        Assert.Single(draft.Categories!);
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.categories[0].name");
    }

    [Fact]
    public void A_quarterly_report_matches_figures_to_targets_by_name_or_by_their_stated_rate()
    {
        var draft = Drafts.Read("baodi-2024-q1.txt");

        var fairs = draft.Item("开展春季招聘活动").ValueOf(30);
        var jobs = draft.Item("新增城镇就业8000人").ValueOf(8000);
        var checkups = draft.Item("为60岁以上老年人免费体检").ValueOf(30000);

        Assert.Equal((42m, 140m), (fairs.Value!.Value, fairs.StatedPercent!.Value));
        Assert.Equal((2150m, 26.9m), (jobs.Value!.Value, jobs.StatedPercent!.Value));
        Assert.Equal(8560, checkups.Value);
        Assert.Equal(12500000, draft.Item("发放消费券").ValueOf(10000000).Value);
        Assert.Equal("2024-10-31", draft.Item("改造提升农村公路").Report().ExpectedCompletion);
        // 路基施工12.6公里 is a step of the road works, not progress toward 50 公里.
        Assert.DoesNotContain(draft.Item("改造提升农村公路").Report().Values!, v => v.Indicator == draft.Item("改造提升农村公路").Target(50).Key);
    }

    [Fact]
    public void A_quarterly_report_reads_sites_with_their_phases()
    {
        var item = Drafts.Read("baodi-2024-q1.txt").Item("新建社区卫生服务站");

        Assert.Equal(["潮阳街卫生服务站", "钰华街卫生服务站"], item.Sites!.Select(s => s.Name));
        Assert.Equal("潮阳街", item.Sites![0].Town);
        Assert.Equal([("fitOut", "2024-06"), ("tendering", null)], item.Report().Sites!.Select(s => (s.Phase!, s.ExpectedCompletion)));
    }

    [Fact]
    public void A_year_end_report_marks_over_fulfilled_items_completed_with_their_figures()
    {
        var draft = Drafts.Read("dongli-2024-year-end.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.All(draft.Items(), i => Assert.Equal(("completed", "2024-12-31"), (i.Report().Status, i.Report().AsOf)));
        Assert.Equal(["就业增收", "住房保障", "交通出行"], draft.Categories!.Select(c => c.Name));
        var jobs = draft.Item("新增就业岗位").ValueOf(12000);
        Assert.Equal((13800m, 115m), (jobs.Value!.Value, jobs.StatedPercent!.Value));
        Assert.Equal(6120, draft.Item("开展职业技能培训").ValueOf(5000).Value);
        Assert.Equal(9, draft.Item("新辟调整公交线路").ValueOf(8).Value);
        // Chinese numerals: 两千个, 两千一百个.
        Assert.Equal(2100, draft.Item("新建公共停车泊位").ValueOf(2000).Value);
        // A completed item without a figure of its own reached its target.
        Assert.Equal(15, draft.Item("实施老旧小区改造").ValueOf(15).Value);
        Assert.DoesNotContain(draft.Draft!.Questions!, q => q.Path == "$.categories");
    }

    [Fact]
    public void A_table_with_one_cell_per_line_gives_its_rows_as_items_with_the_rate_column()
    {
        var draft = Drafts.Read("wuqing-2025-table.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(5, draft.Items().Count());
        Assert.All(draft.Items(), i => Assert.Equal("2025-09-30", i.Report().AsOf));
        var places = draft.Item("新增普惠性托位400个").ValueOf(400);
        Assert.Equal((312m, 78m), (places.Value!.Value, places.StatedPercent!.Value));
        Assert.Equal("已新增托位{普惠性托位}", draft.Item("新增普惠性托位400个").Report().Narrative);
        Assert.Equal("2025-11-30", draft.Item("提升改造农村供水管网").Report().ExpectedCompletion);
        // "已完工6个，其余4个正在施工" with 60% in the rate column: 6 of 10 is the 60%, and the 4 left are not a figure.
        var sewers = draft.Item("完成雨污分流改造小区").ValueOf(10);
        Assert.Equal((6m, 60m), (sewers.Value!.Value, sewers.StatedPercent!.Value));
        Assert.Single(draft.Item("完成雨污分流改造小区").Report().Values!);
    }

    [Fact]
    public void A_rate_cell_that_no_figure_of_the_row_accounts_for_is_a_value_of_its_own()
    {
        const string table = "测试区2025年民心工程进展情况表\n（截至2025年9月30日）\n序号|项目名称|年度目标|进展情况|完成率\n1|雨污分流|完成雨污分流改造小区10个|已完成招标，正在施工|30%\n";

        var item = TextImporter.Import(table).Draft.Items().Single();

        var rate = item.Report().Values!.Single(v => v.Value == 30);
        Assert.Equal("%", item.Indicators!.Single(i => i.Key == rate.Indicator).Unit);
    }

    [Fact]
    public void Reaching_the_target_without_saying_done_leaves_the_item_in_progress_and_asks()
    {
        var draft = Drafts.Read("wuqing-2025-table.txt");

        Assert.Equal("inProgress", draft.Item("新建老年人助餐点15个").Report().Status);
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.categories[0].items[1].reports[0].status" && q.Question!.Contains("15/15"));
    }

    [Fact]
    public void A_traditional_reprint_is_read_as_simplified()
    {
        var draft = Drafts.Read("beichen-2025-h1-traditional.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("北辰区", 2025), (draft.Region!.Name, draft.Year));
        Assert.Equal(["托育养老暖心工程", "交通出行便民工程", "医疗卫生惠民工程"], draft.Categories!.Select(c => c.Name));
        Assert.Equal("新增普惠托位300个", draft.Items().First().Title);
        Assert.Equal(("北辰融媒", "2025-07-20T09:30:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        Assert.Equal(["inProgress", "completed", "inProgress", "inProgress", "inProgress"], draft.Items().Select(i => i.Report().Status));
        var places = draft.Item("新增普惠托位").ValueOf(300);
        Assert.Equal((186m, 62m), (places.Value!.Value, places.StatedPercent!.Value));
        Assert.Equal((920m, 61m), (draft.Item("新建公共停车泊位").ValueOf(1500).Value!.Value, draft.Item("新建公共停车泊位").ValueOf(1500).StatedPercent!.Value));
        Assert.Contains((36000m, "人次"), draft.Item("建设老年人助餐点").Figures());
        Assert.Equal("双街镇", draft.Item("新增普惠托位").Sites!.Single().Town);
        var text = Drafts.Text("beichen-2025-h1-traditional.txt");
        Assert.DoesNotContain(draft.Items().Select(i => i.Title + i.Report().Narrative), t => t!.Any(c => "區個項進養醫衛車輛點".Contains(c)));
        Assert.Contains("個", text);
    }

    [Fact]
    public void A_count_of_some_of_the_things_is_asked_about_rather_than_taken_as_progress()
    {
        // "4家中医馆已完成装修": four are fitted out, not four of six built.
        var draft = Drafts.Read("beichen-2025-h1-traditional.txt");

        var clinics = draft.Item("建成基层医疗机构中医馆");

        Assert.DoesNotContain(clinics.Report().Values ?? [], v => v.Indicator == clinics.Target(6).Key);
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.categories[2].items[0].indicators[0].target" && q.Question!.Contains("4家"));
    }

    [Fact]
    public void A_text_cut_mid_sentence_yields_what_it_has_and_says_where_it_stops()
    {
        var text = Drafts.Text("jinghai-2025-q3-cut.txt");
        var draft = TextImporter.Import(text).Draft;

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["教育医疗", "民生保障"], draft.Categories!.Select(c => c.Name));
        Assert.Equal(4, draft.Items().Count());
        Assert.Equal("2025年静海区民生实事", draft.Title);
        var checkups = draft.Item("为城乡居民提供免费健康体检").ValueOf(45000);
        Assert.Equal((32000m, 71m), (checkups.Value!.Value, checkups.StatedPercent!.Value));
        var cut = Assert.Single(draft.Draft!.Questions!, q => q.Question!.Contains("中断"));
        Assert.Equal("$.categories[1].items[1].title", cut.Path);
        Assert.EndsWith("预计", text.Substring(cut.Start, cut.Length));
        // The lead says 6 of 20 are done; the reviewer is told the text has fewer.
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.categories" && q.Question!.Contains('6'));
    }

    [Fact]
    public void Every_prefix_of_a_report_gives_a_valid_draft_or_no_items()
    {
        var text = Drafts.Text("jinghai-2025-q3-cut.txt");

        for (var length = 0; length <= text.Length; length += 7)
        {
            var result = TextImporter.Import(text[..length]);
            Assert.True(!result.HasItems || Drafts.IsValidDataFile(result.Draft), $"prefix of {length}: {string.Join("; ", Drafts.Errors(result.Draft))}");
        }
    }

    [Fact]
    public void Two_sites_in_one_sentence_each_get_their_own_phase()
    {
        var item = Drafts.Read("jinghai-2025-q3-cut.txt").Item("新建公办幼儿园");

        Assert.Equal([("团泊镇幼儿园", "completed", null), ("大邱庄镇幼儿园", "fitOut", "2025-11")],
            item.Report().Sites!.Select(u => (item.Sites!.Single(s => s.Key == u.Site).Name!, u.Phase!, u.ExpectedCompletion)));
    }
}

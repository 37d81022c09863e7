using Minxin.Domain.ProgramFiles;

namespace Minxin.Importer.Tests;

/// <summary>
/// Texts in the forms real reports use that the first readers missed, written for this project in the genre's words
/// (西安雁塔, 成都青羊, 太原小店, 杭州余杭, 天津宁河, 济南历城, 北京东城, 天津东丽, 南通崇川, and a county's hostile one): items
/// numbered inside one paragraph, fields written inline, plans beside their actuals, and per-town tables.
/// </summary>
public class InlineFormsTextTests
{
    private static IEnumerable<string?> Statuses(ProgramFile draft) => draft.Items().Select(i => i.Report().Status);

    private static List<QuestionFile> Questions(ProgramFile draft) => draft.Draft!.Questions!;

    [Fact]
    public void A_program_in_one_paragraph_is_read_item_by_item()
    {
        // The whole card after its title is one paragraph: "…具体情况如下：1.新增普惠性托位600个。…。 2.…".
        var draft = Drafts.Read("yanta-2025-h1-one-paragraph.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("雁塔区", "2025-06-30"), (draft.Region!.Name, draft.Items().First().Report().AsOf));
        Assert.Equal(
            ["新增普惠性托位600个", "新建改扩建中小学5所，新增学位6000个", "开展职业技能培训1.5万人次", "改造老旧小区35个，惠及居民1.2万户", "新增公共停车泊位3000个",
             "为全区65周岁以上老年人提供免费健康体检不少于4.5万人次", "新建口袋公园8个", "实施燃气管道老化更新改造120公里"],
            draft.Items().Select(i => i.Title));
        Assert.Equal(["inProgress", "inProgress", "inProgress", "inProgress", "completed", "completed", "inProgress", "inProgress"], Statuses(draft));
        // The lead says 2 of 8 are done, and 2 are.
        Assert.DoesNotContain(Questions(draft), q => q.Path == "$.categories");
        Assert.Equal((420m, 70m), (draft.Item("新增普惠性托位").ValueOf(600).Value!.Value, draft.Item("新增普惠性托位").ValueOf(600).StatedPercent!.Value));
        Assert.Equal(2400, draft.Item("新建改扩建中小学").ValueOf(6000).Value);
        Assert.Equal((12600m, 84m), (draft.Item("开展职业技能培训").ValueOf(15000).Value!.Value, draft.Item("开展职业技能培训").ValueOf(15000).StatedPercent!.Value));
        Assert.Equal((22m, 7600m), (draft.Item("改造老旧小区").ValueOf(35).Value!.Value, draft.Item("改造老旧小区").ValueOf(12000).Value!.Value));
        Assert.Equal(3260, draft.Item("新增公共停车泊位").ValueOf(3000).Value);
        Assert.Equal(48000, draft.Item("为全区65周岁").ValueOf(45000).Value);
        Assert.Equal(5, draft.Item("新建口袋公园").ValueOf(8).Value);
        Assert.Equal("2025-09-30", draft.Item("新建口袋公园").Report().ExpectedCompletion);
        Assert.Equal((68m, 56.7m), (draft.Item("实施燃气管道").ValueOf(120).Value!.Value, draft.Item("实施燃气管道").ValueOf(120).StatedPercent!.Value));
        Assert.Contains((115000000m, "元"), draft.Item("实施燃气管道").Figures());
        // "3、4号楼" is no numbering: item 4 keeps its text.
        Assert.Contains("3、4号楼", draft.Item("改造老旧小区").Report().Narrative);
    }

    [Fact]
    public void Items_listed_with_parenthesised_circled_and_enumerated_numbers_are_each_read()
    {
        var draft = Drafts.Read("qingyang-2025-q3-inline-lists.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["教育和健康", "养老和托育", "城市更新"], draft.Categories!.Select(c => c.Name));
        Assert.Equal([4, 3, 3], draft.Categories!.Select(c => c.Items!.Count));
        Assert.Equal(
            ["inProgress", "completed", "inProgress", "completed", "inProgress", "inProgress", "completed", "inProgress", "completed", "inProgress"],
            Statuses(draft));
        Assert.DoesNotContain(Questions(draft), q => q.Path == "$.categories");
        Assert.Equal("新建（改扩建）幼儿园2所，新增学位540个", draft.Items().First().Title);
        Assert.Equal("实施中小学食堂“明厨亮灶”改造60所", draft.Item("实施中小学食堂").Title);
        Assert.Equal(13500, draft.Item("为全区适龄儿童").ValueOf(12000).Value);
        Assert.Equal((3m, 60m), (draft.Item("新增社区嵌入式").ValueOf(5).Value!.Value, draft.Item("新增社区嵌入式").ValueOf(5).StatedPercent!.Value));
        Assert.Equal((610m, 76.3m), (draft.Item("新增普惠托位").ValueOf(800).Value!.Value, draft.Item("新增普惠托位").ValueOf(800).StatedPercent!.Value));
        Assert.Equal(41, draft.Item("改造老旧院落").ValueOf(60).Value);
        Assert.Equal(10, draft.Item("新建改造口袋公园").ValueOf(10).Value);
        // "一是…；二是…" after the item's own progress are points of that item, not items.
        var hospitals = draft.Item("新建社区医院2家");
        Assert.Equal("新建社区医院2家", hospitals.Title);
        Assert.StartsWith("一是完成", hospitals.Report().Narrative);
        Assert.Contains("二是另1家正在进行招投标", hospitals.Report().Narrative);
        // "一是…；二是…" after a lead are items, and the reviewer is asked to confirm.
        var listed = Assert.Single(Questions(draft), q => q.Question!.Contains("一是、二是"));
        Assert.StartsWith("上半年以来", Drafts.Text("qingyang-2025-q3-inline-lists.txt").Substring(listed.Start, listed.Length));
        // "目前2所幼儿园均已主体完工": topped out is not built; asked, not counted.
        Assert.Contains(Questions(draft), q => q.Path == "$.categories[0].items[0].indicators[0].target" && q.Question!.Contains("2所"));
    }

    [Fact]
    public void Inline_fields_go_to_their_fields_and_not_into_the_wording()
    {
        var draft = Drafts.Read("xiaodian-2025-h1-fields.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(6, draft.Items().Count());
        string[] labels = ["牵头领导", "责任单位", "配合单位", "项目责任人", "实际完成情况", "副区长", "某"];
        Assert.DoesNotContain(draft.Items().Select(i => i.Title + i.Report().Narrative), t => labels.Any(t.Contains));
        Assert.Equal(
            [("区卫健局", "副区长 李某某", "王某某"), ("区住建局", "副区长 赵某", "孙某某"), ("区民政局", "副区长 李某某", "周某"), ("区交通运输局", "副区长 钱某某", "吴某"),
             ("区水务局", "副区长 赵某", "郑某"), ("区卫健局", null, null)],
            draft.Items().Select(i => (i.LeadUnit, i.LeadOfficial, i.ResponsiblePerson)));
        Assert.Equal(["区教育局", "各街道办事处"], draft.Item("新建普惠性托育机构").CooperatingUnits);
        // "责任单位：区住建局、区城管局" without 配合单位: the first leads, the other co-operates.
        Assert.Equal(["区城管局"], draft.Item("老旧小区改造").CooperatingUnits);
        Assert.Equal(["区公安分局交警大队"], draft.Item("新增公共停车泊位").CooperatingUnits);
        Assert.Null(draft.Item("实施城区雨污分流").CooperatingUnits); // "配合单位：。"
    }

    [Fact]
    public void The_report_in_an_inline_field_gives_the_figures_and_the_narrative()
    {
        var draft = Drafts.Read("xiaodian-2025-h1-fields.txt");

        var nurseries = draft.Item("新建普惠性托育机构");
        Assert.Equal("新建普惠性托育机构3个，新增托位300个", nurseries.Title);
        Assert.Equal((2m, 210m, 70m), (nurseries.ValueOf(3).Value!.Value, nurseries.ValueOf(300).Value!.Value, nurseries.ValueOf(300).StatedPercent!.Value));
        Assert.Equal("已建成托育机构{普惠性托育机构}，新增托位{托位}，完成率70%。", nurseries.Report().Narrative);
        // Everything before "实际完成情况：" describes the item, its target sentence too.
        var estates = draft.Item("老旧小区改造");
        Assert.Equal("老旧小区改造。完成改造老旧小区20个", estates.Title);
        Assert.Equal((15m, 75m), (estates.ValueOf(20).Value!.Value, estates.ValueOf(20).StatedPercent!.Value));
        Assert.Equal("completed", draft.Item("新建社区老年助餐点").Report().Status);
        Assert.Equal((1260m, 63m), (draft.Item("新增公共停车泊位").ValueOf(2000).Value!.Value, draft.Item("新增公共停车泊位").ValueOf(2000).StatedPercent!.Value));
        // The report before the other fields ends at the next label.
        Assert.Equal("已完成管网改造{城区雨污分流改造管网}，占年度目标的63.6%。", draft.Item("实施城区雨污分流").Report().Narrative);
        Assert.Equal(86, draft.Item("开展“送医下乡”").ValueOf(120).Value);
    }

    [Fact]
    public void A_plan_beside_its_actual_is_the_target_and_the_actual_its_value()
    {
        var draft = Drafts.Read("yuhang-2025-q3-plan-actual.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(10, draft.Items().Count());
        // 计划新增中小学学位4000个，实际完成4260个
        Assert.Equal(("中小学学位", 4260m), (draft.Item("新增中小学学位").Target(4000).Name, draft.Item("新增中小学学位").ValueOf(4000).Value!.Value));
        // 年度目标新建社区卫生服务站8个，截至目前完成5个，其余3个正在装修
        Assert.Equal(5, draft.Item("社区卫生服务站建设").ValueOf(8).Value);
        Assert.Single(draft.Item("社区卫生服务站建设").Report().Values!);
        // 计划筛查2.4万人，已完成1.86万人，完成率77.5%
        var screening = draft.Item("为全区适龄妇女").ValueOf(24000);
        Assert.Equal((18600m, 77.5m), (screening.Value!.Value, screening.StatedPercent!.Value));
        // Two plans in one sentence, each with its actual.
        var estates = draft.Item("老旧小区综合改造提升");
        Assert.Equal([("老旧小区", 25m, 18m), ("加装电梯", 200m, 136m)],
            estates.Indicators!.Select(i => (i.Name!, i.Target!.Value, estates.ValueOf(i.Target!.Value).Value!.Value)));
        // The actual may come first: "已完成投资1.26亿元，计划投资1.8亿元".
        var roads = draft.Item("农村公路提升改造");
        Assert.Equal((42.5m, 126000000m), (roads.ValueOf(60).Value!.Value, roads.ValueOf(180000000).Value!.Value));
        // A plan that restates the wording's target confirms it rather than adding another.
        var parking = draft.Item("新增公共停车泊位5000个");
        Assert.Single(parking.Indicators!);
        Assert.Equal((3980m, 79.6m), (parking.ValueOf(5000).Value!.Value, parking.ValueOf(5000).StatedPercent!.Value));
        Assert.Equal(98600000, draft.Item("发放困难群众救助金").ValueOf(120000000).Value);
        Assert.Equal(("职业技能培训", 23500m), (draft.Item("开展职业技能培训").Target(20000).Name, draft.Item("开展职业技能培训").ValueOf(20000).Value!.Value));
        Assert.Equal(30, draft.Item("新建“共富工坊”").ValueOf(30).Value);
        Assert.Equal(["completed", "inProgress", "inProgress", "inProgress", "inProgress", "inProgress", "inProgress", "completed", "completed", "inProgress"], Statuses(draft));
        Assert.DoesNotContain(Questions(draft), q => q.Path == "$.categories");
        // The plans stay in the prose as the text wrote them.
        Assert.Equal("计划新增中小学学位4000个，实际完成{中小学学位}，超额完成年度任务。", draft.Item("新增中小学学位").Report().Narrative);
    }

    [Fact]
    public void A_per_town_table_gives_the_item_its_total_and_its_rows_in_the_narrative()
    {
        var draft = Drafts.Read("ninghe-2025-q3-towns.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(5, draft.Items().Count());
        // No row became an indicator of its own.
        Assert.DoesNotContain(draft.Items().SelectMany(i => i.Indicators ?? []), i => i.Name!.Contains('镇') || i.Name!.Contains('|') || i.Unit == "%");
        // With a 合计 row that agrees with the prose: the prose's figure, nothing to ask.
        var toilets = draft.Item("完成农村户厕改造");
        Assert.Equal((1180m, 78.7m), (toilets.ValueOf(1500).Value!.Value, toilets.ValueOf(1500).StatedPercent!.Value));
        Assert.Contains("镇街：芦台街道计划数200、完成数180、完成率90%；丰台镇计划数350", toilets.Report().Narrative);
        Assert.EndsWith("合计计划数1500、完成数1180、完成率78.7%。", toilets.Report().Narrative);
        // Without a 合计 row the rows are summed, and the reviewer is asked whether the table lists every town.
        var stations = draft.Item("新建村级互助养老驿站");
        Assert.Equal(15, stations.ValueOf(20).Value);
        Assert.Contains(Questions(draft), q => q.Path == "$.categories[1].items[0].reports[0].values[0].value" && q.Question!.Contains("15个"));
        // Cells in 万 and a unit in the header: 1.05万 + 0.6万 + 0.43万 is the prose's 2.08万人次; nothing to ask.
        Assert.Equal(20800, draft.Item("为全区60周岁以上").ValueOf(25000).Value);
        Assert.DoesNotContain(Questions(draft), q => q.Path!.StartsWith("$.categories[1].items[1]", StringComparison.Ordinal));
        Assert.Contains("丰台镇计划12公里、完成9.5公里", draft.Item("改造提升农村公路").Report().Narrative);
        Assert.Equal(31.2m, draft.Item("改造提升农村公路").ValueOf(45).Value);
    }

    [Fact]
    public void A_text_mixing_the_forms_reads_each()
    {
        var draft = Drafts.Read("licheng-2025-h1-mixed.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["教育卫生", "城乡建设"], draft.Categories!.Select(c => c.Name));
        Assert.Equal(["新建改扩建中小学、幼儿园4所，新增学位3600个", "为全区65周岁以上老年人免费体检5万人次", "老旧小区改造", "新增城市停车泊位3000个", "农村饮水安全提升工程"],
            draft.Items().Select(i => i.Title));
        // "区教体局（牵头）、区住建局": the marked unit leads.
        var schools = draft.Item("新建改扩建中小学");
        Assert.Equal(("区教体局", "副区长 刘某某"), (schools.LeadUnit, schools.LeadOfficial));
        Assert.Equal(["区住建局"], schools.CooperatingUnits);
        Assert.Equal((2150m, 59.7m), (schools.ValueOf(3600).Value!.Value, schools.ValueOf(3600).StatedPercent!.Value));
        // The town table follows the report field; its rows sum to the prose's 3.2万人次.
        var checkups = draft.Item("为全区65周岁以上");
        Assert.Equal(32000, checkups.ValueOf(50000).Value);
        Assert.Contains("如下：街道：洪家楼街道计划数1.1万、完成数0.8万", checkups.Report().Narrative);
        // An empty report field leaves the item's own prose: 年度目标…，截至目前完成…
        var estates = draft.Item("老旧小区改造");
        Assert.Equal(("区住建局副局长 马某", 30m), (estates.ResponsiblePerson, estates.ValueOf(42).Value!.Value));
        // A 合计 that contradicts the target is asked about and not recorded.
        var parking = draft.Item("新增城市停车泊位");
        Assert.Equal(1850, parking.ValueOf(3000).Value);
        Assert.Contains(Questions(draft), q => q.Path == "$.categories[1].items[1].indicators[0].target" && q.Question!.Contains("2000个"));
        var water = draft.Item("农村饮水安全提升工程");
        Assert.Equal((38.5m, 52000000m), (water.ValueOf(60).Value!.Value, water.ValueOf(80000000).Value!.Value));
    }

    [Fact]
    public void A_hostile_text_gives_questions_not_guesses()
    {
        var text = Drafts.Text("hostile-2025-fields-numbering.txt");
        var draft = TextImporter.Import(text).Draft;

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(7, draft.Items().Count());
        // "1.2万人次" after a full stop is a figure, not item 2.
        Assert.Equal("建设“15分钟便民生活圈”2个", draft.Items().ElementAt(1).Title);
        Assert.Contains((12000m, "人次"), draft.Items().First().Figures());
        // A label with its colon in the wrong place is asked about; empty fields are nothing.
        var jobs = draft.Items().First();
        Assert.Equal((null, null, null), (jobs.LeadUnit, jobs.CooperatingUnits, jobs.LeadOfficial));
        var unread = Assert.Single(Questions(draft), q => q.Question!.Contains("没有冒号"));
        Assert.Equal("责任单位区人社局：", text.Substring(unread.Start, unread.Length));
        Assert.Equal("县商务局", draft.Items().ElementAt(1).LeadUnit);
        Assert.Equal(["县住建局", "县市场监管局"], draft.Items().ElementAt(1).CooperatingUnits);
        var roads = draft.Item("实施农村道路提升改造");
        Assert.Equal(("副县长 孙某", "2025-11-30", 18m), (roads.LeadOfficial, roads.Deadline, roads.ValueOf(30).Value!.Value));
        // A list inside the report field is its breakdown, not items.
        var relief = draft.Item("发放困难群众救助金");
        Assert.Equal(15600000, relief.ValueOf(20000000).Value);
        Assert.Contains(relief.Indicators!, i => i.Name == "临时救助金");
        // A plan beside a start ("已开工8公里") is the target, and the start is not its progress.
        var pipes = draft.Item("城区老旧管网改造");
        Assert.DoesNotContain(pipes.Report().Values!, v => v.Indicator == pipes.Target(12).Key);
        // Numbers out of order are left whole and asked about.
        Assert.Equal("新建口袋公园5个", draft.Item("新建口袋公园").Title);
        Assert.Contains(Questions(draft), q => q.Question!.Contains("编号不连续") && text.Substring(q.Start, q.Length).StartsWith("6.新建口袋公园"));
        // A town table without a unit under an item with targets in two units, and one outside any item: asked, not read.
        Assert.Contains(Questions(draft), q => q.Path == "$.categories[0].items[6].indicators" && q.Question!.Contains("没有写单位"));
        Assert.Contains(Questions(draft), q => q.Question!.Contains("不在任何子项之下") && text.Substring(q.Start, q.Length).StartsWith("乡镇 计划数"));
        Assert.Null(draft.Item("建设社区食堂").Report().Values);
    }

    [Fact]
    public void A_tab_separated_table_with_officials_and_a_report_column_fills_the_new_fields()
    {
        var draft = Drafts.Read("dongcheng-2025-year-end-tabs.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(
            [("区民政局", "副区长 李某某", "王某"), ("区住建委", "副区长 张某", "赵某某"), ("区城管委", "副区长 张某", "钱某")],
            draft.Items().Select(i => (i.LeadUnit, i.LeadOfficial, i.ResponsiblePerson)));
        Assert.Equal(["各街道"], draft.Item("改造老旧小区").CooperatingUnits);
        Assert.Equal(["completed", "completed", "inProgress"], Statuses(draft));
        Assert.Equal(536, draft.Item("新增养老家庭照护床位").ValueOf(500).Value);
        Assert.Equal(12, draft.Item("改造老旧小区").ValueOf(12).Value);
        Assert.Equal((760m, 95m), (draft.Item("新建充电桩").ValueOf(800).Value!.Value, draft.Item("新建充电桩").ValueOf(800).StatedPercent!.Value));
    }

    [Fact]
    public void Groups_of_inline_items_with_fields_a_forecast_and_a_town_table_that_agrees()
    {
        var draft = Drafts.Read("dongli-2025-q3-fields-towns.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["教育提质", "健康养老"], draft.Categories!.Select(c => c.Name));
        var kindergartens = draft.Item("新建改扩建幼儿园");
        Assert.Equal(("区教育局", "副区长 马某某"), (kindergartens.LeadUnit, kindergartens.LeadOfficial));
        Assert.Equal(["区住建委", "相关街道"], kindergartens.CooperatingUnits);
        // "新增学位810个预计9月底前投入使用" is a forecast, not 810 places done.
        Assert.DoesNotContain(kindergartens.Report().Values!, v => v.Value == 810);
        Assert.Equal("2025-09-30", kindergartens.Report().ExpectedCompletion);
        Assert.Equal(("completed", 2160m), (draft.Item("新增中小学学位").Report().Status, draft.Item("新增中小学学位").ValueOf(2000).Value!.Value));
        // The table's rows (1 planned, 1 built per street) sum to the target and to the prose's 4: nothing to ask.
        Assert.Equal(4, draft.Item("建设街道综合养老服务中心").ValueOf(5).Value);
        Assert.DoesNotContain(Questions(draft), q => q.Path!.StartsWith("$.categories[1].items[0]", StringComparison.Ordinal));
        var checkups = draft.Item("开展老年人免费体检");
        Assert.Equal(("老年人免费体检", 35600m, 89m), (checkups.Target(40000).Name, checkups.ValueOf(40000).Value!.Value, checkups.ValueOf(40000).StatedPercent!.Value));
    }

    [Fact]
    public void Items_with_their_units_in_brackets_count_what_is_done_not_what_has_begun()
    {
        var draft = Drafts.Read("chongchuan-2025-08-brackets.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("崇川区", "2025-08-31"), (draft.Region!.Name, draft.Items().First().Report().AsOf));
        Assert.Equal(["区文体旅局", "区商务局", "区城管局", "区住建局", "区人社局"], draft.Items().Select(i => i.LeadUnit));
        Assert.Equal("2025-10-31", draft.Item("新建城市书房").Deadline);
        Assert.Equal(["各街道"], draft.Item("改造提升农贸市场").CooperatingUnits);
        Assert.Equal(6, draft.Item("新建城市书房").ValueOf(8).Value);
        Assert.Equal((2780m, 79.4m), (draft.Item("新增公共停车泊位").ValueOf(3500).Value!.Value, draft.Item("新增公共停车泊位").ValueOf(3500).StatedPercent!.Value));
        // "计划改造12个小区，已开工10个，完工4个": 4 are done; 10 begun is not progress toward 12.
        Assert.Equal(4, draft.Item("实施老旧小区改造").ValueOf(12).Value);
        Assert.Equal((9860m, 82.2m), (draft.Item("开展“家门口”").ValueOf(12000).Value!.Value, draft.Item("开展“家门口”").ValueOf(12000).StatedPercent!.Value));
    }

    [Fact]
    public void The_new_fields_reach_the_json_draft()
    {
        var json = System.Text.Encoding.UTF8.GetString(TextImporter.Serialize(TextImporter.Import(Drafts.Text("xiaodian-2025-h1-fields.txt"))));

        Assert.Contains("\"leadOfficial\": \"副区长 李某某\"", json);
        Assert.Contains("\"responsiblePerson\": \"王某某\"", json);
    }
}

using Minxin.Domain.ProgramFiles;

namespace Minxin.Importer.Tests;

/// <summary>The forms one by one, with the variants and the hostile cases each must survive.</summary>
public class InlineFormsReadingTests
{
    private const string Head = "测试区2025年民心工程进展情况\n截至2025年6月30日，各项目有序推进。\n01  测试工程\n";

    private static ProgramFile Import(string body) => TextImporter.Import(Head + body).Draft;

    private static List<QuestionFile> Questions(ProgramFile draft) => draft.Draft!.Questions!;

    [Theory]
    [InlineData("1.新建托育机构3个。牵头领导：副区长 李某某；责任单位：区卫健委；配合单位：各街镇；项目责任人：王某某；实际完成情况：已建成2个。")]
    [InlineData("1.新建托育机构3个。实际完成情况：已建成2个。项目责任人：王某某；配合单位：各街镇；责任单位：区卫健委；牵头领导：副区长 李某某")]
    [InlineData("1.新建托育机构3个。牵头领导：副区长 李某某 责任单位：区卫健委 配合单位：各街镇 项目责任人：王某某 实际完成情况：已建成2个。")]
    [InlineData("1.新建托育机构3个.牵头领导:副区长 李某某;责任单位:区卫健委;配合单位:各街镇;项目责任人:王某某;实际完成情况:已建成2个.")]
    [InlineData("1.新建托育机构3个。\n牵头领导：副区长 李某某\n责任单位：区卫健委\n配合单位：各街镇\n项目责任人：王某某\n实际完成情况：已建成2个。")]
    [InlineData("1.新建托育机构3个。【牵头领导】副区长 李某某【责任单位】区卫健委【配合单位】各街镇【项目责任人】王某某【实际完成情况】已建成2个。")]
    [InlineData("1.新建托育机构3个（牵头领导 ： 副区长 李某某；责任单位：区卫健委；配合单位：各街镇；项目责任人：：王某某）。实际完成情况：已建成2个。")]
    public void Fields_are_read_in_any_order_and_with_any_separator(string body)
    {
        var item = Import(body).Items().Single();

        Assert.Equal(("新建托育机构3个", "区卫健委", "副区长 李某某", "王某某"), (item.Title, item.LeadUnit, item.LeadOfficial, item.ResponsiblePerson));
        Assert.Equal(["各街镇"], item.CooperatingUnits);
        Assert.Equal(2, item.ValueOf(3).Value);
        Assert.Equal("已建成{托育机构}。", item.Report().Narrative);
    }

    [Fact]
    public void Fields_of_unnumbered_paragraph_items_stay_with_their_item()
    {
        var draft = TextImporter.Import(
            "测试区2025年民生实事进展情况\n新建托育机构3个，新增托位300个。\n责任单位：区卫健委\n实际完成情况：已建成2个。\n改造老旧小区20个。\n责任单位：区住建委\n实际完成情况：已完成改造12个。").Draft;

        Assert.Equal([("新建托育机构3个，新增托位300个", "区卫健委"), ("改造老旧小区20个", "区住建委")], draft.Items().Select(i => (i.Title!, i.LeadUnit)));
        Assert.Equal(12, draft.Item("改造老旧小区").ValueOf(20).Value);
    }

    [Fact]
    public void Several_responsible_units_give_the_lead_and_co_operating_units()
    {
        var alone = Import("1.改造老旧小区20个。责任单位：区住建委、区城管委、各街镇。").Items().Single();
        var draft = Import("1.改造老旧小区20个。责任单位：区住建委、区城管委；配合单位：各街镇。");
        var withCooperating = draft.Items().Single();

        Assert.Equal("区住建委", alone.LeadUnit);
        Assert.Equal(["区城管委", "各街镇"], alone.CooperatingUnits);
        Assert.Equal("区住建委", withCooperating.LeadUnit);
        Assert.Equal(["各街镇"], withCooperating.CooperatingUnits);
        Assert.Contains(Questions(draft), q => q.Path == "$.categories[0].items[0].leadUnit" && q.Question!.Contains("区城管委"));
    }

    [Theory]
    [InlineData("1.改造老旧小区20个。牵头领导：；责任单位：；配合单位：。")]
    [InlineData("1.改造老旧小区20个。牵头领导：\n责任单位：\n项目责任人：")]
    [InlineData("1.改造老旧小区20个。牵头领导：：；实际完成情况：。")]
    public void Fields_without_values_are_nothing_and_do_not_leak(string body)
    {
        var item = Import(body).Items().Single();

        Assert.Equal("改造老旧小区20个", item.Title);
        Assert.Equal((null, null, null, null), (item.LeadUnit, item.CooperatingUnits, item.LeadOfficial, item.ResponsiblePerson));
    }

    [Fact]
    public void A_label_without_its_colon_is_asked_about_and_prose_is_not()
    {
        var draft = Import("1.改造老旧小区20个。已完成改造12个，各责任单位正在加快推进。责任单位区住建委：");

        var question = Assert.Single(Questions(draft), q => q.Question!.Contains("没有冒号"));
        Assert.Equal("责任单位区住建委：", (Head + "1.改造老旧小区20个。已完成改造12个，各责任单位正在加快推进。责任单位区住建委：").Substring(question.Start, question.Length));
        Assert.Null(draft.Items().Single().LeadUnit);
    }

    [Theory]
    [InlineData("1.新增托位600个，已新增420个。 2.改造老旧小区35个，已完成22个。 3.新建口袋公园8个，已建成5个。")]
    [InlineData("具体情况如下：1.新增托位600个，已新增420个。2.改造老旧小区35个，已完成22个。3.新建口袋公园8个，已建成5个。")]
    [InlineData("1、新增托位600个，已新增420个；2、改造老旧小区35个，已完成22个；3、新建口袋公园8个，已建成5个。")]
    [InlineData("（1）新增托位600个，已新增420个；（2）改造老旧小区35个，已完成22个；（3）新建口袋公园8个，已建成5个。")]
    [InlineData("①新增托位600个，已新增420个。②改造老旧小区35个，已完成22个。③新建口袋公园8个，已建成5个。")]
    [InlineData("1.新增托位600个，已新增420个。\n目前进展顺利。2.改造老旧小区35个，已完成22个。\n3.新建口袋公园8个，已建成5个。")]
    public void Items_numbered_inside_a_paragraph_are_each_an_item(string body)
    {
        var draft = Import(body);

        Assert.Equal(["新增托位600个", "改造老旧小区35个", "新建口袋公园8个"], draft.Items().Select(i => i.Title));
        Assert.Equal([420m, 22m, 5m], draft.Items().Select(i => i.Report().Values![0].Value!.Value));
        Assert.DoesNotContain(Questions(draft), q => q.Question!.Contains("一是"));
    }

    [Fact]
    public void Enumerated_items_after_a_lead_are_items_and_asked_about()
    {
        var draft = TextImporter.Import("测试区2025年民生实事进展情况\n上半年，我区民生实事进展顺利：一是新增托位600个，已新增420个；二是改造老旧小区35个，已完成22个；三是新建口袋公园8个，已建成5个。").Draft;

        Assert.Equal(["新增托位600个", "改造老旧小区35个", "新建口袋公园8个"], draft.Items().Select(i => i.Title));
        Assert.Single(Questions(draft), q => q.Question!.Contains("一是、二是"));
    }

    [Theory]
    [InlineData("1.开展职业技能培训2万人次。已培训1.5万人次。 1.2万人次已取得证书。")]
    [InlineData("1.新建社区医院2家。目前：一是完成主体施工1家；二是另1家正在招标。")]
    [InlineData("1.发放救助金2000万元。实际完成情况：1.临时救助金320万元；2.低保金1240万元。")]
    [InlineData("1.改造老旧小区10个。已完成6个；3、4号楼正在施工；2.0版改造方案已印发。")]
    [InlineData("1.新增托位600个。目前：（1）已新增420个；（2）其余正在推进。")]
    public void Numbers_that_are_no_items_leave_the_item_whole(string body)
    {
        var draft = Import(body);

        Assert.Single(draft.Items());
        Assert.DoesNotContain(Questions(draft), q => q.Question!.Contains("编号"));
    }

    [Fact]
    public void Numbers_out_of_order_are_left_whole_and_asked_about()
    {
        var draft = Import("1.新增托位600个。3.改造老旧小区35个。2.新建口袋公园8个。");

        Assert.Single(draft.Items());
        Assert.Single(Questions(draft), q => q.Question!.Contains("编号不连续"));
    }

    [Fact]
    public void Items_numbered_on_through_groups_inside_their_paragraphs_are_each_read()
    {
        var draft = TextImporter.Import(
            "测试区2025年民心工程\n一、民生保障工程。1.新建社区卫生服务站3个，已建成2个；责任单位：区卫健委。2.新增养老床位200张，已新增120张。\n"
            + "二、城市环境工程。3.改造老旧小区8个，截至目前完成5个；责任单位：区住建委。4.提升改造公园3个，正在施工；责任单位：区城管委。").Draft;

        Assert.Equal(["民生保障工程", "城市环境工程"], draft.Categories!.Select(c => c.Name));
        Assert.Equal(["新建社区卫生服务站3个", "新增养老床位200张", "改造老旧小区8个", "提升改造公园3个"], draft.Items().Select(i => i.Title));
        Assert.Equal(("区城管委", "inProgress"), (draft.Item("提升改造公园").LeadUnit, draft.Item("提升改造公园").Report().Status));
    }

    [Fact]
    public void Items_written_as_labelled_records_take_their_wording_from_the_target_field()
    {
        var draft = TextImporter.Import(
            "测试区2025年民心工程\n1.项目名称：老年助餐服务提升\n建设内容：新建老年助餐点30个\n牵头区领导：副区长 陈某某\n责任单位：区民政局\n完成时限：2025年12月底\n"
            + "进展情况：已建成助餐点22个，完成率73.3%。\n2.项目名称：背街小巷整治\n责任单位：区城管委\n进展情况：已完成整治40条。").Draft;

        Assert.Equal(["新建老年助餐点30个", "背街小巷整治"], draft.Items().Select(i => i.Title));
        var meals = draft.Item("新建老年助餐点");
        Assert.Equal(("区民政局", "副区长 陈某某", "2025-12-31"), (meals.LeadUnit, meals.LeadOfficial, meals.Deadline));
        Assert.Equal((22m, 73.3m), (meals.ValueOf(30).Value!.Value, meals.ValueOf(30).StatedPercent!.Value));
    }

    [Fact]
    public void A_new_category_starts_the_numbering_inside_its_paragraph_again()
    {
        var draft = TextImporter.Import(
            "测试区2025年民心工程\n01  教育工程\n1.新增学位600个，已新增420个。2.新建幼儿园2所，已建成1所。\n02  养老工程\n具体情况：1.新建助餐点20个，已建成12个。2.新增养老床位300张，已新增180张。").Draft;

        Assert.Equal([2, 2], draft.Categories!.Select(c => c.Items!.Count));
        Assert.Equal(180, draft.Item("新增养老床位").ValueOf(300).Value);
    }

    [Theory]
    [InlineData("1.老旧小区改造。计划完成20个，实际完成15个。", 20, 15, "个")]
    [InlineData("1.农村公路提升。计划改造农村公路1.2万米，已完成8500米。", 12000, 8500, "米")]
    [InlineData("1.发放救助金。年度目标1.5亿元，截至目前完成9800万元。", 150000000, 98000000, "元")]
    [InlineData("1.开展培训。全年任务2万人次，已培训1.6万人次。", 20000, 16000, "人次")]
    [InlineData("1.投资建设。已完成投资3.2亿元，计划投资5亿元。", 500000000, 320000000, "元")]
    [InlineData("1.老旧小区改造：计划改造20个，实际完成15个。", 20, 15, "个")]
    [InlineData("1.新增托位500个。计划新增500个，已新增320个。", 500, 320, "个")]
    [InlineData("1.老旧小区改造。实际完成情况：计划改造12个，已完成9个，完成率75%。", 12, 9, "个")]
    [InlineData("1.新增普惠托位600个。进展情况：计划数：600个；完成数：480个；完成率80%。", 600, 480, "个")]
    [InlineData("1.改造老旧小区8个，计划完成8个，截至目前完成5个；责任单位：区住建委。", 8, 5, "个")]
    [InlineData("1.农村人居环境提升。全年任务数1000户，完成数860户，完成率86%。", 1000, 860, "户")]
    [InlineData("1.社区卫生服务站建设。进展情况：年度目标：8个，截至目前完成5个。", 8, 5, "个")]
    [InlineData("1.困难群众帮扶。应完成入户走访3000户，实际完成3120户。", 3000, 3120, "户")]
    [InlineData("1.公共文化服务。下达任务200场，已开展文化惠民演出156场。", 200, 156, "场")]
    public void A_plan_and_its_actual_in_the_next_clause_are_one_indicator(string body, double target, double actual, string unit)
    {
        var item = Import(body).Items().Single();

        var indicator = Assert.Single(item.Indicators!);
        Assert.Equal(((decimal)target, unit), (indicator.Target!.Value, indicator.Unit!));
        Assert.Equal((decimal)actual, item.ValueOf((decimal)target).Value);
    }

    [Theory]
    [InlineData("1.管网改造。计划改造12公里，已开工8公里。")]
    [InlineData("1.管网改造。计划投资5亿元，其中中央资金2亿元。")]
    public void A_start_or_a_part_is_no_actual_of_the_plan(string body)
    {
        var item = Import(body).Items().Single();

        var plan = item.Indicators!.Single(i => i.Target is not null);
        Assert.DoesNotContain(item.Report().Values ?? [], v => v.Indicator == plan.Key);
    }

    [Fact]
    public void A_plan_that_contradicts_the_wording_is_its_own_indicator_and_asked_about()
    {
        var draft = Import("1.新增托位500个。计划新增400个，已新增320个。");
        var item = draft.Items().Single();

        Assert.Null(item.Report().Values!.SingleOrDefault(v => v.Indicator == item.Target(500).Key));
        Assert.Equal(320, item.ValueOf(400).Value);
        Assert.Contains(Questions(draft), q => q.Path == "$.categories[0].items[0].indicators[1].target" && q.Question!.Contains("不一致"));
    }

    [Fact]
    public void A_forecast_is_no_target()
    {
        var item = Import("1.管网改造。预计年底前完成改造12公里。").Items().Single();

        Assert.Null(item.Indicators);
    }

    [Theory]
    [InlineData("街镇 计划数 完成数 完成率\n辛庄镇 12 10 83.3%\n咸水沽镇 8 5 62.5%\n合计 20 15 75%")]
    [InlineData("镇街\t任务数\t已完成\n辛庄镇\t12\t10\n咸水沽镇\t8\t5\n合计\t20\t15")]
    [InlineData("| 街道 | 计划（个） | 完成（个） |\n|---|---|---|\n| 辛庄镇 | 12 | 10 |\n| 咸水沽镇 | 8 | 5 |\n| 合计 | 20 | 15 |")]
    [InlineData("序号 街镇 计划数 完成数\n1 辛庄镇 12个 10个\n2 咸水沽镇 8个 5个\n合计 20个 15个")]
    [InlineData("单位  年度任务  完成数  完成比例\n辛庄镇  12  10  83.3%\n咸水沽镇  8  5  62.5%\n全区  20  15  75%")]
    [InlineData("街道名称　年度任务（个）　累计完成（个）　未完成数（个）\n辛庄镇　12　10　2\n咸水沽镇　8　5　3\n合计　20　15　5")]
    public void A_town_table_with_a_total_gives_the_value_and_asks_nothing(string table)
    {
        var draft = Import("1.改造老旧小区20个。各街镇完成情况如下：\n" + table);
        var item = draft.Items().Single();

        Assert.Equal(15, item.ValueOf(20).Value);
        Assert.Single(item.Indicators!);
        Assert.Contains("辛庄镇", item.Report().Narrative);
        Assert.DoesNotContain(Questions(draft), q => q.Path!.StartsWith("$.categories[0].items[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void A_total_that_is_not_the_sum_of_its_rows_is_asked_about()
    {
        var draft = Import("1.改造老旧小区20个。\n街镇 计划数 完成数\n辛庄镇 12 10\n咸水沽镇 8 5\n合计 20 16");

        Assert.Equal(16, draft.Items().Single().ValueOf(20).Value);
        Assert.Contains(Questions(draft), q => q.Question!.Contains("合计 16") && q.Question!.Contains("15"));
    }

    [Fact]
    public void A_table_against_the_prose_keeps_the_prose_and_asks()
    {
        var draft = Import("1.改造老旧小区20个。目前已完成改造14个。\n街镇 计划数 完成数\n辛庄镇 12 10\n咸水沽镇 8 5\n合计 20 15");

        Assert.Equal(14, draft.Items().Single().ValueOf(20).Value);
        Assert.Contains(Questions(draft), q => q.Path == "$.categories[0].items[0].reports[0].values[0].value" && q.Question!.Contains("暂按正文"));
    }

    [Fact]
    public void A_table_ends_at_the_first_line_that_is_no_row_and_the_text_after_it_is_read()
    {
        var draft = Import("1.改造老旧小区20个。\n街镇 计划数 完成数\n辛庄镇 12 10\n咸水沽镇 8 5\n其余点位正在加快施工，预计10月底全部完工。\n2.新增托位300个。已新增托位120个。");

        Assert.Equal(2, draft.Items().Count());
        Assert.Equal("2025-10-31", draft.Item("改造老旧小区").Report().ExpectedCompletion);
        Assert.Equal(15, draft.Item("改造老旧小区").ValueOf(20).Value);
    }

    [Theory]
    [InlineData("街镇 计划 完成\n其余街镇正在推进。")]
    [InlineData("街镇 计划数 完成数\n辛庄镇 12 10 83%\n")]
    [InlineData("街镇 计划数 进展\n辛庄镇 12 正在施工\n")]
    public void Lines_that_only_look_like_a_table_stay_text(string lines)
    {
        var item = Import("1.改造老旧小区20个。目前正在施工。\n" + lines).Items().Single();

        Assert.DoesNotContain(item.Report().Values ?? [], v => v.Indicator == item.Target(20).Key);
    }

    [Fact]
    public void A_town_table_in_a_plan_checks_the_target_and_says_its_rows_are_not_kept()
    {
        var draft = TextImporter.Import("测试区2025年民心工程项目计划\n01  测试工程\n1.实施老旧小区改造，提升居住品质。\n街镇 计划数\n辛庄镇 12个\n咸水沽镇 8个\n合计 20个").Draft;
        var item = draft.Items().Single();

        Assert.Null(item.Reports);
        Assert.Equal(("个", 20m), (item.Indicators!.Single().Unit!, item.Indicators!.Single().Target!.Value));
        Assert.Contains(Questions(draft), q => q.Path == "$.categories[0].items[0].indicators" && q.Question!.Contains("没有记入"));
    }
}

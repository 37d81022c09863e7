namespace Minxin.Importer.Tests;

/// <summary>
/// Texts in the forms other cities and provinces publish (杭州, 成都, 深圳, 上海, 北京, 苏州, 长沙, 广州, 湖州, 宁波; a formal
/// report in sections; a web page with an HTML table), written
/// for this project in the genre's own words: each read into a valid draft with the facts a careful person would transcribe.
/// </summary>
public class OtherRegionsTextTests
{
    private static IEnumerable<string?> Statuses(Domain.ProgramFiles.ProgramFile draft) => draft.Items().Select(i => i.Report().Status);

    [Fact]
    public void A_city_report_of_numbered_items_reads_shares_of_the_annual_target_as_stated_rates()
    {
        var draft = Drafts.Read("hangzhou-2025-h1.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("杭州市", 2025), (draft.Region!.Name, draft.Year));
        Assert.Equal(("杭州市人民政府办公厅", "2025-07-15T16:20:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        Assert.Equal(10, draft.Items().Count());
        Assert.All(draft.Items(), i => Assert.Equal("2025-06-30", i.Report().AsOf));
        // "占年度目标的62.4%" is the rate of 3120 of 5000, not a figure of its own.
        var places = draft.Item("新增婴幼儿托位5000个").ValueOf(5000);
        Assert.Equal((3120m, 62.4m), (places.Value!.Value, places.StatedPercent!.Value));
        Assert.DoesNotContain(draft.Items().SelectMany(i => i.Indicators ?? []), i => i.Name!.Contains("年度目标"));
        Assert.Equal((286000000m, 55m), (draft.Item("推进农村饮用水").ValueOf(520000000).Value!.Value, draft.Item("推进农村饮用水").ValueOf(520000000).StatedPercent!.Value));
    }

    [Fact]
    public void A_city_report_tells_the_finished_lifts_from_the_signed_ones_by_their_stated_rate()
    {
        // "累计完成加装电梯签约1136台，已完工623台，完成年度目标的62.3%": 62.3% is 623 of 1000, so 623 counts.
        var item = Drafts.Read("hangzhou-2025-h1.txt").Item("实施城镇老旧小区综合改造提升");

        var lifts = item.ValueOf(1000);

        Assert.Equal((623m, 62.3m), (lifts.Value!.Value, lifts.StatedPercent!.Value));
        var signed = item.Report().Values!.Single(v => v.Value == 1136);
        Assert.Null(signed.Qualifier); // 签约 is a word, not 约 ("about")
        Assert.Equal("加装电梯签约", item.Indicators!.Single(i => i.Key == signed.Indicator).Name);
        // 86 started is not 86 renovated.
        Assert.DoesNotContain(item.Report().Values!, v => v.Indicator == item.Target(100).Key);
    }

    [Fact]
    public void A_city_report_completes_items_that_exceeded_their_targets_and_matches_bracketed_names()
    {
        var draft = Drafts.Read("hangzhou-2025-h1.txt");

        Assert.Equal(["inProgress", "inProgress", "inProgress", "inProgress", "inProgress", "completed", "completed", "inProgress", "inProgress", "inProgress"], Statuses(draft));
        Assert.Equal(112, draft.Item("新建改造城市公园绿地").ValueOf(100).Value);
        Assert.Equal(52, draft.Item("新建改造城市公园绿地").ValueOf(50).Value);
        Assert.Equal(6120, draft.Item("新增公共停车泊位2万个").ValueOf(5000).Value);
        // The lead says 2 projects are done, and 2 are: nothing to ask about the count.
        Assert.DoesNotContain(draft.Draft!.Questions!, q => q.Path == "$.categories");
        // A rate target is met by a rate: 体检率达到70%以上 → 41.2%.
        var checkups = draft.Item("为全市65周岁以上老年人");
        Assert.Equal(("%", "over"), (checkups.Target(70).Unit, checkups.Target(70).Comparator));
        Assert.Equal(41.2m, checkups.ValueOf(70).Value);
    }

    [Fact]
    public void A_report_with_lead_units_in_brackets_reads_units_chinese_numerals_and_not_started_items()
    {
        var draft = Drafts.Read("chengdu-2025-q3.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["教育", "医疗卫生", "养老服务", "城市建设"], draft.Categories!.Select(c => c.Name));
        Assert.Equal(9, draft.Items().Count());
        Assert.Equal(("成都发布", "2025-10-16T00:00:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        Assert.Equal(
            ["inProgress", "completed", "inProgress", "completed", "inProgress", "completed", "delayed", "inProgress", "notStarted"],
            Statuses(draft));
        Assert.All(draft.Items(), i => Assert.StartsWith("市", i.LeadUnit));
        Assert.Equal(["各区（市）县政府"], draft.Item("建设社区老年助餐服务点").CooperatingUnits);
        var vaccine = draft.Item("为全市适龄女生");
        Assert.Equal(("人", "atLeast"), (vaccine.Target(12000).Unit, vaccine.Target(12000).Comparator)); // 不少于一万二千人
        Assert.Equal(13800, vaccine.ValueOf(12000).Value);
        var clinics = draft.Item("新建社区医院").ValueOf(200);
        Assert.Equal((162m, 81m), (clinics.Value!.Value, clinics.StatedPercent!.Value)); // 一百六十二个
        Assert.Equal(66.8m, draft.Item("新增养老床位3000张").ValueOf(65).Value);
        Assert.Equal("2025-11-30", draft.Item("新建城市绿道").Report().ExpectedCompletion);
        Assert.DoesNotContain(draft.Draft!.Questions!, q => q.Path == "$.categories");
    }

    [Fact]
    public void A_voted_plan_as_a_tab_separated_table_gives_targets_units_deadlines_and_its_signature()
    {
        var draft = Drafts.Read("shenzhen-nanshan-2025-plan.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("南山区", "深圳市", 2025), (draft.Region!.Name, draft.Region.Parent!.Name, draft.Year));
        Assert.Equal(10, draft.Items().Count());
        Assert.All(draft.Items(), i => Assert.Null(i.Reports));
        // Neither the lead paragraph before the table nor the signature after it is an item; the signature dates the plan.
        Assert.DoesNotContain(draft.Items(), i => i.Title!.Contains("票决") || i.Title!.Contains("办公室") || i.Title!.StartsWith("2025年"));
        Assert.Equal(("南山区人民政府办公室", "2025-01-10T00:00:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        var schools = draft.Item("新建（改扩建）学校6所");
        Assert.Equal(("区教育局", "2025-09-30"), (schools.LeadUnit, schools.Deadline));
        Assert.Equal([("学校", 6m, "所", null), ("公办中小学学位", 8000m, "个", "atLeast")],
            schools.Indicators!.Select(i => (i.Name!, i.Target!.Value, i.Unit!, i.Comparator)));
        var village = draft.Item("完成城中村消防安全隐患整治");
        Assert.Equal([(45m, "公里", "about"), (120000000m, "元", "about")], village.Indicators!.Select(i => (i.Target!.Value, i.Unit!, i.Comparator!)));
        var canteens = draft.Item("在各街道建设“暖心食堂”");
        Assert.Null(canteens.Indicators);
        Assert.Equal(("各街道办事处", "2025-06-30"), (canteens.LeadUnit, canteens.Deadline));
    }

    [Fact]
    public void A_year_end_report_grouped_as_done_in_progress_and_lagging_gives_each_item_its_group()
    {
        var draft = Drafts.Read("xuhui-2024-year-end.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("徐汇区", 2024), (draft.Region!.Name, draft.Year));
        Assert.Equal(12, draft.Items().Count());
        Assert.All(draft.Items(), i => Assert.Equal("2024-12-31", i.Report().AsOf));
        Assert.Equal([.. Enumerable.Repeat("completed", 10), "inProgress", "delayed"], Statuses(draft));
        var lifts = draft.Item("完成既有多层住宅加装电梯").ValueOf(200);
        Assert.Equal((211m, 105.5m), (lifts.Value!.Value, lifts.StatedPercent!.Value));
        Assert.Equal(1632, draft.Item("新增公共停车泊位一千五百个").ValueOf(1500).Value);
        Assert.Equal("公共厕所", draft.Item("新建改建公共厕所").Target(15).Name);
        Assert.Null(draft.Item("实现全区义务教育阶段").Indicators); // an item without a number
        Assert.Equal("2025-03-31", draft.Item("新建徐家汇体育公园").Report().ExpectedCompletion);
        var gas = draft.Item("改造老旧燃气管道").ValueOf(20);
        Assert.Equal((12.3m, 61.5m), (gas.Value!.Value, gas.StatedPercent!.Value));
        // "8个站点已全部建成开放" of a completed item is its figure, not a question.
        Assert.Equal(8, draft.Item("建设“15分钟社区生活圈”").ValueOf(8).Value);
        Assert.DoesNotContain(draft.Draft!.Questions!, q => q.Path == "$.categories");
    }

    [Fact]
    public void A_markdown_copy_reads_like_its_text_without_the_markup()
    {
        var draft = Drafts.Read("chaoyang-2025-10.md");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["“一老一小”服务", "住房和城市更新", "交通出行"], draft.Categories!.Select(c => c.Name));
        Assert.Equal("新增养老家庭照护床位1000张", draft.Items().First().Title);
        Assert.DoesNotContain(draft.Items().SelectMany(i => (i.Indicators ?? []).Select(x => x.Name).Append(i.Title).Append(i.Reports?[0].Narrative)),
            t => t is not null && (t.Contains('*') || t.Contains('#') || t.Contains("---") || t.Contains("责任编辑")));
        Assert.Equal(("北京朝阳", "2025-11-05T00:00:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        Assert.All(draft.Items(), i => Assert.Equal("2025-10-31", i.Report().AsOf));
        Assert.Equal(["completed", "inProgress", "inProgress", "inProgress", "inProgress", "completed"], Statuses(draft));
    }

    [Fact]
    public void A_markdown_copy_counts_what_was_finished_and_not_what_remains()
    {
        var draft = Drafts.Read("chaoyang-2025-10.md");

        // "26个小区已全部开工，其中19个已完工，完成率73%": 19 of 26 is the 73%.
        var estates = draft.Item("完成老旧小区综合整治").ValueOf(26);
        Assert.Equal((19m, 73m), (estates.Value!.Value, estates.StatedPercent!.Value));
        // "已完工5条，其余3条正在进行路面施工": 5 of 8 are done; the 3 left are not a figure.
        var roads = draft.Item("打通断头路");
        Assert.Equal(5, roads.ValueOf(8).Value);
        Assert.Single(roads.Report().Values!);
        Assert.Equal("2025-12-31", roads.Report().ExpectedCompletion);
        Assert.Equal(16312, draft.Item("新增电动自行车充电端口").ValueOf(15000).Value);
    }

    [Fact]
    public void A_wechat_paste_leaves_out_the_page_around_the_article()
    {
        var draft = Drafts.Read("wuzhong-2025-h1-wechat.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["教育优质均衡", "健康吴中", "安居宜居"], draft.Categories!.Select(c => c.Name));
        Assert.Equal(6, draft.Items().Count());
        Assert.Equal([1, 2, 1, 2, 1, 2], draft.Items().Select(i => i.Number));
        Assert.Equal("2025-07-22T18:30:00+08:00", draft.Sources![0].PublishedAt);
        string[] noise = ["阅读原文", "点赞", "在看", "往期推荐", "▶", "编辑", "关注"];
        Assert.DoesNotContain(draft.Items().Select(i => i.Title + i.Report().Narrative), t => noise.Any(t.Contains));
        Assert.Equal("completed", draft.Item("新建农村公厕").Report().Status);
    }

    [Fact]
    public void A_wechat_paste_reads_its_figures_sites_and_named_targets()
    {
        var draft = Drafts.Read("wuzhong-2025-h1-wechat.txt");

        // "为全区中小学配备图书10万册" counts books, not schools.
        var books = draft.Item("实施中小学“书香校园”");
        Assert.Equal(("图书", "册"), (books.Target(100000).Name, books.Target(100000).Unit));
        Assert.Equal((62000m, 62m), (books.ValueOf(100000).Value!.Value, books.ValueOf(100000).StatedPercent!.Value));
        var doctors = draft.Item("新增家庭医生签约服务").ValueOf(20000);
        Assert.Equal((13600m, null, 68m), (doctors.Value!.Value, doctors.Qualifier, doctors.StatedPercent!.Value));
        var schools = draft.Item("新建改扩建学校");
        var site = Assert.Single(schools.Sites!);
        Assert.Equal("吴中区实验小学东校区", site.Name);
        Assert.Equal(("toppedOut", "2025-08-31"), (schools.Report().Sites![0].Phase, schools.Report().Sites![0].ExpectedCompletion));
        // "5所学校均已开工建设": begun, not built; the reviewer decides.
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.categories[0].items[0].indicators[0].target" && q.Question!.Contains("5所"));
    }

    [Fact]
    public void A_text_typed_with_ascii_stops_is_split_into_wording_and_progress()
    {
        var draft = Drafts.Read("tianxin-2025-q3-ascii.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["新建天心区第一中学(扩建)项目，新增学位1500个", "新增公办幼儿园学位900个", "建设社区嵌入式养老服务机构6家，新增养老床位不少于300张",
            "为辖区65岁以上老年人免费健康体检3.5万人次", "改造提升背街小巷30条，总投资约4800万元", "新增停车泊位2000个", "推进老旧小区加装电梯"],
            draft.Items().Select(i => i.Title));
        Assert.Equal(("天心区融媒体中心", "2025-10-20T09:05:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        Assert.All(draft.Items(), i => Assert.Equal("2025-09-30", i.Report().AsOf));
        Assert.Equal(["inProgress", "completed", "inProgress", "completed", "inProgress", "inProgress", "inProgress"], Statuses(draft));
        Assert.Equal("2025-11-30", draft.Item("新建天心区第一中学").Report().ExpectedCompletion);
        Assert.Null(draft.Item("新建天心区第一中学").Sites); // "主体工程已完工" is not a place
        var checkups = draft.Item("为辖区65岁以上").ValueOf(35000);
        Assert.Equal((36200m, null), (checkups.Value!.Value, checkups.Period)); // 1-9月 is the year to date
        var lanes = draft.Item("改造提升背街小巷");
        Assert.Equal((22m, 35600000m), (lanes.ValueOf(30).Value!.Value, lanes.ValueOf(48000000).Value!.Value));
        Assert.Equal("about", lanes.Target(48000000).Comparator);
        Assert.DoesNotContain(draft.Draft!.Questions!, q => q.Path == "$.categories");
    }

    [Fact]
    public void A_markdown_table_with_rate_and_status_columns_reads_each_row()
    {
        var draft = Drafts.Read("huangpu-2025-08-table.md");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(10, draft.Items().Count());
        Assert.All(draft.Items(), i => Assert.Equal("2025-08-31", i.Report().AsOf)); // 数据截至：2025年8月31日
        Assert.Equal(
            ["inProgress", "completed", "inProgress", "completed", "delayed", "inProgress", "inProgress", "inProgress", "inProgress", "inProgress"],
            Statuses(draft));
        var stations = draft.Item("新建社区卫生服务站4个");
        Assert.Equal((2m, 50m), (stations.ValueOf(4).Value!.Value, stations.ValueOf(4).StatedPercent!.Value));
        Assert.Single(stations.Report().Values!); // "其余2个正在装修" is not a figure
        var lines = draft.Item("新开优化公交线路").ValueOf(15);
        Assert.Equal((17m, 113m), (lines.Value!.Value, lines.StatedPercent!.Value));
        Assert.Equal((21500m, 71.7m), (draft.Item("开展职业技能培训").ValueOf(30000).Value!.Value, draft.Item("开展职业技能培训").ValueOf(30000).StatedPercent!.Value));
        Assert.Equal((5m, 98000000m), (draft.Item("整治河涌").ValueOf(12).Value!.Value, draft.Item("整治河涌").ValueOf(230000000).Value!.Value));
        Assert.Null(draft.Item("新建社区体育公园").Report().Values);
        // 42% is 5 of 12 河涌 rounded and 9800万 of 2.3亿 cut: the reviewer says which.
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.categories[0].items[9].reports[0].values[0].statedPercent" && q.Question!.Contains("投资"));
    }

    [Fact]
    public void A_county_bulletin_with_parenthesised_numbers_reads_its_byline_and_keeps_started_works_apart()
    {
        var draft = Drafts.Read("changxing-2025-q1.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("长兴县", 2025), (draft.Region!.Name, draft.Year));
        Assert.Equal(["社会保障方面", "教育卫生方面", "城乡建设方面"], draft.Categories!.Select(c => c.Name));
        Assert.Equal(6, draft.Items().Count());
        Assert.Equal(("县民生实事项目办公室", "2025-04-10T00:00:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        Assert.All(draft.Items(), i => Assert.Equal("2025-03-31", i.Report().AsOf)); // 一季度 in the title
        Assert.Equal(["inProgress", "inProgress", "inProgress", "inProgress", "inProgress", "notStarted"], Statuses(draft));
        var relief = draft.Item("发放困难群众救助金");
        Assert.Equal(("atLeast", 31500000m, 26.3m), (relief.Target(120000000).Comparator, relief.ValueOf(120000000).Value!.Value, relief.ValueOf(120000000).StatedPercent!.Value));
        Assert.Equal(3, draft.Item("建设城市公园三个").Target(3).Target);
        // "农村公路开工18公里": begun is not built.
        var roads = draft.Item("新建改造农村公路");
        Assert.DoesNotContain(roads.Report().Values!, v => v.Indicator == roads.Target(55).Key);
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.categories[1].items[0].indicators[0].target" && q.Question!.Contains("3所"));
    }

    [Fact]
    public void A_formal_report_in_sections_reads_the_items_of_its_progress_section_and_its_signer()
    {
        var draft = Drafts.Read("report-2025-h1-sections.txt");

        Assert.Empty(Drafts.Errors(draft));
        // 一、总体情况 / 二、具体进展 / 三、下一步工作 are sections above the categories, not categories.
        Assert.Equal(["教育卫生", "城市建设"], draft.Categories!.Select(c => c.Name));
        Assert.Equal(5, draft.Items().Count());
        Assert.Equal(("区发展改革委", "2025-07-08T00:00:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        Assert.All(draft.Items(), i => Assert.Equal("2025-06-30", i.Report().AsOf));
        Assert.Equal(["inProgress", "inProgress", "inProgress", "completed", "inProgress"], Statuses(draft));
        Assert.Equal(1, draft.Item("新建社区卫生服务中心").ValueOf(2).Value); // "1个已竣工，1个正在进行主体施工"
        Assert.Equal((8m, 40m), (draft.Item("改造老旧小区").ValueOf(20).Value!.Value, draft.Item("改造老旧小区").ValueOf(20).StatedPercent!.Value));
        // The title names no district: asked, not guessed.
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.region.name");
    }

    [Fact]
    public void A_web_page_with_an_html_table_reads_its_rows_and_the_quarter_its_heading_names()
    {
        var draft = Drafts.Read("county-2025-q3-table.html");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(["新增托位300个", "新建助餐点10个"], draft.Items().Select(i => i.Title));
        Assert.All(draft.Items(), i => Assert.Equal("2025-09-30", i.Report().AsOf)); // 三季度进展表
        Assert.Equal(("县政府办", "2025-10-15T00:00:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        var places = draft.Item("新增托位300个").ValueOf(300);
        Assert.Equal((240m, 80m), (places.Value!.Value, places.StatedPercent!.Value));
        // 10 of 10 in service, but the page does not say the item is done.
        Assert.Equal("inProgress", draft.Item("新建助餐点10个").Report().Status);
    }

    [Fact]
    public void A_text_of_mixed_full_and_half_width_forms_with_circled_numbers_reads_as_one()
    {
        var draft = Drafts.Read("yinzhou-2025-q3-mixed.txt");

        Assert.Empty(Drafts.Errors(draft));
        Assert.Equal(("鄞州区", 2025), (draft.Region!.Name, draft.Year));
        Assert.Equal(("鄞州区人民政府办公室", "2025-10-12T00:00:00+08:00"), (draft.Sources![0].Publisher, draft.Sources[0].PublishedAt));
        Assert.Equal(["教育提升类", "健康养老类", "城乡建设类", "民生保障类"], draft.Categories!.Select(c => c.Name));
        Assert.Equal("新增公办幼儿园学位1200个", draft.Items().First().Title);
        Assert.Equal(
            ["completed", "inProgress", "inProgress", "completed", "inProgress", "inProgress", "inProgress", "delayed", "inProgress", "completed"],
            Statuses(draft));
        var schools = draft.Item("实施中小学“智慧校园”").ValueOf(50);
        Assert.Equal((38m, 76m), (schools.Value!.Value, schools.StatedPercent!.Value)); // 76％
        var gas = draft.Item("新建改造城镇燃气老旧管网");
        Assert.Equal((61200000m, 63.8m), (gas.ValueOf(96000000).Value!.Value, gas.ValueOf(96000000).StatedPercent!.Value)); // 占年度计划的
        Assert.Equal(21.7m, gas.ValueOf(35).Value);
        Assert.Equal(3, draft.Item("实施“美丽河湖”").ValueOf(5).Value); // "3条已完工，2条正在施工"
        Assert.Equal(16200, draft.Item("新增城镇就业1.5万人").ValueOf(15000).Value);
        Assert.DoesNotContain(draft.Draft!.Questions!, q => q.Path == "$.categories");
    }
}

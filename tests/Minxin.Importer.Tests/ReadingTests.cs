using Minxin.Domain.Quantities;
using Minxin.Importer.Reading;
using Minxin.Importer.Text;

namespace Minxin.Importer.Tests;

/// <summary>The small readers: numbers, figures, dates and status words as the genre writes them.</summary>
public class ReadingTests
{
    private static List<Figure> Figures(string text) => FigureScanner.Scan(TextNormalizer.Normalize(text), new Span(0, text.Length));

    [Theory]
    [InlineData("开展培训1.45万人次", 14500, "人次")]
    [InlineData("发放3822万元", 38220000, "元")]
    [InlineData("投资2.5亿元", 250000000, "元")]
    [InlineData("新增托位一百二十个", 120, "个")]
    [InlineData("新建泊位两千个", 2000, "个")]
    [InlineData("惠及三万五千户", 35000, "户")]
    [InlineData("完成１２３座", 123, "座")]
    [InlineData("服务1,234人次", 1234, "人次")]
    [InlineData("对区管的 48 座泵站", 48, "座")]
    [InlineData("完成率85%", 85, "%")]
    public void A_figure_is_read_in_its_base_unit(string text, double value, string unit)
    {
        var figure = Assert.Single(Figures(text));

        Assert.Equal(((decimal)value, unit), (figure.Value, figure.Unit));
    }

    [Theory]
    [InlineData("不少于100人", "AtLeast")]
    [InlineData("200场以上", "Over")]
    [InlineData("约137米", "About")]
    [InlineData("2万余份", "Over")]
    [InlineData("160余名", "Over")]
    [InlineData("超过3万元", "Over")]
    [InlineData("5119个", "Exactly")]
    public void Comparators_and_qualifiers_go_with_the_figure(string text, string comparator)
    {
        Assert.Equal(Enum.Parse<Comparator>(comparator), Assert.Single(Figures(text)).Qualifier);
    }

    [Theory]
    [InlineData("2025年迎新春文艺联欢会")]
    [InlineData("5月1日完工")]
    [InlineData("1—5月份，开展")]
    [InlineData("第四届“周汝昌杯”")]
    [InlineData("制定出台《2025年度3项制度汇编》")]
    [InlineData("“三微四景”连心工程")]
    [InlineData("后续按照市卫健委统一部署")]
    [InlineData("发布时间:2025-07-17 13:43")]
    [InlineData("1年医药费")]
    [InlineData("单位二次报销")]
    public void Dates_ordinals_names_and_idioms_are_not_figures(string text)
    {
        Assert.Empty(Figures(text));
    }

    [Theory]
    [InlineData("截至6月底", 2025, "2025-06-30")]
    [InlineData("截至2024年12月底", 2025, "2024-12-31")]
    [InlineData("截止9月15日", 2025, "2025-09-15")]
    [InlineData("截至三月底", 2025, "2025-03-31")]
    [InlineData("数据截至：2025年8月31日", 2025, "2025-08-31")]
    public void As_of_dates_take_the_year_given_when_the_text_leaves_it_out(string text, int year, string expected)
    {
        var asOf = DateReader.AsOf(text, new Span(0, text.Length), (_, _) => year);

        Assert.Equal(expected, asOf!.Value.Date.ToString("yyyy-MM-dd"));
    }

    [Theory]
    [InlineData("1—5月份，开展培训", "2025-01-01/2025-05-31")]
    [InlineData("1-6月，发放", "2025-01-01/2025-06-30")]
    [InlineData("一季度，新增", "2025-01-01/2025-03-31")]
    [InlineData("上半年，累计", "2025-01-01/2025-06-30")]
    [InlineData("3月份，全部建设完毕", "2025-03-01/2025-03-31")]
    [InlineData("截至5月底，累计", "2025-01-01/2025-05-31")]
    public void A_sentence_opening_with_a_period_gives_the_period_of_its_figures(string text, string expected)
    {
        var comma = text.IndexOf('，');

        Assert.Equal(expected, DateReader.LeadingPeriod(text, new Span(0, comma), 2025)!.Value.Period.ToString());
    }

    [Theory]
    [InlineData("2025年杭州市民生实事项目上半年进展情况", "2025-06-30")]
    [InlineData("天心区2025年为民办实事项目前三季度进展情况", "2025-09-30")]
    [InlineData("某某县2025年民生实事项目三季度进展表", "2025-09-30")]
    [InlineData("长兴县2025年十方面民生实事项目一季度进展通报", "2025-03-31")]
    [InlineData("朝阳区2025年重要民生实事项目进展情况（10月）", "2025-10-31")]
    [InlineData("徐汇区2025年为民办实事项目完成情况（全年）", "2025-12-31")]
    public void A_title_naming_its_period_dates_the_report_at_the_period_end(string title, string expected)
    {
        Assert.Equal(expected, DateReader.EndOfPeriodNamed(title, new Span(0, title.Length), 2025)!.Value.ToString("yyyy-MM-dd"));
    }

    [Theory]
    [InlineData("预计9月份投入使用", "2025-09")]
    [InlineData("预计8月底竣工", "2025-08-31")]
    [InlineData("预计9月底前投入使用", "2025-09-30")]
    [InlineData("预计10月1日完工", "2025-10-01")]
    [InlineData("预计年底前完工", "2025-12-31")]
    [InlineData("力争年内建成", "2025")]
    [InlineData("预计2026年3月竣工", "2026-03")]
    public void Expected_completion_is_read_to_the_precision_given(string text, string expected)
    {
        var date = Assert.Single(DateReader.Expectations(text, new Span(0, text.Length), 2025));

        Assert.Equal(expected, date.Date.ToString());
    }

    [Theory]
    [InlineData("预计8月开工")]
    [InlineData("待造价审查完成后开展招投标")]
    public void An_expected_start_is_not_an_expected_completion(string text)
    {
        Assert.Empty(DateReader.Expectations(text, new Span(0, text.Length), 2025));
    }

    [Theory]
    [InlineData("2项提前超额完成全年任务", "Completed")]
    [InlineData("（一）已完成的项目（5项）", "Completed")]
    [InlineData("12项达到序时进度", "InProgress")]
    [InlineData("正在加快推进的项目", "InProgress")]
    [InlineData("1项进度滞后", "Delayed")]
    [InlineData("2项尚未开工", "NotStarted")]
    public void A_status_heading_gives_the_status_of_the_items_under_it(string heading, string status)
    {
        Assert.Equal(status, StatusPhrases.OfGroupHeading(heading, out _)?.ToString());
    }

    [Theory]
    [InlineData("完成老旧小区改造项目")]
    [InlineData("推进智慧停车项目建设")]
    [InlineData("截至6月底，4个子项已完成，其余22个子项正在加快推进")]
    public void An_item_or_a_lead_is_not_a_status_heading(string line)
    {
        Assert.Null(StatusPhrases.OfGroupHeading(line, out _));
    }

    [Theory]
    [InlineData("新增托位100个。该项目已完成。", "completed")]
    [InlineData("新增托位100个。已全部完成。", "completed")]
    [InlineData("新增托位100个。全年新增托位120个，超额完成年度任务。", "completed")]
    [InlineData("新增托位100个。目前，该项目已完成立项，正在招标。", "inProgress")]
    [InlineData("新增托位100个。目前，已完成选址，正在进行设计。", "inProgress")]
    [InlineData("新增托位100个。目前，项目进度滞后。", "delayed")]
    [InlineData("新增托位100个。已新增托位120个，均已提前超额完成年度目标。", "completed")]
    [InlineData("新增托位100个。已新增托位64个，完成年度目标的64%。", "inProgress")]
    [InlineData("新增托位100个。该项目正在推进前期手续，尚未开工。", "notStarted")]
    [InlineData("新增托位100个。项目尚未开工，正在开展方案设计。", "notStarted")]
    [InlineData("新增托位100个。已新增托位60个，其余2个尚未开工。", "inProgress")]
    public void Completion_needs_words_about_the_whole_item(string text, string status)
    {
        var draft = TextImporter.Import("测试区2025年民心工程\n01  测试工程\n" + text).Draft;

        Assert.Equal(status, draft.Items().Single().Report().Status);
    }

    [Theory]
    [InlineData("累计完成加装电梯签约1136台")]
    [InlineData("线上预约200人次")]
    [InlineData("节约30万元")]
    public void Yue_that_ends_a_word_does_not_make_a_figure_approximate(string text)
    {
        Assert.Equal(Comparator.Exactly, Assert.Single(Figures(text)).Qualifier);
    }

    [Theory]
    [InlineData("新增学位960个.目前,已新增", "新增学位960个。目前，已新增")]
    [InlineData("完成率67.5%.", "完成率67.5%。")]
    [InlineData("体检3.5万人次.1-9月", "体检3.5万人次。1-9月")]
    [InlineData("开展培训1.45万人次", "开展培训1.45万人次")]
    [InlineData("1.新建学校", "1.新建学校")]
    [InlineData("一.教育提质工程", "一.教育提质工程")]
    [InlineData("**1. 新增托位**", "  1. 新增托位  ")]
    [InlineData("3*5米", "3*5米")]
    public void Ascii_stops_and_markdown_emphasis_are_read_as_the_text_means_them(string text, string expected)
    {
        Assert.Equal(expected, TextNormalizer.Normalize(text));
    }

    [Theory]
    [InlineData("成都发布　2025-10-16", "成都发布", "2025-10-16 00:00")]
    [InlineData("原创 吴中发布 吴中发布 2025年07月22日 18:30 江苏", "吴中发布", "2025-07-22 18:30")]
    [InlineData("县民生实事项目办公室　2025年4月10日", "县民生实事项目办公室", "2025-04-10 00:00")]
    [InlineData("2025年1月10日", null, "2025-01-10 00:00")]
    public void A_byline_says_who_published_and_when(string line, string? publisher, string at)
    {
        var text = TextNormalizer.Normalize(line);

        var byline = DateReader.Byline(text, new Span(0, text.Length))!.Value;

        Assert.Equal((publisher, at), (byline.Publisher, byline.At.ToString("yyyy-MM-dd HH:mm")));
    }

    [Theory]
    [InlineData("数据截至 2025年8月31日")]
    [InlineData("（2025年1月16日区十八届人民代表大会五次会议票决产生）")]
    [InlineData("新增托位460个，2025年9月30日")]
    public void A_date_in_other_words_is_not_a_byline(string line)
    {
        Assert.Null(DateReader.Byline(line, new Span(0, line.Length)));
    }

    [Theory]
    [InlineData("新建（改扩建）中小学", "中小学")]
    [InlineData("为全区中小学配备图书", "图书")]
    [InlineData("新建改建公共厕所", "公共厕所")]
    [InlineData("推进危旧楼房改建", "危旧楼房改建")]
    public void A_name_is_the_thing_counted_without_its_verbs_and_notes(string words, string name)
    {
        Assert.Equal(name, Names.Strip(words));
    }

    [Theory]
    [InlineData(623, 1000, 62.3, true)]
    [InlineData(19, 26, 73, true)]
    [InlineData(17, 15, 113, true)]
    [InlineData(5119, 6000, 85, true)]
    [InlineData(86, 100, 62.3, false)]
    [InlineData(1136, 1000, 62.3, false)]
    public void A_stated_rate_agrees_with_the_figure_it_rounds_or_cuts_from(double value, double target, double stated, bool agrees)
    {
        Assert.Equal(agrees, TargetMatcher.Agrees((decimal)value, (decimal)target, (decimal)stated));
    }

    [Fact]
    public void A_bare_done_without_saying_what_is_asked_about()
    {
        var draft = TextImporter.Import("测试区2025年民心工程\n01  测试工程\n改造老旧小区5个。目前，入户改造已完成。").Draft;

        Assert.Equal("inProgress", draft.Items().Single().Report().Status);
        Assert.Contains(draft.Draft!.Questions!, q => q.Path == "$.categories[0].items[0].reports[0].status" && q.Question!.Contains("已完成"));
    }

    [Fact]
    public void Traditional_characters_become_simplified_and_the_length_stays()
    {
        const string text = "北辰區新增托位300個，發佈時間：2025年";

        var normalized = TextNormalizer.Normalize(text);

        Assert.Equal("北辰区新增托位300个，发布时间：2025年", normalized);
        Assert.Equal(text.Length, normalized.Length);
    }

    [Fact]
    public void The_traditional_table_maps_each_character_to_a_different_simplified_one()
    {
        Assert.All(TraditionalChinese.Table, pair => Assert.NotEqual(pair.Traditional, pair.Simplified));
        Assert.DoesNotContain(TraditionalChinese.Table, pair => TraditionalChinese.Table.Any(other => other.Traditional == pair.Simplified));
    }

    [Fact]
    public void A_pasted_web_page_reads_like_its_text()
    {
        const string html = "<html><body><h1>测试区2025年民心工程</h1><h2>01  测试工程</h2><p>新增托位100个。目前，已新增托位60个&nbsp;。</p></body></html>";

        var item = TextImporter.Import(html).Draft.Items().Single();

        Assert.Equal(60, item.ValueOf(100).Value);
    }

    [Fact]
    public void Gb18030_text_is_decoded()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = System.Text.Encoding.GetEncoding("GB18030").GetBytes("津南区民心工程");

        Assert.Equal("津南区民心工程", TextDecoding.Decode(bytes));
    }
}

using System.Diagnostics;
using System.Text;

namespace Minxin.Importer.Tests;

/// <summary>
/// Any input gives a draft or no items, within a bounded time, never an exception: random bytes, random text made of the
/// genre's own pieces, huge lines, deep numbering, 10 MB. Inputs come from seeded generators, so a failure repeats.
/// </summary>
public class RobustnessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // The pieces real texts are made of, so random text reaches the reader's deeper paths.
    private static readonly string[] Pieces =
    [
        "01  ", "一、", "（一）", "1.", "2、", "（3）", "①", "第一项", "## ", "|", "  ", "\t", "\n", "\n\n", "。", "，", "；", "：", "“", "”", "《", "》",
        "新增", "托位", "460", "个", "1.45", "万", "人次", "元", "亿", "不少于", "以上", "约", "余", "%", "完成率", "进度超", "目前", "截至",
        "6月底", "1—5月份", "预计", "9月份", "投入使用", "年底前", "完工", "该项目已完成", "已完成", "超额完成", "基本完工", "2项提前超额完成全年任务",
        "牵头单位：", "区教育局", "序号", "项目名称", "目标任务", "进展情况", "民心工程", "津南区", "2025年", "来源：", "发布时间：2025-07-17 13:43",
        "一百二十", "两千", "個", "區", "累计", "其中", "等", "幼儿园", "主体封顶", "正在进行", "装修", "{", "}", "%%", "\uD800", "&nbsp;", "<p>", "</p>",
        "往期推荐", "阅读原文", "**", "---", "|---|", "（牵头单位：", "（市）", "占年度目标的", "签约", "其余", "已完工", "尚未开工", "数据截至：",
        "2025年1月10日", "区人民政府办公室", "原创 ", "三季度", ".", ",", "１２", "％", "<td>", "</tr>",
    ];

    private static ImportResult ImportWithin(string text)
    {
        var watch = Stopwatch.StartNew();
        var task = Task.Run(() => TextImporter.Import(text));
        Assert.True(task.Wait(Bound), $"no result after {Bound.TotalSeconds} s for a text of {text.Length} characters");
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, Bound);
        return task.Result;
    }

    /// <summary>A draft with items is a valid data file; any draft serializes.</summary>
    private static void AssertUsable(ImportResult result)
    {
        if (result.HasItems)
        {
            Assert.Empty(Drafts.Errors(result.Draft));
        }
        Assert.NotEmpty(TextImporter.Serialize(result));
    }

    [Fact]
    public void Random_bytes_give_a_result_and_never_throw()
    {
        var random = new Random(20250717);
        for (var run = 0; run < 200; run++)
        {
            var bytes = new byte[random.Next(0, 4000)];
            random.NextBytes(bytes);

            AssertUsable(ImportWithin(TextDecoding.Decode(bytes)));
        }
    }

    [Fact]
    public void Random_texts_of_the_genre_pieces_give_valid_drafts_or_no_items()
    {
        var random = new Random(4);
        for (var run = 0; run < 300; run++)
        {
            var text = new StringBuilder();
            var count = random.Next(1, 400);
            for (var i = 0; i < count; i++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            AssertUsable(ImportWithin(text.ToString()));
        }
    }

    [Fact]
    public void Random_edits_of_the_seed_give_valid_drafts()
    {
        var seed = Drafts.Text("jinnan-2025-h1.txt");
        var random = new Random(26);
        for (var run = 0; run < 60; run++)
        {
            var text = new StringBuilder(seed);
            for (var edit = 0; edit < 20; edit++)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text.Remove(at, Math.Min(random.Next(1, 50), text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, Pieces[random.Next(Pieces.Length)]);
                        break;
                    default:
                        text.Insert(at, seed.AsSpan(random.Next(seed.Length - 100), 100));
                        break;
                }
            }

            AssertUsable(ImportWithin(text.ToString()));
        }
    }

    [Fact]
    public void A_huge_line_is_read_only_so_far_and_says_so()
    {
        var line = "01  测试工程\n新增托位460个。目前，" + string.Concat(Enumerable.Repeat("已新增托位300个，完成率65%，", 100_000));

        var result = ImportWithin(line);

        AssertUsable(result);
        Assert.Contains(result.Questions, q => q.Question!.Contains("只读取了前"));
    }

    [Fact]
    public void Deeply_nested_numbering_gives_a_result()
    {
        var markers = new[] { "一、", "（一）", "1.", "（1）", "①", "第一项", "01  " };
        var text = new StringBuilder("测试区2025年民心工程\n");
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(new string(' ', random.Next(0, 40))).Append(markers[random.Next(markers.Length)]).Append(random.Next(2) == 0 ? "教育工程" : "新增学位540个。目前已新增300个。").Append('\n');
        }

        AssertUsable(ImportWithin(text.ToString()));
    }

    [Fact]
    public void Ten_megabytes_of_text_give_a_bounded_result()
    {
        var seed = Drafts.Text("jinnan-2025-h1.txt");
        var copies = 10 * 1024 * 1024 / Encoding.UTF8.GetByteCount(seed) + 1;
        var text = string.Concat(Enumerable.Repeat(seed, copies));

        var result = ImportWithin(text);

        AssertUsable(result);
        Assert.InRange(result.ItemCount, 1, Reading.ProgramReader.MaxItems);
        Assert.Contains(result.Questions, q => q.Question!.Contains("超过"));
    }

    public static TheoryData<string> GenreTexts() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Texts")).Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(GenreTexts))]
    public void Every_cut_of_every_genre_text_gives_a_valid_draft_or_no_items(string name)
    {
        var text = Drafts.Text(name);
        for (var length = 0; length <= text.Length; length += Math.Max(17, text.Length / 60))
        {
            var result = TextImporter.Import(text[..length]);
            Assert.True(!result.HasItems || Drafts.IsValidDataFile(result.Draft), $"{name} cut at {length}: {string.Join("; ", Drafts.Errors(result.Draft))}");
        }
    }

    [Fact]
    public void An_item_with_thousands_of_targets_and_figures_gives_a_bounded_result()
    {
        var wording = string.Concat(Enumerable.Repeat("新增托位460个、", 2_000));
        var progress = string.Concat(Enumerable.Repeat("已新增托位300个，完成率65%；", 2_000));
        var text = $"测试区2025年民心工程\n01  测试工程\n{wording}。{progress}\n";

        var result = ImportWithin(text);

        AssertUsable(result);
        Assert.Contains(result.Questions, q => q.Question!.Contains("目标超过"));
        Assert.Contains(result.Questions, q => q.Question!.Contains("数字超过"));
    }

    [Fact]
    public void Megabytes_of_page_after_the_end_of_the_article_give_a_bounded_result()
    {
        var seed = Drafts.Text("jinnan-2025-h1.txt");
        var links = string.Concat(Enumerable.Repeat("▶ 津南这些地方要修路了！\n区人民政府办公室\n2025年7月17日\n", 100_000));

        var result = ImportWithin(seed + "\n往期推荐\n" + links);

        AssertUsable(result);
        Assert.Equal(26, result.ItemCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t ")]
    [InlineData("分享到:\n返回顶部")]
    [InlineData("{{{{}}}}%%%")]
    [InlineData("01")]
    [InlineData("一、")]
    public void Texts_without_items_give_no_items(string text)
    {
        var result = ImportWithin(text);

        Assert.False(result.HasItems);
    }
}

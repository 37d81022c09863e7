using System.Diagnostics;
using System.Text;

namespace Minxin.Importer.Tests;

/// <summary>
/// The readers of inline numbering, fields, plans and town tables under hostile input: random texts of their pieces,
/// and the largest shapes each could be given. Every input gives a valid draft or no items, in bounded time.
/// </summary>
public class InlineFormsRobustnessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly string[] Pieces =
    [
        "1.", "2.", "3、", "（1）", "（2）", "①", "②", "一是", "二是", "三是", "1.5万人次", "3、4号楼", "。", "；", "，", "：", ":", "：：", " ", "\n", "\t", "|",
        "牵头领导：", "牵头领导", "责任单位：", "责任单位", "配合单位：", "项目责任人：", "实际完成情况：", "进展情况：", "目标任务：", "项目名称：", "【", "】", "（", "）",
        "副区长 李某某", "区住建委", "、", "（牵头）", "各街镇", "计划完成", "实际完成", "年度目标", "截至目前完成", "全年任务", "计划数：", "完成数：", "已开工",
        "20个", "15个", "1.2亿元", "8000万元", "75%", "完成率", "其中", "街镇 计划数 完成数 完成率\n", "辛庄镇 12 10 83%\n", "咸水沽镇\t8\t5\n",
        "| 镇 | 任务数 | 已建成 |\n", "|---|---|---|\n", "| 丰台镇 | 6 | 6 |\n", "合计 20 15 75%\n", "序号 街镇 计划数 完成数\n", "1 辛庄镇 12个 10个\n", "—",
        "01  测试工程\n", "一、教育工程\n", "新增托位600个", "该项目已完成", "民生实事", "具体如下：", "如下：",
    ];

    private static ImportResult ImportWithin(string text)
    {
        var watch = Stopwatch.StartNew();
        var task = Task.Run(() => TextImporter.Import(text));
        Assert.True(task.Wait(Bound), $"no result after {Bound.TotalSeconds} s for a text of {text.Length} characters");
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, Bound);
        var result = task.Result;
        if (result.HasItems)
        {
            Assert.Empty(Drafts.Errors(result.Draft));
        }
        return result;
    }

    [Fact]
    public void Random_texts_of_the_inline_forms_give_valid_drafts_or_no_items()
    {
        var random = new Random(2025);
        for (var run = 0; run < 300; run++)
        {
            var text = new StringBuilder("测试区2025年民心工程\n");
            var count = random.Next(1, 300);
            for (var i = 0; i < count; i++)
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }

            ImportWithin(text.ToString());
        }
    }

    [Fact]
    public void A_paragraph_of_thousands_of_numbered_items_is_read_as_items()
    {
        // 800 items fit in the part of a line that is read (20 000 characters).
        var paragraph = string.Concat(Enumerable.Range(1, 800).Select(i => $"{i}.新增托位{i}个，已新增{i}个。"));

        var result = ImportWithin("测试区2025年民心工程\n01  测试工程\n" + paragraph);

        Assert.Equal(800, result.ItemCount);
    }

    [Fact]
    public void Thousands_of_fields_plans_and_enumerations_in_one_line_give_a_bounded_result()
    {
        var fields = string.Concat(Enumerable.Repeat("牵头领导：副区长 李某；责任单位：区卫健委、区民政局；实际完成情况：计划新增5个，已新增3个；", 2000));
        var plans = string.Concat(Enumerable.Repeat("计划新增5个，已新增3个，", 5000));
        var listed = string.Concat(Enumerable.Range(0, 3000).Select(i => $"{"一二三四五六七八九"[i % 9]}是新增托位{i + 1}个；"));

        ImportWithin("测试区2025年民心工程\n01  测试工程\n1.新增托位5个。" + fields);
        Assert.Contains(ImportWithin("测试区2025年民心工程\n01  测试工程\n1.新增托位5个。" + plans).Questions, q => q.Question!.Contains("数字超过"));
        ImportWithin("测试区2025年民生实事\n上半年民生实事如下：" + listed);
    }

    [Fact]
    public void A_town_table_of_thousands_of_rows_is_read_up_to_a_bound()
    {
        var rows = string.Concat(Enumerable.Range(0, 5000).Select(i => $"镇{i} 12 10 83%\n"));

        var result = ImportWithin("测试区2025年民心工程\n01  测试工程\n1.新增托位5个。已新增3个。\n街镇 计划数 完成数 完成率\n" + rows + "合计 5 3 60%\n");

        Assert.Equal(1, result.ItemCount);
    }
}

using System.Text;
using Minxin.Domain.ProgramFiles;

namespace Minxin.Domain.Tests;

/// <summary>Each kind of bad file is refused with the file, the line, the path and the field; a good file is read whole.</summary>
public class ProgramFileValidatorTests
{
    private const string Valid = """
        {
          "format": "minxin-program",
          "formatVersion": 1,
          "id": "test-2025",
          "region": { "code": "999999", "name": "测试区" },
          "year": 2025,
          "title": "2025年测试区民心工程",
          "sources": [ { "id": "h1", "title": "上半年成绩单", "publisher": "测试融媒" } ],
          "categories": [
            {
              "number": 1,
              "name": "护苗助老贴心工程",
              "items": [
                {
                  "number": 1,
                  "title": "新增充电接口6000个",
                  "indicators": [
                    { "key": "接口", "name": "充电接口", "unit": "个", "target": 6000, "comparator": "atLeast" }
                  ],
                  "sites": [ { "key": "园", "name": "幼儿园" } ],
                  "reports": [
                    {
                      "asOf": "2025-06-30",
                      "status": "inProgress",
                      "narrative": "累计{接口}，完成率{接口%}。",
                      "values": [ { "indicator": "接口", "value": 5119, "period": "2025-01-01/2025-05-31" } ],
                      "sites": [ { "site": "园", "phase": "toppedOut", "expectedCompletion": "2025-09" } ],
                      "source": "h1",
                      "submittedBy": "区发改委",
                      "submittedAt": "2025-07-01T09:00:00+08:00",
                      "review": { "state": "approved", "by": "民心办", "at": "2025-07-02T09:00:00+08:00" }
                    }
                  ]
                }
              ]
            }
          ]
        }
        """;

    private static ProgramFileResult Read(string text) => ProgramFileReader.Read("test.json", Encoding.UTF8.GetBytes(text));

    private static ProgramFileError SingleError(string text)
    {
        var result = Read(text);
        Assert.False(result.IsValid);
        Assert.Null(result.Program);
        return Assert.Single(result.Errors);
    }

    private static int LineOf(string text, string fragment) =>
        text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void A_valid_file_is_read_whole()
    {
        var result = Read(Valid);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var item = result.Program!.Items.Single();
        Assert.Equal("01-1", item.Code);
        Assert.Equal(5119, item.Reports.Single().Values.Single().Value);
        Assert.Equal("h1", item.Reports.Single().Source!.Key);
    }

    [Theory]
    [InlineData("\"target\": 6000,", "\"target\": \"六千\",", "$.categories[0].items[0].indicators[0].target", "应为数字")]
    [InlineData("\"comparator\": \"atLeast\"", "\"comparator\": \"greater\"", "$.categories[0].items[0].indicators[0].comparator", "exactly, atLeast, over, about")]
    [InlineData("\"asOf\": \"2025-06-30\"", "\"asOf\": \"2025-06-31\"", "$.categories[0].items[0].reports[0].asOf", "不是有效的日期")]
    [InlineData("\"status\": \"inProgress\"", "\"status\": \"done\"", "$.categories[0].items[0].reports[0].status", "notStarted, inProgress, completed, delayed, cancelled")]
    [InlineData("\"period\": \"2025-01-01/2025-05-31\"", "\"period\": \"1—5月\"", "$.categories[0].items[0].reports[0].values[0].period", "不是有效的时段")]
    [InlineData("\"period\": \"2025-01-01/2025-05-31\"", "\"period\": \"2025-01-01/2025-07-31\"", "$.categories[0].items[0].reports[0].values[0].period", "晚于报告日期")]
    [InlineData("{ \"indicator\": \"接口\"", "{ \"indicator\": \"端口\"", "$.categories[0].items[0].reports[0].values[0].indicator", "未在本子项的 indicators 中定义")]
    [InlineData("{ \"site\": \"园\"", "{ \"site\": \"校\"", "$.categories[0].items[0].reports[0].sites[0].site", "未在本子项的 sites 中定义")]
    [InlineData("\"phase\": \"toppedOut\"", "\"phase\": \"封顶\"", "$.categories[0].items[0].reports[0].sites[0].phase", "无效的取值")]
    [InlineData("\"expectedCompletion\": \"2025-09\"", "\"expectedCompletion\": \"9月份\"", "$.categories[0].items[0].reports[0].sites[0].expectedCompletion", "不是有效的预计日期")]
    [InlineData("\"source\": \"h1\"", "\"source\": \"h2\"", "$.categories[0].items[0].reports[0].source", "未在 sources 中定义")]
    [InlineData("\"submittedAt\": \"2025-07-01T09:00:00+08:00\"", "\"submittedAt\": \"2025-07-01\"", "$.categories[0].items[0].reports[0].submittedAt", "不是有效的时间")]
    [InlineData("\"value\": 5119,", "\"value\": -5,", "$.categories[0].items[0].reports[0].values[0].value", "不能为负")]
    [InlineData("\"value\": 5119,", "\"value\": 5119.12345,", "$.categories[0].items[0].reports[0].values[0].value", "最多 4 位小数")]
    [InlineData("\"id\": \"test-2025\"", "\"id\": \"Test 2025\"", "$.id", "不是有效的标识")]
    [InlineData("\"formatVersion\": 1", "\"formatVersion\": 2", "$.formatVersion", "不支持的格式版本")]
    [InlineData("\"narrative\": \"累计{接口}", "\"narrative\": \"累计{端口}", "$.categories[0].items[0].reports[0].narrative", "{端口}")]
    [InlineData("\"key\": \"接口\"", "\"key\": \"接 口\"", "$.categories[0].items[0].indicators[0].key", "不能含空白")]
    [InlineData("\"by\": \"民心办\", ", "", "$.categories[0].items[0].reports[0].review.by", "缺少必填字段 by")]
    public void Each_kind_of_bad_value_is_named_with_its_line_path_and_field(string good, string bad, string path, string message)
    {
        Assert.Contains(good, Valid);
        var text = Valid.Replace(good, bad);

        var result = Read(text);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Equal("test.json", error.File);
        Assert.Contains(message, error.Message);
        var fragment = bad.Length > 0 ? bad : "\"review\"";
        Assert.Equal(LineOf(text, fragment), error.Line);
        Assert.StartsWith($"test.json:{error.Line}: {path}: ", error.ToString());
    }

    [Fact]
    public void Malformed_json_is_reported_at_its_line()
    {
        var text = Valid.Replace("\"year\": 2025,", "\"year\": 2025");

        var error = SingleError(text);

        Assert.Contains("不是有效的 JSON", error.Message);
        Assert.Equal(LineOf(text, "\"title\": \"2025年"), error.Line);
    }

    [Fact]
    public void An_unknown_field_is_refused_as_a_probable_typo()
    {
        var text = Valid.Replace("\"target\": 6000,", "\"taget\": 6000,");

        var error = SingleError(text);

        Assert.Contains("未知字段", error.Message);
        Assert.Contains("taget", error.Path);
    }

    [Fact]
    public void An_empty_file_is_refused() => Assert.Contains("文件为空", SingleError("  \n").Message);

    [Fact]
    public void Random_bytes_are_refused_without_an_exception()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            var result = ProgramFileReader.Read("noise.bin", bytes);
            Assert.False(result.IsValid);
            Assert.NotEmpty(result.Errors);
        }
    }

    [Fact]
    public void Duplicates_are_refused()
    {
        var text = Valid.Replace(
            "\"sites\": [ { \"key\": \"园\", \"name\": \"幼儿园\" } ]",
            "\"sites\": [ { \"key\": \"园\", \"name\": \"幼儿园\" }, { \"key\": \"园\", \"name\": \"另一所幼儿园\" } ]");

        var error = SingleError(text);

        Assert.Equal("$.categories[0].items[0].sites", error.Path);
        Assert.Contains("点位标识 \"园\" 重复", error.Message);
    }

    [Fact]
    public void A_correction_must_say_why()
    {
        var text = Valid.Replace("\"status\": \"inProgress\",", "\"version\": 2, \"status\": \"inProgress\",");

        var errors = Read(text).Errors;

        Assert.Contains(errors, e => e.Path.EndsWith(".correctionNote", StringComparison.Ordinal) && e.Message.Contains("更正原因"));
        Assert.Contains(errors, e => e.Path.EndsWith(".reports", StringComparison.Ordinal) && e.Message.Contains("版本应为 1 到 1"));
    }

    [Fact]
    public void A_field_longer_than_the_database_keeps_is_refused()
    {
        var text = Valid.Replace("\"publisher\": \"测试融媒\"", $"\"publisher\": \"{new string('长', 201)}\"");

        var error = SingleError(text);

        Assert.Equal("$.sources[0].publisher", error.Path);
        Assert.Contains("最多 200 个", error.Message);
    }

    [Fact]
    public void All_problems_are_listed_at_once()
    {
        var text = Valid.Replace("\"status\": \"inProgress\"", "\"status\": \"done\"").Replace("\"comparator\": \"atLeast\"", "\"comparator\": \"more\"");

        Assert.Equal(2, Read(text).Errors.Count);
    }

    // The gaps a probe found: each was accepted before, and is now refused where it is.
    [Theory]
    [InlineData("\"id\": \"test-2025\"", "\"id\": \"test-2025\\n\"", "$.id", "不是有效的标识")]
    [InlineData("\"title\": \"新增充电接口6000个\"", "\"title\": \"新增充电接口\\u00006000个\"", "$.categories[0].items[0].title", "控制字符 U+0000")]
    [InlineData("\"title\": \"新增充电接口6000个\"", "\"title\": \"新增充电接口\\t6000个\"", "$.categories[0].items[0].title", "控制字符 U+0009")]
    [InlineData("\"unit\": \"个\"", "\"unit\": \"个\\r\"", "$.categories[0].items[0].indicators[0].unit", "控制字符 U+000D")]
    [InlineData("\"publisher\": \"测试融媒\" }", "\"publisher\": \"测试融媒\", \"url\": \"javascript:alert(1)\" }", "$.sources[0].url", "http:// 或 https://")]
    [InlineData("\"value\": 5119,", "\"value\": 5119, \"statedPercent\": 90,", "$.categories[0].items[0].reports[0].values[0].statedPercent", "与 5119/6000（85.32%）不符")]
    public void Values_the_probe_slipped_through_are_refused_at_their_field(string good, string bad, string path, string message)
    {
        Assert.Contains(good, Valid);

        var result = Read(Valid.Replace(good, bad));

        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(message));
    }

    [Fact]
    public void A_narrative_may_hold_line_breaks_but_no_other_control_characters()
    {
        Assert.True(Read(Valid.Replace("累计{接口}，", "累计{接口}，\\n")).IsValid);
        Assert.Contains("只允许换行", SingleError(Valid.Replace("累计{接口}，", "累计{接口}，\\u0007")).Message);
    }

    [Fact]
    public void A_stated_percent_that_is_the_computed_one_rounded_either_way_is_accepted()
    {
        Assert.True(Read(Valid.Replace("\"value\": 5119,", "\"value\": 5119, \"statedPercent\": 85,")).IsValid);
        Assert.True(Read(Valid.Replace("\"value\": 5119,", "\"value\": 5119, \"statedPercent\": 86,")).IsValid);
    }

    [Fact]
    public void A_key_written_twice_is_refused_instead_of_keeping_the_last()
    {
        var error = SingleError(Valid.Replace("\"year\": 2025,", "\"year\": 2025, \"year\": 2024,"));

        Assert.Contains("字段重复", error.Message);
        Assert.Equal(LineOf(Valid, "\"year\""), error.Line);
    }

    [Fact]
    public void A_file_in_gbk_is_named_as_not_utf8()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GBK").GetBytes(Valid);

        var raw = ProgramFileReader.Read("gbk.json", gbk);

        var rawError = Assert.Single(raw.Errors);
        Assert.Contains("不是 UTF-8 编码", rawError.Message);
        Assert.Equal(LineOf(Valid, "测试区"), rawError.Line);
    }
}


using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Minxin.Data;

namespace Minxin.Web.Tests;

/// <summary>The open-data contract, run against SQLite and against PostgreSQL.</summary>
public abstract class ApiContractTests(MinxinWebFactory factory)
{
    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK, string mediaType = "application/json")
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement Item(JsonElement card, string code) =>
        card.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("items").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Programs_lists_the_2025_jinnan_program()
    {
        var programs = await GetJsonAsync("/api/v1/programs");

        var program = Assert.Single(programs.EnumerateArray());
        Assert.Equal("jinnan-2025", program.GetProperty("id").GetString());
        Assert.Equal("天津市津南区", program.GetProperty("region").GetString());
        Assert.Equal(2025, program.GetProperty("year").GetInt32());
        Assert.Equal("2025年津南区民心工程", program.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_half_year_card_has_26_items_4_completed_22_in_progress()
    {
        var card = await GetJsonAsync("/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-30");

        Assert.Equal("jinnan-2025", card.GetProperty("programId").GetString());
        Assert.Equal("2025-06-30", card.GetProperty("asOf").GetString());
        var totals = card.GetProperty("totals");
        Assert.Equal(26, totals.GetProperty("items").GetInt32());
        Assert.Equal(4, totals.GetProperty("completed").GetInt32());
        Assert.Equal(22, totals.GetProperty("inProgress").GetInt32());
        Assert.Equal(0, totals.GetProperty("notStarted").GetInt32());
        Assert.Equal(0, totals.GetProperty("delayed").GetInt32());
        Assert.Equal(0, totals.GetProperty("cancelled").GetInt32());
    }

    [Fact]
    public async Task The_card_has_the_ten_categories_with_their_item_counts()
    {
        var card = await GetJsonAsync("/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-30");

        var categories = card.GetProperty("categories").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 10), categories.Select(c => c.GetProperty("number").GetInt32()));
        Assert.Equal(
            ["护苗助老贴心工程", "就医改善舒心工程", "扶弱助残暖心工程", "供热排水顺心工程", "“三微四景”连心工程",
             "惠民移居安心工程", "消防安全用心工程", "日常出行省心工程", "文体惠民润心工程", "宜业增收恒心工程"],
            categories.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([3, 3, 3, 2, 2, 3, 2, 3, 2, 3], categories.Select(c => c.GetProperty("items").GetArrayLength()));
    }

    [Fact]
    public async Task Charging_ports_are_5119_of_6000_as_numbers()
    {
        var card = await GetJsonAsync("/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-30");

        var ports = Item(card, "07-1").GetProperty("indicators").EnumerateArray()
            .Single(i => i.GetProperty("name").GetString()!.Contains("电动自行车充电接口"));
        Assert.Equal(JsonValueKind.Number, ports.GetProperty("target").ValueKind);
        Assert.Equal(6000m, ports.GetProperty("target").GetDecimal());
        Assert.Equal(5119m, ports.GetProperty("actual").GetDecimal());
        Assert.Equal("exactly", ports.GetProperty("comparator").GetString());
        Assert.Equal("2025-06-30", ports.GetProperty("actualAsOf").GetString());
        Assert.InRange(ports.GetProperty("percent").GetDecimal(), 85.3m, 85.35m);
        Assert.Equal("个", ports.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task The_completed_items_are_the_four_the_card_names()
    {
        var card = await GetJsonAsync("/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-30");

        var completed = card.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("items").EnumerateArray())
            .Where(i => i.GetProperty("status").GetString() == "completed").ToList();
        Assert.Equal(4, completed.Count);
        Assert.All(completed, i => Assert.Equal("已完成", i.GetProperty("statusText").GetString()));
        var titles = string.Join("|", completed.Select(i => i.GetProperty("title").GetString()));
        Assert.Contains("老年友善医疗机构", titles);
        Assert.Contains("双港卫生院", titles);
        Assert.Contains("冬病夏治", titles);
        Assert.Contains("津彩e就业", titles);
    }

    [Fact]
    public async Task Nothing_is_completed_as_of_the_end_of_march()
    {
        var card = await GetJsonAsync("/api/v1/programs/jinnan-2025/report-card?asOf=2025-03-31");

        Assert.Equal(0, card.GetProperty("totals").GetProperty("completed").GetInt32());
        Assert.Equal(JsonValueKind.Null, Item(card, "07-1").GetProperty("indicators")[0].GetProperty("actual").ValueKind);
    }

    [Fact]
    public async Task Without_a_date_the_card_is_as_of_the_latest_report()
    {
        var card = await GetJsonAsync("/api/v1/programs/jinnan-2025/report-card");

        Assert.Equal("2025-06-30", card.GetProperty("asOf").GetString());
        Assert.Equal("截至2025年6月底，4个子项已完成，其余22个子项正在加快推进", card.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Narratives_come_with_their_figures_and_their_report()
    {
        var card = await GetJsonAsync("/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-30");

        var item = Item(card, "07-1");
        Assert.Contains("新增电动自行车充电接口5119个，完成率85%", item.GetProperty("narrative").GetString());
        Assert.Equal("津南好", item.GetProperty("lastReport").GetProperty("submittedBy").GetString());
        Assert.Equal("2025-08-31", Item(card, "06-2").GetProperty("expectedCompletion").GetString());
    }

    [Fact]
    public async Task An_item_comes_with_all_its_approved_reports()
    {
        var item = await GetJsonAsync("/api/v1/items/jinnan-2025-07-1");

        Assert.Equal("jinnan-2025-07-1", item.GetProperty("id").GetString());
        Assert.Equal("消防安全用心工程", item.GetProperty("categoryName").GetString());
        Assert.Equal("2025-12-31", item.GetProperty("deadline").GetString());
        var report = Assert.Single(item.GetProperty("reports").EnumerateArray());
        Assert.Equal("2025-06-30", report.GetProperty("asOf").GetString());
        Assert.Equal("津南好", report.GetProperty("reviewedBy").GetString());
        Assert.Contains(report.GetProperty("values").EnumerateArray(), v => v.GetProperty("value").GetDecimal() == 5119m);
        Assert.Equal("津南好", report.GetProperty("source").GetProperty("publisher").GetString());
    }

    [Fact]
    public async Task The_card_as_csv_has_one_row_per_indicator()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api/v1/programs/jinnan-2025/report-card.csv?asOf=2025-06-30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("工程编号,工程,子项编号,子项,状态,指标,单位,目标", lines[0]);
        var card = await GetJsonAsync("/api/v1/programs/jinnan-2025/report-card?asOf=2025-06-30");
        var ports = lines.Single(l => l.Contains("既有住宅小区新增电动自行车充电接口,个,"));
        Assert.Contains(",6000,", ports);
        Assert.Contains(",5119,", ports);
        Assert.Contains(",85.32,", ports);
        var light = card.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("items").EnumerateArray())
            .Single(i => i.GetProperty("code").GetString() == "07-1").GetProperty("light");
        Assert.EndsWith($",{light.GetProperty("color").GetString()},{light.GetProperty("reason").GetString()}", ports);

        var expectedRows = card.GetProperty("categories").EnumerateArray().SelectMany(c => c.GetProperty("items").EnumerateArray())
            .Sum(i => Math.Max(1, i.GetProperty("indicators").GetArrayLength()));
        Assert.Equal(expectedRows, lines.Length - 1);
    }

    [Theory]
    [InlineData("/api/v1/programs/nowhere-2025/report-card")]
    [InlineData("/api/v1/programs/nowhere-2025/report-card.csv")]
    [InlineData("/api/v1/items/jinnan-2025-99-1")]
    [InlineData("/api/v1/items/not-an-item")]
    public async Task Unknown_programs_and_items_are_404_problem_details(string url)
    {
        var problem = await GetJsonAsync(url, HttpStatusCode.NotFound, "application/problem+json");

        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("2025-02-30")]
    [InlineData("30/06/2025")]
    [InlineData("yesterday")]
    public async Task A_malformed_date_is_a_400_problem_that_names_the_parameter(string asOf)
    {
        var problem = await GetJsonAsync($"/api/v1/programs/jinnan-2025/report-card?asOf={Uri.EscapeDataString(asOf)}", HttpStatusCode.BadRequest, "application/problem+json");

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("asOf", problem.GetProperty("parameter").GetString());
        Assert.Contains(asOf, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/programs", paths);
        Assert.Contains("/api/v1/programs/{code}/report-card", paths);
        Assert.Contains("/api/v1/programs/{code}/report-card.csv", paths);
        Assert.Contains("/api/v1/items/{id}", paths);
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ReportCardDocument", out _));
    }

    [Fact]
    public async Task The_database_was_created_and_loaded_on_first_start()
    {
        await GetJsonAsync("/api/v1/programs");

        await using var db = factory.OpenDatabase();
        Assert.Equal(26, db.Items.Count());
        Assert.Equal(1, db.Programs.Count());
        if (factory.Storage.Provider == DatabaseProvider.Sqlite)
        {
            Assert.True(File.Exists(Path.Combine(factory.Storage.DataDirectory, StorageOptions.SqliteFileName)));
        }
        Assert.Equal("2025-06-30", db.Reports.Select(r => r.AsOf).Distinct().Single().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteApiContractTests(SqliteWebFactory factory) : ApiContractTests(factory), IClassFixture<SqliteWebFactory>;

public sealed class PostgresApiContractTests(PostgresWebFactory factory) : ApiContractTests(factory), IClassFixture<PostgresWebFactory>;

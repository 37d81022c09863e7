using System.Text.Json;
using Minxin.Domain.Articles;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Importer.Tests;

/// <summary>The article `minxin report` writes for a program, read back, gives the program's own figures and statuses.</summary>
public class RoundTripTests
{
    private static readonly ProgramFile Original =
        JsonSerializer.Deserialize<ProgramFile>(File.ReadAllBytes(Repository.JinnanProgramFile), ProgramFileJson.Options)!;

    private static ProgramFile ReadBack(ArticleFormat format)
    {
        var program = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();
        var card = ReportCardCalculator.Compute(program, ReportCardCalculator.LatestReportDate(program));
        var article = ArticleFormats.Render(ArticleWriter.Write(card), format);
        return TextImporter.Import(article).Draft;
    }

    private static readonly ProgramFile Markdown = ReadBack(ArticleFormat.Markdown);

    [Fact]
    public void The_read_back_article_has_the_same_categories_and_item_wording()
    {
        Assert.Equal(Original.Categories!.Select(c => (c.Number, c.Name)), Markdown.Categories!.Select(c => (c.Number, c.Name)));
        Assert.Equal(Original.Items().Select(i => i.Title), Markdown.Items().Select(i => i.Title));
    }

    [Fact]
    public void Each_item_has_the_same_targets_with_units_and_comparators()
    {
        foreach (var (original, read) in Original.Items().Zip(Markdown.Items()))
        {
            Assert.Equal(Targets(original), Targets(read));
        }
    }

    [Fact]
    public void Target_names_keep_the_head_noun_of_the_transcribed_names()
    {
        foreach (var (original, read) in Original.Items().Zip(Markdown.Items()))
        {
            var names = read.Indicators?.Where(i => i.Target is not null).Select(i => i.Name!).ToList() ?? [];
            foreach (var (name, i) in (original.Indicators ?? []).Where(i => i.Target is not null).Select((x, i) => (x.Name!, i)))
            {
                Assert.Equal(name[^2..], names[i][^2..]);
            }
        }
    }

    [Fact]
    public void Each_item_has_the_same_figures_with_units_qualifiers_and_periods()
    {
        foreach (var (original, read) in Original.Items().Zip(Markdown.Items()))
        {
            Assert.Equal(Figures(original), Figures(read));
        }
    }

    [Fact]
    public void Figures_toward_targets_and_stated_percentages_survive()
    {
        foreach (var (original, read) in Original.Items().Zip(Markdown.Items()))
        {
            Assert.Equal(Progress(original), Progress(read));
        }
    }

    [Fact]
    public void Each_item_has_the_same_status_as_of_the_same_date()
    {
        Assert.Equal(
            Original.Items().Select(i => (i.Reports![^1].AsOf, i.Reports[^1].Status)),
            Markdown.Items().Select(i => (i.Reports![^1].AsOf, i.Reports[^1].Status)));
    }

    [Fact]
    public void The_html_article_reads_back_the_same_as_the_markdown_one()
    {
        var html = ReadBack(ArticleFormat.Html);

        Assert.Equal(Markdown.Items().Select(i => (i.Title, i.Reports![0].Status)), html.Items().Select(i => (i.Title, i.Reports![0].Status)));
        Assert.Equal(Markdown.Items().Select(Figures).SelectMany(f => f), html.Items().Select(Figures).SelectMany(f => f));
    }

    private static List<(decimal, string, string)> Targets(ItemFile item) =>
        (item.Indicators ?? []).Where(i => i.Target is not null).Select(i => (i.Target!.Value, i.Unit!, i.Comparator ?? "exactly")).ToList();

    private static List<(decimal, string, string, string)> Figures(ItemFile item) =>
        (item.Reports ?? []).SelectMany(r => (r.Values ?? []).Select(v =>
                (v.Value!.Value, item.Indicators!.Single(i => i.Key == v.Indicator).Unit!, v.Qualifier ?? "exactly", v.Period ?? "")))
            .Order().ToList();

    /// <summary>For each target: the figure reported toward it and the percentage the report states.</summary>
    private static List<(decimal, decimal?, decimal?)> Progress(ItemFile item) =>
        (item.Indicators ?? []).Where(i => i.Target is not null).Select(i =>
        {
            var value = item.Reports!.SelectMany(r => r.Values ?? []).FirstOrDefault(v => v.Indicator == i.Key);
            return (i.Target!.Value, value?.Value, value?.StatedPercent);
        }).ToList();
}

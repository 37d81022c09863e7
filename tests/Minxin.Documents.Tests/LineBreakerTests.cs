using Minxin.Documents.Rendering;

namespace Minxin.Documents.Tests;

public class LineBreakerTests
{
    private static readonly PdfFonts Fonts = new(null);

    [Fact]
    public void Chinese_breaks_between_characters_and_every_line_fits()
    {
        var font = Fonts.Font(12);
        var text = string.Concat(Enumerable.Repeat("新增婴幼儿托位、学前教育学位", 6));

        var lines = LineBreaker.Wrap(text, font, 200);

        Assert.True(lines.Count > 1);
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines.SkipLast(1), l => Assert.InRange(font.MeasureText(l), 150, 200 + font.MeasureText("，")));
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line()
    {
        var font = Fonts.Font(12);
        var text = string.Concat(Enumerable.Repeat("完成改造，推进建设。", 10));

        foreach (var width in Enumerable.Range(60, 80))
        {
            var lines = LineBreaker.Wrap(text, font, width);
            Assert.All(lines.Skip(1), l => Assert.DoesNotMatch("^[，。]", l));
        }
    }

    [Fact]
    public void A_figure_stays_whole_on_one_line()
    {
        var font = Fonts.Font(12);
        var text = "电动自行车充电接口完成5119/6000个";

        var lines = LineBreaker.Wrap(text, font, font.MeasureText("电动自行车充电接口完成5119"));

        Assert.Contains(lines, l => l.Contains("5119/6000", StringComparison.Ordinal));
    }
}

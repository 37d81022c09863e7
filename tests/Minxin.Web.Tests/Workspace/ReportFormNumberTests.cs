using Minxin.Web.Workspace.Reporting;

namespace Minxin.Web.Tests.Workspace;

/// <summary>Figures as units type them on the report form; what cannot be a figure is refused, never a 500.</summary>
public sealed class ReportFormNumberTests
{
    [Theory]
    [InlineData("5600", 5600)]
    [InlineData("5,600", 5600)]
    [InlineData("５６００", 5600)]
    [InlineData("27.91万", 279100)]
    [InlineData("1.5亿", 150000000)]
    [InlineData("-3", -3)]
    public void A_figure_is_read_in_the_indicators_base_unit(string typed, double expected)
    {
        Assert.True(ReportForm.TryParseNumber(typed, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("约五千")]
    [InlineData("")]
    [InlineData("79228162514264337593543950335亿")]
    [InlineData("79228162514264337593543950335万")]
    [InlineData("-79228162514264337593543950335亿")]
    public void What_is_no_figure_or_too_large_for_one_is_refused(string typed) =>
        Assert.False(ReportForm.TryParseNumber(typed, out _));
}

using Minxin.Domain.Quantities;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// A number with its unit as the text wrote it ("约137米", "2万余份", "85%"), the value already in the base unit
/// (1.45万人次 is 14500 人次) and the 不少于/以上/约/余 that went with it.
/// </summary>
internal sealed record Figure(Span Span, decimal Value, string Unit, Comparator Qualifier, bool ChineseNumeral)
{
    public bool IsPercent => Unit == "%";
}

using Minxin.Domain.Quantities;

namespace Minxin.Domain.Programs;

/// <summary>指标: something counted for an item, with an optional target (目标值).</summary>
public class Indicator
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public Item Item { get; set; } = null!;

    /// <summary>Unique within the item; narratives refer to the indicator as {Key}.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>The base unit: 个, 人次, 元, 亩. Values are stored in it (27.91万人次 is 279100).</summary>
    public required string Unit { get; set; }

    public decimal? Target { get; set; }

    public Comparator Comparator { get; set; }

    public Accumulation Accumulation { get; set; }

    public int Position { get; set; }
}

namespace Minxin.Domain.Programs;

/// <summary>点位 / 子工程: a named place where the item is built.</summary>
public class Site
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public Item Item { get; set; } = null!;

    /// <summary>Unique within the item.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }

    /// <summary>街镇, when known.</summary>
    public string? Town { get; set; }

    public int Position { get; set; }
}

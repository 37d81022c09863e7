namespace Minxin.Domain.Programs;

/// <summary>责任单位: a unit of a region's government that leads or co-operates on items (区住建委, 辛庄镇).</summary>
public class ResponsibleUnit
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public Region Region { get; set; } = null!;

    /// <summary>Unique within the region; chosen by the admin, or made up when an import adds the unit.</summary>
    public required string Code { get; set; }

    /// <summary>Unique within the region; data files name units by it.</summary>
    public required string Name { get; set; }

    public int? ParentId { get; set; }

    public ResponsibleUnit? Parent { get; set; }
}

/// <summary>How a unit stands to an item: it leads it (牵头) or co-operates on it (配合).</summary>
public enum UnitRole
{
    Lead,
    Cooperating,
}

/// <summary>One unit of an item, in the order the plan names them.</summary>
public class ItemUnit
{
    public int Id { get; set; }

    public int ItemId { get; set; }

    public Item Item { get; set; } = null!;

    public int UnitId { get; set; }

    public ResponsibleUnit Unit { get; set; } = null!;

    public UnitRole Role { get; set; }

    public int Position { get; set; }
}

using Minxin.Domain.Progress;

namespace Minxin.Domain.Programs;

/// <summary>子项: one commitment of the program with its official wording.</summary>
public class Item
{
    public int Id { get; set; }

    public int CategoryId { get; set; }

    public Category Category { get; set; } = null!;

    /// <summary>Position within its category, from 1.</summary>
    public int Number { get; set; }

    /// <summary>The official target wording, without the closing "。".</summary>
    public required string Title { get; set; }

    /// <summary>牵头单位 and 配合单位, in the order the plan names them.</summary>
    public List<ItemUnit> Units { get; set; } = [];

    /// <summary>牵头领导, as published.</summary>
    public string? LeadOfficial { get; set; }

    /// <summary>项目责任人, as published.</summary>
    public string? ResponsiblePerson { get; set; }

    /// <summary>When absent, the item is due by the end of the program year.</summary>
    public DateOnly? Deadline { get; set; }

    public List<Indicator> Indicators { get; set; } = [];

    public List<Site> Sites { get; set; } = [];

    public List<ProgressReport> Reports { get; set; } = [];

    /// <summary>Coordinators' overrides of its light, oldest first.</summary>
    public List<Oversight.ItemLightOverride> LightOverrides { get; set; } = [];

    /// <summary>Concurrency token of the item's plan: two coordinators never silently overwrite each other.</summary>
    public int Revision { get; set; }

    /// <summary>"07-1": category and item number, unique within the program.</summary>
    public string Code => ItemCode.Format(Category.Number, Number);

    /// <summary>牵头单位.</summary>
    public ResponsibleUnit? LeadUnit => Units.Where(u => u.Role == UnitRole.Lead).OrderBy(u => u.Position).Select(u => u.Unit).FirstOrDefault();

    /// <summary>配合单位.</summary>
    public IEnumerable<ResponsibleUnit> CooperatingUnits =>
        Units.Where(u => u.Role == UnitRole.Cooperating).OrderBy(u => u.Position).Select(u => u.Unit);

    public string? LeadUnitName => LeadUnit?.Name;

    public IReadOnlyList<string> CooperatingUnitNames => CooperatingUnits.Select(u => u.Name).ToList();

    /// <summary>Whether the unit leads or co-operates on this item: whether its reporters may report it.</summary>
    public bool Involves(int unitId) => Units.Any(u => (u.UnitId != 0 ? u.UnitId : u.Unit.Id) == unitId);

    /// <summary>Replaces the item's units: the lead first, then the co-operating ones in order.</summary>
    public void SetUnits(ResponsibleUnit? lead, IEnumerable<ResponsibleUnit> cooperating)
    {
        var wanted = (lead is null ? [] : new[] { (Unit: lead, Role: UnitRole.Lead) })
            .Concat(cooperating.Where(u => u != lead).Select(u => (Unit: u, Role: UnitRole.Cooperating)))
            .DistinctBy(u => u.Unit)
            .ToList();
        Units.RemoveAll(existing => !wanted.Any(w => Same(w.Unit, existing.Unit) && w.Role == existing.Role));
        for (var position = 0; position < wanted.Count; position++)
        {
            var (unit, role) = wanted[position];
            var link = Units.FirstOrDefault(u => Same(unit, u.Unit) && u.Role == role);
            if (link is null)
            {
                Units.Add(new ItemUnit { Item = this, Unit = unit, UnitId = unit.Id, Role = role, Position = position });
            }
            else
            {
                link.Position = position;
            }
        }
    }

    private static bool Same(ResponsibleUnit a, ResponsibleUnit? b) => ReferenceEquals(a, b) || (b is not null && a.Id != 0 && a.Id == b.Id);
}

public static class ItemCode
{
    public static string Format(int categoryNumber, int itemNumber) => $"{categoryNumber:00}-{itemNumber}";

    public static bool TryParse(string code, out int categoryNumber, out int itemNumber)
    {
        categoryNumber = itemNumber = 0;
        var parts = code.Split('-');
        return parts.Length == 2
            && int.TryParse(parts[0], out categoryNumber)
            && int.TryParse(parts[1], out itemNumber)
            && categoryNumber > 0 && itemNumber > 0;
    }
}

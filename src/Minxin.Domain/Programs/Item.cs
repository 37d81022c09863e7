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

    /// <summary>牵头单位.</summary>
    public string? LeadUnit { get; set; }

    /// <summary>配合单位.</summary>
    public List<string> CooperatingUnits { get; set; } = [];

    /// <summary>When absent, the item is due by the end of the program year.</summary>
    public DateOnly? Deadline { get; set; }

    public List<Indicator> Indicators { get; set; } = [];

    public List<Site> Sites { get; set; } = [];

    public List<ProgressReport> Reports { get; set; } = [];

    /// <summary>"07-1": category and item number, unique within the program.</summary>
    public string Code => ItemCode.Format(Category.Number, Number);
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

namespace Minxin.Domain.Programs;

/// <summary>An administrative region (区/市/省), optionally inside a parent region.</summary>
public class Region
{
    public int Id { get; set; }

    /// <summary>The national administrative division code, e.g. 120112 for 津南区.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int? ParentId { get; set; }

    public Region? Parent { get; set; }

    /// <summary>"天津市津南区": the name with its ancestors, outermost first.</summary>
    public string FullName => Parent is null ? Name : Parent.FullName + Name;

    /// <summary>
    /// "津南" for 津南区, "天津" for 天津市: the name without its level, as official document numbers abbreviate it
    /// (津南民心督〔2025〕3号). A name that would be left with one character keeps its level (城区 stays 城区).
    /// </summary>
    public string ShortName
    {
        get
        {
            foreach (var level in LevelSuffixes)
            {
                if (Name.EndsWith(level, StringComparison.Ordinal) && Name.Length - level.Length >= 2)
                {
                    return Name[..^level.Length];
                }
            }
            return Name;
        }
    }

    // Longest first, so 自治区 is not cut as 区.
    private static readonly string[] LevelSuffixes = ["特别行政区", "自治州", "自治县", "自治旗", "自治区", "新区", "省", "市", "区", "县", "旗", "州"];
}

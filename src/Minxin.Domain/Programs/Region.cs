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
}

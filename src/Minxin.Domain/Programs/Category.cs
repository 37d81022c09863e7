namespace Minxin.Domain.Programs;

/// <summary>工程: a themed group of items, e.g. "01 护苗助老贴心工程".</summary>
public class Category
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    public LivelihoodProgram Program { get; set; } = null!;

    public int Number { get; set; }

    public required string Name { get; set; }

    public List<Item> Items { get; set; } = [];

    /// <summary>"01", as the published cards number their categories.</summary>
    public string NumberText => Number.ToString("00");
}

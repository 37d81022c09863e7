namespace Minxin.Domain.Programs;

/// <summary>A published document reports were taken from, e.g. 津南好's half-year 成绩单.</summary>
public class Source
{
    public int Id { get; set; }

    public int ProgramId { get; set; }

    /// <summary>Unique within the program; reports refer to it.</summary>
    public required string Key { get; set; }

    public required string Title { get; set; }

    public required string Publisher { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? Url { get; set; }
}

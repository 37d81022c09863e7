namespace Minxin.Domain.Programs;

/// <summary>民心工程 / 民生实事: one region's livelihood projects for one year.</summary>
public class LivelihoodProgram
{
    public int Id { get; set; }

    /// <summary>Stable public identifier used in URLs and open data, e.g. "jinnan-2025".</summary>
    public required string Code { get; set; }

    public int RegionId { get; set; }

    public Region Region { get; set; } = null!;

    public int Year { get; set; }

    public required string Title { get; set; }

    public List<Category> Categories { get; set; } = [];

    /// <summary>Published documents the program's reports were taken from.</summary>
    public List<Source> Sources { get; set; } = [];

    /// <summary>Bumped on every change to the program or its reports; caches key on it.</summary>
    public long DataVersion { get; set; }

    /// <summary>Concurrency token of the program's own fields and its categories.</summary>
    public int Revision { get; set; }

    /// <summary>The editions (成绩单) published of it, each frozen.</summary>
    public List<Editions.Edition> Editions { get; set; } = [];

    /// <summary>The versions of its light rule (红黄绿灯); none means the default rule.</summary>
    public List<Oversight.ProgramLightRule> LightRules { get; set; } = [];

    public PublicationState Publication { get; set; }

    /// <summary>The service level for citizens' messages: answered within this many working days (服务时限).</summary>
    public int MessageServiceDays { get; set; } = Messages.ServiceLevel.DefaultWorkingDays;

    public DateTimeOffset? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    public bool IsPublished => Publication == PublicationState.Published;

    public DateOnly FirstDay => new(Year, 1, 1);

    public DateOnly LastDay => new(Year, 12, 31);

    public IEnumerable<Item> Items => Categories.OrderBy(c => c.Number).SelectMany(c => c.Items.OrderBy(i => i.Number));
}

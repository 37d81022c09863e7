using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Importer.Text;

namespace Minxin.Importer.Drafts;

// What the reader understood, before it is written out as a data file. Objects here are the owners that provenance
// and questions refer to; the writer turns them into JSON paths.
// Not the domain's Indicator/ProgressReport: provenance needs object identity and each figure's written span, which those EF entities cannot hold.

internal sealed class DraftProgram
{
    public string? RegionName { get; set; }

    public string? ParentRegionName { get; set; }

    public int Year { get; set; }

    /// <summary>民心工程, 民生实事, 为民办实事…: the word the text itself uses.</summary>
    public string Kind { get; set; } = "民心工程";

    public string? SourceTitle { get; set; }

    public string? Publisher { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateOnly? AsOf { get; set; }

    public List<DraftCategory> Categories { get; } = [];

    public IEnumerable<DraftItem> Items => Categories.SelectMany(c => c.Items);
}

internal sealed class DraftCategory
{
    public int Number { get; set; }

    public required string Name { get; set; }

    public List<DraftItem> Items { get; } = [];
}

internal sealed class DraftItem
{
    public required string Title { get; set; }

    public string? LeadUnit { get; set; }

    public List<string> CooperatingUnits { get; } = [];

    /// <summary>牵头领导, as published ("副区长 李某某").</summary>
    public string? LeadOfficial { get; set; }

    /// <summary>项目责任人, as published.</summary>
    public string? ResponsiblePerson { get; set; }

    public DateOnly? Deadline { get; set; }

    public List<DraftIndicator> Indicators { get; } = [];

    public List<DraftSite> Sites { get; } = [];

    public DraftReport? Report { get; set; }
}

/// <summary>指标: a target figure of the item's wording, or a figure the progress text reports.</summary>
internal sealed class DraftIndicator
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public required string Unit { get; set; }

    public decimal? Target { get; set; }

    public Comparator Comparator { get; set; }

    public Accumulation Accumulation { get; set; }
}

/// <summary>点位: a named place the progress text reports on.</summary>
internal sealed class DraftSite
{
    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? Town { get; set; }
}

internal sealed class DraftReport
{
    public ItemStatus Status { get; set; } = ItemStatus.InProgress;

    public string Narrative { get; set; } = "";

    public ExpectedDate? ExpectedCompletion { get; set; }

    public List<DraftValue> Values { get; } = [];

    public List<DraftSiteUpdate> SiteUpdates { get; } = [];
}

internal sealed class DraftValue
{
    public required DraftIndicator Indicator { get; set; }

    public decimal Value { get; set; }

    public Comparator Qualifier { get; set; }

    /// <summary>Null when the figure covers the year to the report's date.</summary>
    public Period? Period { get; set; }

    public decimal? StatedPercent { get; set; }

    /// <summary>The figure as written, to put a {key} in the narrative where it renders back the same.</summary>
    public Span? Written { get; set; }
}

internal sealed class DraftSiteUpdate
{
    public required DraftSite Site { get; set; }

    public SitePhase Phase { get; set; }

    public ExpectedDate? ExpectedCompletion { get; set; }

    public string? Note { get; set; }
}

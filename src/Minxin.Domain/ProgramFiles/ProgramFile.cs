namespace Minxin.Domain.ProgramFiles;

// The data-file format (docs/data-file.md). Property order here is the order in exported files.
// Dates, enums and timestamps are strings so the validator can say exactly what is wrong with them.

public sealed class ProgramFile
{
    public const string FormatName = "minxin-program";
    public const int CurrentVersion = 1;

    public string? Format { get; set; }

    public int FormatVersion { get; set; }

    public string? Id { get; set; }

    public RegionFile? Region { get; set; }

    public int Year { get; set; }

    public string? Title { get; set; }

    public List<SourceFile>? Sources { get; set; }

    public List<CategoryFile>? Categories { get; set; }

    /// <summary>Only in drafts read from published text: where each value came from, and what a reviewer must decide.</summary>
    public DraftFile? Draft { get; set; }
}

/// <summary>What the text importer adds to a draft: provenance of values and questions for the reviewer.</summary>
public sealed class DraftFile
{
    /// <summary>The text the draft was read from (a file name), for the reviewer.</summary>
    public string? SourceText { get; set; }

    public List<ProvenanceFile>? Provenance { get; set; }

    public List<QuestionFile>? Questions { get; set; }
}

/// <summary>The value at <see cref="Path"/> came from characters [Start, Start + Length) of the source text.</summary>
public sealed class ProvenanceFile
{
    /// <summary>JSON path of the value in this file, e.g. $.categories[6].items[0].indicators[0].target.</summary>
    public string? Path { get; set; }

    public int Start { get; set; }

    public int Length { get; set; }

    /// <summary>0 to 1: how sure the reader is of this value.</summary>
    public decimal Confidence { get; set; }
}

/// <summary>Something the importer was not sure of, for a person to decide rather than a guess.</summary>
public sealed class QuestionFile
{
    /// <summary>JSON path of the value the question is about, when there is one.</summary>
    public string? Path { get; set; }

    public int Start { get; set; }

    public int Length { get; set; }

    public string? Question { get; set; }
}

public sealed class RegionFile
{
    public string? Code { get; set; }

    public string? Name { get; set; }

    public RegionFile? Parent { get; set; }
}

public sealed class SourceFile
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? Publisher { get; set; }

    public string? PublishedAt { get; set; }

    public string? Url { get; set; }
}

public sealed class CategoryFile
{
    public int Number { get; set; }

    public string? Name { get; set; }

    public List<ItemFile>? Items { get; set; }
}

public sealed class ItemFile
{
    public int Number { get; set; }

    public string? Title { get; set; }

    public string? LeadUnit { get; set; }

    public List<string>? CooperatingUnits { get; set; }

    /// <summary>牵头领导: the official who answers for the item (a title and name as published, e.g. "副区长 王某").</summary>
    public string? LeadOfficial { get; set; }

    /// <summary>项目责任人: the person in the lead unit who runs the item, as published.</summary>
    public string? ResponsiblePerson { get; set; }

    public string? Deadline { get; set; }

    public List<IndicatorFile>? Indicators { get; set; }

    public List<SiteFile>? Sites { get; set; }

    public List<ReportFile>? Reports { get; set; }
}

public sealed class IndicatorFile
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? Unit { get; set; }

    public decimal? Target { get; set; }

    /// <summary>exactly (default), atLeast (不少于), over (以上), about (约).</summary>
    public string? Comparator { get; set; }

    /// <summary>cumulative (default) or perPeriod.</summary>
    public string? Accumulation { get; set; }
}

public sealed class SiteFile
{
    public string? Key { get; set; }

    public string? Name { get; set; }

    public string? Town { get; set; }
}

public sealed class ReportFile
{
    public string? AsOf { get; set; }

    /// <summary>1 when absent; corrections of the same date count up and carry a correctionNote.</summary>
    public int? Version { get; set; }

    public string? CorrectionNote { get; set; }

    public string? Status { get; set; }

    public string? Narrative { get; set; }

    public string? ExpectedCompletion { get; set; }

    /// <summary>Why the expected completion differs from the one reported before (the date-slip history).</summary>
    public string? ExpectedCompletionReason { get; set; }

    public List<ValueFile>? Values { get; set; }

    public List<SiteUpdateFile>? Sites { get; set; }

    public string? Source { get; set; }

    public string? SubmittedBy { get; set; }

    public string? SubmittedAt { get; set; }

    public ReviewFile? Review { get; set; }
}

public sealed class ValueFile
{
    public string? Indicator { get; set; }

    public decimal? Value { get; set; }

    /// <summary>exactly (default), over (余), about (约).</summary>
    public string? Qualifier { get; set; }

    /// <summary>"2025-01-01/2025-05-31"; when absent, from 1 January to the report's date.</summary>
    public string? Period { get; set; }

    public decimal? StatedPercent { get; set; }
}

public sealed class SiteUpdateFile
{
    public string? Site { get; set; }

    public string? Phase { get; set; }

    public string? ExpectedCompletion { get; set; }

    public string? Note { get; set; }
}

public sealed class ReviewFile
{
    public string? State { get; set; }

    public string? By { get; set; }

    public string? At { get; set; }

    public string? Note { get; set; }
}

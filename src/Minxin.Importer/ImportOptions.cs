namespace Minxin.Importer;

/// <summary>What the caller knows that the text may not say.</summary>
public sealed record ImportOptions
{
    /// <summary>When the text was published; fills in the year of "截至6月底" and dates the reports.</summary>
    public DateOnly? PublicationDate { get; init; }

    /// <summary>The program's identifier (jinnan-2025); without it the draft gets a placeholder and a question.</summary>
    public string? ProgramId { get; init; }

    /// <summary>Where the text came from (a file name), shown to the reviewer.</summary>
    public string? SourceName { get; init; }
}

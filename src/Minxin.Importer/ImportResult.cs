using Minxin.Domain.ProgramFiles;

namespace Minxin.Importer;

/// <summary>The draft read from a text: a data file with its Draft section (provenance and the reviewer's questions).</summary>
public sealed record ImportResult(ProgramFile Draft)
{
    public int ItemCount => Draft.Categories?.Sum(c => c.Items?.Count ?? 0) ?? 0;

    /// <summary>False when nothing in the text looked like a program's items: there is nothing to review.</summary>
    public bool HasItems => ItemCount > 0;

    public IReadOnlyList<QuestionFile> Questions => Draft.Draft?.Questions ?? [];
}

using Minxin.Importer.Text;

namespace Minxin.Importer.Drafts;

/// <summary>
/// Where each value came from and what the reader was unsure of, recorded against the object and field they concern;
/// the writer turns owners into JSON paths once the file's order is known.
/// </summary>
internal sealed class Evidence
{
    /// <summary>A hostile text could raise a question per line; a reviewer cannot use more than this many.</summary>
    public const int MaxQuestions = 500;

    private readonly List<Source> _sources = [];
    private readonly List<Question> _questions = [];

    public IReadOnlyList<Source> Sources => _sources;

    public IReadOnlyList<Question> Questions => _questions;

    public int DroppedQuestions { get; private set; }

    public void Found(object owner, string field, Span span, decimal confidence) =>
        _sources.Add(new Source(owner, field, span, confidence));

    public void Ask(object? owner, string? field, Span span, string question)
    {
        if (_questions.Count >= MaxQuestions)
        {
            DroppedQuestions++;
            return;
        }
        _questions.Add(new Question(owner, field, span, question));
    }

    public sealed record Source(object Owner, string Field, Span Span, decimal Confidence);

    public sealed record Question(object? Owner, string? Field, Span Span, string Text);
}

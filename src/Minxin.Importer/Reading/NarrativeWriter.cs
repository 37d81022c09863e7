using System.Text;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Quantities;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;
using DomainNarrative = Minxin.Domain.Progress.Narrative;

namespace Minxin.Importer.Reading;

/// <summary>
/// The progress text as the report's narrative, without the "目前，" and "该项目已完成。" the article adds back. A figure
/// becomes {key} where the rendered value reads exactly as the text did, so correcting the value corrects the prose.
/// Sentences made of the item's per-town tables follow it (see <see cref="BreakdownTotals"/>).
/// </summary>
internal sealed class NarrativeWriter(SourceText text, Evidence evidence)
{
    private static readonly string[] Openings = ["该项目已完成。", "该项目已完成，", "目前，", "目前,"];

    private readonly string _normalized = text.Normalized;

    public string Write(DraftReport report, List<Span> progress, List<string> notes)
    {
        var tokens = new List<(Span Where, string Token)>();
        foreach (var value in report.Values)
        {
            if (value.Written is { } written && (value.Indicator.Unit != "%" || value.StatedPercent is null)
                && ChineseNumbers.Figure(value.Value, value.Indicator.Unit, value.Qualifier) == text.Clean(written))
            {
                tokens.Add((written, DomainNarrative.Token(value.Indicator.Key)));
            }
        }
        var result = new StringBuilder();
        foreach (var piece in progress)
        {
            var start = result.Length == 0 ? AfterOpenings(piece) : piece.Start;
            foreach (var (where, token) in tokens.Where(t => t.Where.Start >= start && t.Where.End <= piece.End).OrderBy(t => t.Where.Start))
            {
                result.Append(DomainNarrative.Escape(text.Clean(Span.FromTo(start, where.Start)))).Append(token);
                start = where.End;
            }
            result.Append(DomainNarrative.Escape(text.Clean(Span.FromTo(start, piece.End))));
        }
        foreach (var note in notes)
        {
            result.Append(DomainNarrative.Escape(note));
        }
        var narrative = result.ToString().Trim();
        if (narrative.Length > FieldLimits.Narrative)
        {
            evidence.Ask(report, "narrative", progress.FirstOrDefault(), $"进展叙述超过 {FieldLimits.Narrative} 字，已截断，请核对。");
            narrative = narrative[..FieldLimits.Narrative];
        }
        return narrative;
    }

    private int AfterOpenings(Span piece)
    {
        var at = piece.Start;
        foreach (var opening in Openings)
        {
            if (_normalized.AsSpan(at, piece.End - at).StartsWith(opening, StringComparison.Ordinal))
            {
                at += opening.Length;
            }
        }
        return at;
    }
}

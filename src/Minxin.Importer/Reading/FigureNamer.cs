using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>A figure with the name the words around it give it, the words before it, and the phrase that says both.</summary>
internal sealed record NamedFigure(Figure Figure, string Name, string Before, Span Phrase);

/// <summary>
/// Names the figures of a stretch of text (see <see cref="Names"/>). 数词+量词+名词: a noun right after the measure word
/// is what is counted ("41家菜市场"); otherwise the words before the figure, back to the last clause break, name it. A
/// figure in a list ("学位540个、3360个") borrows its neighbour's noun.
/// </summary>
internal sealed class FigureNamer(SourceText text)
{
    private readonly string _normalized = text.Normalized;

    public List<NamedFigure> Name(Span range, List<Figure> figures)
    {
        var named = new List<NamedFigure>(figures.Count);
        var floor = range.Start;
        for (var k = 0; k < figures.Count; k++)
        {
            var figure = figures[k];
            var start = Math.Min(figure.Span.Start, Math.Max(floor, LastHardStop(floor, figure.Span.Start) + 1));
            var before = TextNormalizer.Clean(_normalized.AsSpan(start, figure.Span.Start - start));
            var stripped = IsListJoint(before) ? "" : Names.WithoutVerbBeforeFigure(Names.Strip(before));
            var limit = k + 1 < figures.Count ? Math.Min(range.End, figures[k + 1].Span.Start) : range.End;
            var after = figure.Span.End < limit && !Sentences.IsHardStop(_normalized[figure.Span.End]) ? Names.After(_normalized, figure.Span.End, limit) : "";
            var useAfter = after.Length >= 2;
            var name = useAfter ? after : stripped;
            var phrase = useAfter ? Span.FromTo(figure.Span.Start, figure.Span.End + after.Length) : Span.FromTo(start, figure.Span.End);
            named.Add(new NamedFigure(figure, name, before, text.Trim(phrase)));
            floor = useAfter ? figure.Span.End + after.Length : figure.Span.End;
        }
        for (var i = 0; i < named.Count; i++)
        {
            if (named[i].Name.Length > 0)
            {
                continue;
            }
            var listed = named[i].Before.Length == 0 || IsListJoint(named[i].Before);
            var neighbour = listed && i > 0 && InOneClause(named[i - 1].Figure, named[i].Figure) ? named[i - 1].Name
                : i + 1 < named.Count && InOneClause(named[i].Figure, named[i + 1].Figure) ? named[i + 1].Name
                : "";
            named[i] = named[i] with { Name = neighbour };
        }
        return named;
    }

    private static bool IsListJoint(string before) => before is "、" or "和" or "及";

    private bool InOneClause(Figure a, Figure b)
    {
        for (var i = a.Span.End; i < b.Span.Start; i++)
        {
            if (Sentences.IsHardStop(_normalized[i]))
            {
                return false;
            }
        }
        return true;
    }

    private int LastHardStop(int floor, int before)
    {
        for (var i = before - 1; i >= floor; i--)
        {
            if (Sentences.IsHardStop(_normalized[i]))
            {
                return i;
            }
        }
        return floor - 1;
    }
}

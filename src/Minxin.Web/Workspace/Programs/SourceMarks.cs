using Microsoft.AspNetCore.Html;
using Minxin.Domain.ProgramFiles;
using Minxin.Web.Shared;

namespace Minxin.Web.Workspace.Programs;

/// <summary>
/// The source text with the span of each value of the review form marked: &lt;mark id="s-N"&gt; around the characters
/// a value was read from, linking to its field; each field links back to its mark. Spans nest (an item's wording holds
/// its targets), so the text is cut at every span boundary and each piece belongs to the smallest span covering it.
/// Every piece of text is HTML-encoded on its own; nothing of the source reaches the page unencoded.
/// </summary>
public sealed class SourceMarks
{
    private readonly Dictionary<string, string> _markOfPath = new(StringComparer.Ordinal);

    private SourceMarks(IHtmlContent html) => Html = html;

    public IHtmlContent Html { get; private set; }

    /// <summary>The id of the mark of the value at <paramref name="path"/>, when the text shows where it came from.</summary>
    public string? MarkOf(string path) => _markOfPath.GetValueOrDefault(path);

    /// <param name="fieldIds">The form's fields, by path: the values to mark and where each mark links.</param>
    public static SourceMarks Render(string text, IEnumerable<ProvenanceFile> provenance, IReadOnlyDictionary<string, string> fieldIds)
    {
        // One mark per distinct span; several values may come from the same characters (an indicator's name and target).
        var spans = provenance
            .Where(p => p.Path is not null && fieldIds.ContainsKey(p.Path) && p.Length > 0 && p.Start >= 0 && p.Start + p.Length <= text.Length)
            .GroupBy(p => (p.Start, p.Length))
            .OrderBy(g => g.Key.Start).ThenByDescending(g => g.Key.Length)
            .Select((g, n) => new Span($"s-{n + 1}", g.Key.Start, g.Key.Start + g.Key.Length, fieldIds[g.First().Path!], g.Select(p => p.Path!).ToList()))
            .ToList();
        var marks = new SourceMarks(HtmlString.Empty);
        foreach (var span in spans)
        {
            foreach (var path in span.Paths)
            {
                marks._markOfPath.TryAdd(path, span.Id);
            }
        }
        var cuts = spans.SelectMany(s => new[] { s.Start, s.End }).Append(0).Append(text.Length).Distinct().Order().ToList();
        var pieces = Enumerable.Range(0, cuts.Count - 1)
            .Select(c => (From: cuts[c], To: cuts[c + 1], Owner: spans.Where(s => s.Start <= cuts[c] && s.End >= cuts[c + 1]).MinBy(s => s.End - s.Start)))
            .ToList();
        // A span wholly covered by smaller ones owns no piece; it still gets its id where it starts, for its field's link.
        var owning = pieces.Select(p => p.Owner).OfType<Span>().ToHashSet();
        var unowned = spans.Where(s => !owning.Contains(s)).ToLookup(s => s.Start);
        var html = new HtmlContentBuilder();
        var placed = new HashSet<Span>();
        foreach (var (from, to, owner) in pieces)
        {
            foreach (var anchor in unowned[from])
            {
                html.AppendHtml($"<span id=\"{anchor.Id}\"></span>");
            }
            var piece = text[from..to];
            if (owner is null)
            {
                html.Append(piece);
                continue;
            }
            html.AppendHtml(placed.Add(owner) ? $"<mark id=\"{owner.Id}\">" : "<mark>");
            html.AppendHtml($"<a href=\"#{Display.Encoder.Encode(owner.FieldId)}\">");
            html.Append(piece);
            html.AppendHtml("</a></mark>");
        }
        marks.Html = html;
        return marks;
    }

    private sealed record Span(string Id, int Start, int End, string FieldId, IReadOnlyList<string> Paths);
}

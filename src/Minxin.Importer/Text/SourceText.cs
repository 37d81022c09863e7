namespace Minxin.Importer.Text;

/// <summary>
/// The text being read. <see cref="Normalized"/> has exactly the length of the original, character for character, so a
/// position found while reading is the same position in what the user pasted: provenance spans point into the original.
/// </summary>
internal sealed class SourceText
{
    public SourceText(string original)
    {
        Normalized = TextNormalizer.Normalize(original);
        Lines = SplitLines(Normalized);
    }

    public string Normalized { get; }

    /// <summary>Non-empty lines, trimmed of surrounding white space.</summary>
    public IReadOnlyList<Span> Lines { get; }

    public int Length => Normalized.Length;

    public char this[int index] => Normalized[index];

    public string Slice(Span span) => Normalized.Substring(span.Start, span.Length);

    /// <summary>The text of a span as it goes into the draft: Simplified, without stray spaces between Chinese words.</summary>
    public string Clean(Span span) => TextNormalizer.Clean(Normalized.AsSpan(span.Start, span.Length));

    public Span Trim(Span span)
    {
        int start = span.Start, end = span.End;
        while (start < end && IsBlank(Normalized[start]))
        {
            start++;
        }
        while (end > start && IsBlank(Normalized[end - 1]))
        {
            end--;
        }
        return Span.FromTo(start, end);
    }

    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || c == '\uFEFF';

    private List<Span> SplitLines(string text)
    {
        var lines = new List<Span>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is '\n' or '\r')
            {
                var line = Trim(Span.FromTo(start, i));
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
                start = i + 1;
            }
        }
        return lines;
    }
}

namespace Minxin.Importer.Text;

/// <summary>Characters [Start, Start + Length) of the source text.</summary>
internal readonly record struct Span(int Start, int Length)
{
    public int End => Start + Length;

    public static Span FromTo(int start, int end) => new(start, Math.Max(0, end - start));

    public Span Union(Span other) => FromTo(Math.Min(Start, other.Start), Math.Max(End, other.End));
}

using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>Cutting a stretch of the text at sentence and clause marks, and finding those marks.</summary>
internal static class Sentences
{
    public static bool EndsSentence(char c) => c is '。' or '！' or '？';

    /// <summary>Marks that end what a figure's name can reach back over: a clause or a sentence.</summary>
    public static bool IsHardStop(char c) => c is '，' or '；' or '。' or '：' or '！' or '？' or '\n';

    /// <summary>The pieces of <paramref name="range"/> between the characters <paramref name="isEnd"/> accepts, trimmed, empty ones left out.</summary>
    public static IEnumerable<Span> Split(SourceText text, Span range, Func<char, bool> isEnd)
    {
        var start = range.Start;
        for (var i = range.Start; i <= range.End; i++)
        {
            if (i == range.End || isEnd(text[i]))
            {
                var piece = text.Trim(Span.FromTo(start, i));
                if (piece.Length > 0)
                {
                    yield return piece;
                }
                start = i + 1;
            }
        }
    }

    /// <summary>The end of the first clause: the first ，；or ：, else the end of the sentence.</summary>
    public static int FirstClauseEnd(string text, Span sentence)
    {
        for (var i = sentence.Start; i < sentence.End; i++)
        {
            if (text[i] is '，' or '；' or '：')
            {
                return i;
            }
        }
        return sentence.End;
    }

    /// <summary>The clause around <paramref name="index"/>, between ；, 。 or line breaks.</summary>
    public static Span ClauseAround(string text, int index)
    {
        var start = index;
        while (start > 0 && text[start - 1] is not ('。' or '；' or '\n'))
        {
            start--;
        }
        var end = index;
        while (end < text.Length && text[end] is not ('。' or '；' or '\n'))
        {
            end++;
        }
        return Span.FromTo(start, end);
    }

    /// <summary>The 。 that ends the first sentence of the line, outside brackets and quotes; -1 if none.</summary>
    public static int FirstSentenceEnd(string text, Span line)
    {
        var depth = 0;
        for (var i = line.Start; i < line.End; i++)
        {
            var c = text[i];
            if (c is '（' or '(' or '“' or '《')
            {
                depth++;
            }
            else if (c is '）' or ')' or '”' or '》')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == '。' && depth == 0)
            {
                return i;
            }
        }
        return -1;
    }
}

using System.Globalization;
using System.Text;
using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;

namespace Minxin.Domain.Search;

/// <summary>What a reader narrows a card to: a status, a category, a responsible unit, and words to find.</summary>
public sealed record ItemFilter(ItemStatus? Status = null, int? Category = null, string? Unit = null, string? Query = null)
{
    public static readonly ItemFilter None = new();

    public bool IsEmpty => Status is null && Category is null && string.IsNullOrWhiteSpace(Unit) && ItemSearch.Terms(Query).Count == 0;

    public bool Matches(ItemCard card) =>
        (Status is null || card.Status == Status)
        && (Category is null || card.Item.Category.Number == Category)
        && (string.IsNullOrWhiteSpace(Unit) || card.Item.LeadUnitName == Unit || card.Item.CooperatingUnitNames.Contains(Unit))
        && ItemSearch.Matches(card, Query);
}

/// <summary>
/// Keyword search over items. Chinese has no spaces between words, so a term matches as a substring: 充电 finds
/// 充电接口 and 充电桩. Text is normalised (full-width to half-width, case) and every term must occur somewhere in
/// the item: its wording, category, indicators, sites, units or latest narrative.
/// </summary>
public static class ItemSearch
{
    public const int MaxTerms = 8;

    public static IReadOnlyList<string> Terms(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? []
            : Normalize(query).Split([' ', ',', '，', '、'], StringSplitOptions.RemoveEmptyEntries).Distinct().Take(MaxTerms).ToList();

    public static bool Matches(ItemCard card, string? query)
    {
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return true;
        }
        var text = Normalize(SearchableText(card));
        return terms.All(t => text.Contains(t, StringComparison.Ordinal));
    }

    public static string SearchableText(ItemCard card)
    {
        var item = card.Item;
        var text = new StringBuilder()
            .AppendLine(item.Title).AppendLine(item.Category.Name).AppendLine(item.Code)
            .AppendLine(item.LeadUnitName).AppendJoin('\n', item.CooperatingUnitNames).AppendLine()
            .AppendJoin('\n', item.Indicators.Select(i => i.Name)).AppendLine()
            .AppendJoin('\n', item.Sites.Select(s => s.Name + " " + s.Town)).AppendLine();
        if (card.LatestReport is { } report)
        {
            text.AppendLine(NarrativeRenderer.PlainText(report));
        }
        return text.ToString();
    }

    /// <summary>NFKC (全角 → 半角), lower case, single spaces: how both the query and the text are compared.</summary>
    public static string Normalize(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        return string.Join(' ', normalized.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Where the terms occur in <paramref name="text"/>, as (start, length) ranges, merged and in order.</summary>
    public static IReadOnlyList<(int Start, int Length)> Highlights(string text, string? query)
    {
        var terms = Terms(query);
        if (terms.Count == 0 || text.Length == 0)
        {
            return [];
        }
        // NFKC can change lengths; highlight only when it did not, so positions stay true.
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        if (normalized.Length != text.Length)
        {
            return [];
        }
        var marks = new bool[text.Length];
        foreach (var term in terms)
        {
            for (var at = normalized.IndexOf(term, StringComparison.Ordinal); at >= 0; at = normalized.IndexOf(term, at + 1, StringComparison.Ordinal))
            {
                Array.Fill(marks, true, at, term.Length);
            }
        }
        var ranges = new List<(int, int)>();
        for (var i = 0; i < marks.Length; i++)
        {
            if (!marks[i])
            {
                continue;
            }
            var start = i;
            while (i < marks.Length && marks[i])
            {
                i++;
            }
            ranges.Add((start, i - start));
        }
        return ranges;
    }
}

using Minxin.Domain.Quantities;

namespace Minxin.Domain.Editions;

/// <summary>The Chinese wording of edition changes, one place for pages, the article and the API.</summary>
public static class EditionSentences
{
    public static string For(EditionChange change) => change.Kind switch
    {
        EditionChangeKind.Completed => "本期新完成",
        EditionChangeKind.Rose or EditionChangeKind.Fell => Figure(change),
        EditionChangeKind.TargetRevised => Target(change),
        EditionChangeKind.DateMoved => DateMoved(change),
        EditionChangeKind.NewSite => $"新增点位：{change.ToText ?? change.SiteName ?? change.SiteKey}",
        EditionChangeKind.NoNewReport => "本期无新报送",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    // "婴幼儿托位：400个 → 460个（86% → 100%），提高60个"; a first figure: "中医馆：首次报送12家（100%）".
    private static string Figure(EditionChange change)
    {
        var unit = change.Unit ?? "";
        var to = ChineseNumbers.Figure(change.ToValue ?? 0, unit);
        if (change.FromValue is not { } fromValue)
        {
            var first = change.ToPercent is { } p ? $"（{Percent(p)}）" : "";
            return $"{change.IndicatorName}：首次报送{to}{first}";
        }
        var from = ChineseNumbers.Figure(fromValue, unit);
        var percents = change.FromPercent is { } fp && change.ToPercent is { } tp ? $"（{Percent(fp)} → {Percent(tp)}）" : "";
        var difference = ChineseNumbers.Figure(Math.Abs((change.ToValue ?? 0) - fromValue), unit);
        var direction = change.Kind == EditionChangeKind.Rose ? "提高" : "下降";
        return $"{change.IndicatorName}：{from} → {to}{percents}，{direction}{difference}{WithReason(change.Reason)}";
    }

    // "新增建设高标准农田目标由3700亩调整为4000亩".
    private static string Target(EditionChange change)
    {
        var unit = change.Unit ?? "";
        return (change.FromValue, change.ToValue) switch
        {
            ({ } from, { } to) => $"{change.IndicatorName}目标由{ChineseNumbers.Figure(from, unit)}调整为{ChineseNumbers.Figure(to, unit)}",
            (null, { } to) => $"{change.IndicatorName}新设目标{ChineseNumbers.Figure(to, unit)}",
            ({ } from, null) => $"{change.IndicatorName}不再设定目标（原为{ChineseNumbers.Figure(from, unit)}）",
            _ => $"{change.IndicatorName}目标调整",
        };
    }

    // "预计完成时间由2025年9月推迟至2025年10月（原因：…）"; a site's: "南开学校敬慧路校区预计完成时间由…".
    private static string DateMoved(EditionChange change)
    {
        var from = ExpectedDate.TryParse(change.FromText, out var f) ? ChineseDates.Expected(f) : change.FromText;
        var to = ExpectedDate.TryParse(change.ToText, out var t) ? ChineseDates.Expected(t) : change.ToText;
        var direction = change.IsDelay ? "推迟至" : "提前至";
        return $"{change.SiteName}预计完成时间由{from}{direction}{to}{WithReason(change.Reason)}";
    }

    private static string Percent(decimal percent) => ChineseNumbers.Plain(percent) + "%";

    internal static string WithReason(string? reason) => string.IsNullOrWhiteSpace(reason) ? "" : $"（原因：{reason.Trim()}）";
}

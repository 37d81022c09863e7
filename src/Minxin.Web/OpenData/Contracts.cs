using Minxin.Domain;
using Minxin.Domain.Oversight;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using Minxin.Web.ReportCards;

namespace Minxin.Web.OpenData;

// The open-data contract. Changing a name or a type here breaks other systems: add, never rename.

public sealed record ProgramSummary(string Id, string Region, string RegionCode, int Year, string Title);

public sealed record ReportCardDocument(
    string ProgramId,
    string Title,
    DateOnly AsOf,
    string Headline,
    TotalsDocument Totals,
    IReadOnlyList<CategoryDocument> Categories,
    Ratings.RatingDocument? Rating = null);

public sealed record TotalsDocument(int Items, int Completed, int InProgress, int NotStarted, int Delayed, int Cancelled);

public sealed record CategoryDocument(int Number, string Name, IReadOnlyList<CardItemDocument> Items);

public sealed record CardItemDocument(
    string Id,
    int Number,
    string Code,
    string Title,
    string Status,
    string StatusText,
    IReadOnlyList<IndicatorDocument> Indicators,
    string? ExpectedCompletion,
    string? Narrative,
    ReportReference? LastReport,
    LightDocument Light);

/// <summary>
/// 红黄绿灯 as of the card's date. <c>color</c>: green, yellow, red, completed, none. <c>reason</c> says why in one
/// sentence; <c>rule</c> is the rule it was lit by (its page: <c>ruleUrl</c>). An override by a coordinator has
/// <c>overridden</c> true and keeps what the rule said in <c>ruleColor</c> and <c>ruleReason</c>.
/// </summary>
public sealed record LightDocument(
    string Color,
    string ColorText,
    string Reason,
    string Rule,
    int RuleVersion,
    string RuleUrl,
    decimal? Progress,
    decimal? Scheduled,
    decimal? Gap,
    DateOnly? Deadline,
    string? Indicator,
    bool Overridden,
    string RuleColor,
    string RuleReason);

/// <summary>
/// One indicator as of the card's date. <c>percent</c> is actual / target × 100, exact to 4 decimals;
/// pages show it floored. <c>actualAsOf</c> is the last day of the figure's own period.
/// </summary>
public sealed record IndicatorDocument(
    string Key,
    string Name,
    string Unit,
    decimal? Target,
    string Comparator,
    decimal? Actual,
    string? ActualQualifier,
    DateOnly? ActualAsOf,
    string? ActualPeriod,
    decimal? Percent,
    decimal? StatedPercent);

/// <summary>Who gave the figures and who approved them: every public number traces back to a report.</summary>
public sealed record ReportReference(DateOnly AsOf, int Version, string SubmittedBy, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? Source);

public sealed record ItemDocument(
    string Id,
    string ProgramId,
    int CategoryNumber,
    string CategoryName,
    int Number,
    string Code,
    string Title,
    string? LeadUnit,
    IReadOnlyList<string> CooperatingUnits,
    DateOnly Deadline,
    string Status,
    string StatusText,
    IReadOnlyList<IndicatorDocument> Indicators,
    IReadOnlyList<SiteDocument> Sites,
    IReadOnlyList<ReportDocument> Reports,
    LightDocument Light,
    IReadOnlyList<DateSlipDocument> DateSlips,
    Messages.MessagesDocument Messages,
    Messages.CountersDocument HelpRequests,
    Ratings.RatingDocument? Rating = null);

/// <summary>A move of the expected completion of the item (<c>site</c> null) or of one of its sites, as a report gave it.</summary>
public sealed record DateSlipDocument(string? Site, string From, string To, DateOnly ReportedOn, bool Delay, string? Reason, string Sentence);

public sealed record SiteDocument(string Key, string Name, string? Town, string? Phase, string? PhaseText, string? ExpectedCompletion, string? Note);

public sealed record ReportDocument(
    DateOnly AsOf,
    int Version,
    bool Superseded,
    string? CorrectionNote,
    string Status,
    string StatusText,
    string Narrative,
    string? ExpectedCompletion,
    IReadOnlyList<ReportValueDocument> Values,
    IReadOnlyList<SiteUpdateDocument> Sites,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    SourceDocument? Source);

public sealed record ReportValueDocument(string Indicator, decimal Value, string Unit, string Qualifier, string Period, decimal? StatedPercent);

public sealed record SiteUpdateDocument(string Site, string Phase, string PhaseText, string? ExpectedCompletion, string? Note);

public sealed record SourceDocument(string Title, string Publisher, DateTimeOffset? PublishedAt, string? Url);

internal static class Documents
{
    public static ProgramSummary Summary(LivelihoodProgram p) => new(p.Code, p.Region.FullName, p.Region.Code, p.Year, p.Title);

    public static ReportCardDocument Card(ReportCard card, CardLights lights)
    {
        var t = card.Totals;
        return new ReportCardDocument(
            card.Program.Code,
            card.Program.Title,
            card.AsOf,
            card.Headline,
            new TotalsDocument(t.Items, t.Completed, t.InProgress, t.NotStarted, t.Delayed, t.Cancelled),
            card.Categories.Select(c => new CategoryDocument(c.Number, c.Name,
                c.Items.Select(i => CardItem(card.Program, i, Light(card.Program, lights.Rule, lights[i.Item.Code]))).ToList())).ToList());
    }

    public static LightDocument Light(LivelihoodProgram program, LightRule rule, ItemLight light) => new(
        light.Color.Code(),
        light.Color.ToChinese(),
        light.Reason,
        rule.Summary,
        rule.Version,
        $"/programs/{program.Code}/lights",
        light.Progress,
        light.Scheduled,
        light.Gap,
        light.Deadline,
        light.DecidingIndicator?.Key,
        light.IsOverridden,
        light.RuleColor.Code(),
        light.RuleReason);

    private static CardItemDocument CardItem(LivelihoodProgram program, ItemCard card, LightDocument light) => new(
        PublicIds.Item(program, card.Item),
        card.Item.Number,
        card.Item.Code,
        card.Item.Title,
        EnumCodes.ToCode(card.Status),
        card.Status.ToChinese(),
        card.Indicators.Select(Indicator).ToList(),
        card.ExpectedCompletion?.ToString(),
        card.LatestReport is { } r ? NarrativeRenderer.PlainText(r) : null,
        card.LatestReport is { } latest ? Reference(latest) : null,
        light);

    public static IndicatorDocument Indicator(IndicatorProgress p) => new(
        p.Indicator.Key,
        p.Indicator.Name,
        p.Indicator.Unit,
        p.Indicator.Target,
        EnumCodes.ToCode(p.Indicator.Comparator),
        p.ActualValue,
        p.Actual is { } a ? EnumCodes.ToCode(a.Qualifier) : null,
        p.ActualPeriod?.To,
        p.ActualPeriod?.ToString(),
        p.Percent is { } percent ? decimal.Round(percent, 4) : null,
        p.Actual?.StatedPercent);

    private static ReportReference Reference(ProgressReport r) =>
        new(r.AsOf, r.Version, r.SubmittedBy, r.ReviewedBy, r.ReviewedAt, r.Source?.Title);

    public static ItemDocument Item(LivelihoodProgram program, ItemCard card, IReadOnlyList<ProgressReport> timeline, LightRule rule, ItemLight light, Messages.ItemBoard messages)
    {
        var item = card.Item;
        return new ItemDocument(
            PublicIds.Item(program, item),
            program.Code,
            item.Category.Number,
            item.Category.Name,
            item.Number,
            item.Code,
            item.Title,
            item.LeadUnitName,
            item.CooperatingUnitNames,
            item.Deadline ?? program.LastDay,
            EnumCodes.ToCode(card.Status),
            card.Status.ToChinese(),
            card.Indicators.Select(Indicator).ToList(),
            card.Sites.Select(s => new SiteDocument(s.Site.Key, s.Site.Name, s.Site.Town,
                s.Latest is null ? null : EnumCodes.ToCode(s.Latest.Phase), s.Latest?.Phase.ToChinese(),
                s.Latest?.ExpectedCompletion?.ToString(), s.Latest?.Note)).ToList(),
            timeline.Select(r => Report(r, timeline.Any(x => x.AsOf == r.AsOf && x.Version > r.Version))).ToList(),
            Light(program, rule, light),
            DateSlips.Of(item).All.Select(d => new DateSlipDocument(d.SiteKey, d.From.ToString(), d.To.ToString(), d.ReportedOn, d.IsDelay, d.Reason, d.Sentence)).ToList(),
            Messages.MessagesDocument.Of(messages),
            Messages.CountersDocument.Of(messages.HelpRequests));
    }

    private static ReportDocument Report(ProgressReport r, bool superseded) => new(
        r.AsOf,
        r.Version,
        superseded,
        r.CorrectionNote,
        EnumCodes.ToCode(r.Status),
        r.Status.ToChinese(),
        NarrativeRenderer.PlainText(r),
        r.ExpectedCompletion?.ToString(),
        r.Values.OrderBy(v => v.Indicator.Position).Select(v => new ReportValueDocument(
            v.Indicator.Key, v.Value, v.Indicator.Unit, EnumCodes.ToCode(v.Qualifier), v.Period.ToString(), v.StatedPercent)).ToList(),
        r.SiteUpdates.OrderBy(u => u.Site.Position).Select(u => new SiteUpdateDocument(
            u.Site.Key, EnumCodes.ToCode(u.Phase), u.Phase.ToChinese(), u.ExpectedCompletion?.ToString(), u.Note)).ToList(),
        r.SubmittedBy,
        r.SubmittedAt,
        r.ReviewedBy,
        r.ReviewedAt,
        r.Source is { } s ? new SourceDocument(s.Title, s.Publisher, s.PublishedAt, s.Url) : null);
}

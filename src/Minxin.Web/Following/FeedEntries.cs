using System.Text;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.ReportCards;
using Minxin.Web.Editions;
using Minxin.Web.ReportCards;

namespace Minxin.Web.Following;

public enum FeedEntryKind
{
    Report,
    Edition,
    Reply,
}

/// <summary>
/// One piece of news about a program or an item, as a feed and a subscriber's mail give it: plain text, a site path
/// (made absolute by the caller), and when it became public. Ids are stable URNs made of public identifiers only.
/// </summary>
public sealed record FeedEntry(string Id, FeedEntryKind Kind, string Title, string Content, string Path, DateTimeOffset Updated);

/// <summary>
/// A published reply to a citizen's message, as the public may see it: the question and the reply, never the sender's
/// name, contact or masked contact (they are not even read).
/// </summary>
public sealed record PublishedReply(int Id, int? ItemId, MessageKind Kind, string Question, string Reply, DateTimeOffset AnsweredAt);

/// <summary>The news of a program or one of its items: approved reports, published editions and published replies.</summary>
public static class FeedEntries
{
    public static string FeedId(LivelihoodProgram program, Item? item) =>
        item is null ? $"urn:minxin:feed:{program.Code}" : $"urn:minxin:feed:{PublicIds.Item(program, item)}";

    public static string PagePath(LivelihoodProgram program, Item? item) =>
        item is null ? $"/programs/{program.Code}" : $"/items/{PublicIds.Item(program, item)}";

    public static string FeedPath(LivelihoodProgram program, Item? item) => PagePath(program, item) + "/feed.atom";

    public static string FeedTitle(LivelihoodProgram program, Item? item) =>
        item is null ? $"{program.Title}进展更新" : $"子项{item.Code} {Shorten(item.Title, 40)}进展更新";

    /// <summary>
    /// Everything public about the program (or the item: its reports, the program's editions, its replies), newest
    /// first. <paramref name="program"/> is a public snapshot: only approved reports are in it.
    /// </summary>
    public static List<FeedEntry> Of(LivelihoodProgram program, Item? item, IEnumerable<PublishedReply> replies)
    {
        var items = item is null ? program.Items.ToList() : [item];
        var entries = new List<FeedEntry>();
        foreach (var i in items)
        {
            entries.AddRange(i.Reports.Where(r => r.IsPublic).Select(r => Report(program, i, r)));
        }
        entries.AddRange(program.Editions.Select(e => new FeedEntry(
            $"urn:minxin:{program.Code}:edition:{e.Slug}",
            FeedEntryKind.Edition,
            $"发布{e.Title}",
            $"《{program.Title}》{e.Title}已发布：数据截至{ChineseDates.Full(e.AsOf)}，发布日期{ChineseDates.Full(e.PublishedOn)}。",
            EditionViews.Path(program, e),
            e.PublishedAt)));
        var byId = program.Items.ToDictionary(i => i.Id);
        foreach (var reply in replies)
        {
            var about = reply.ItemId is { } id ? byId.GetValueOrDefault(id) : null;
            if (item is not null && about?.Id != item.Id)
            {
                continue;
            }
            entries.Add(new FeedEntry(
                $"urn:minxin:{program.Code}:reply:{reply.Id}",
                FeedEntryKind.Reply,
                $"{(about is null ? "" : $"子项{about.Code}：")}{reply.Kind.ToChinese()}的答复",
                $"问：{reply.Question}\n答：{reply.Reply}",
                PagePath(program, about),
                reply.AnsweredAt));
        }
        return entries.OrderByDescending(e => e.Updated).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    private static FeedEntry Report(LivelihoodProgram program, Item item, ProgressReport report)
    {
        var date = IsoDate.Format(report.AsOf);
        var text = new StringBuilder();
        text.Append("状态：").Append(report.Status.ToChinese()).Append('\n');
        if (report.CorrectionNote is { } note)
        {
            text.Append("更正说明：").Append(note).Append('\n');
        }
        var narrative = NarrativeRenderer.PlainText(report).Trim();
        if (narrative.Length > 0)
        {
            text.Append(narrative).Append('\n');
        }
        foreach (var value in report.Values)
        {
            text.Append(value.Indicator.Name).Append('：').Append(ChineseNumbers.Figure(value.Value, value.Indicator.Unit, value.Qualifier));
            if (Percent.Shown(value.Value, value.Indicator.Target, value.StatedPercent) is { } percent)
            {
                text.Append("（完成").Append(ChineseNumbers.Plain(percent)).Append("%）");
            }
            text.Append('\n');
        }
        text.Append("报告：").Append(report.SubmittedBy);
        if (report.ReviewedBy is { } reviewer)
        {
            text.Append(" · 审核：").Append(reviewer);
        }
        return new FeedEntry(
            $"urn:minxin:{program.Code}:report:{item.Code}:{date}:v{report.Version}",
            FeedEntryKind.Report,
            $"{item.Code} {Shorten(item.Title, 30)}：截至{ChineseDates.Full(report.AsOf)}进展{(report.Version > 1 ? "（更正）" : "")}",
            text.ToString(),
            $"/items/{PublicIds.Item(program, item)}#report-{date}-v{report.Version}",
            report.ReviewedAt ?? report.SubmittedAt);
    }

    /// <summary>The published replies of a program, read without any personal data.</summary>
    public static async Task<List<PublishedReply>> PublishedRepliesAsync(MinxinDbContext db, int programId, CancellationToken cancellationToken)
    {
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.ProgramId == programId && m.Visibility == MessageVisibility.Published && m.AnsweredAt != null && m.Reply != null)
            .Select(m => new { m.Id, m.ItemId, m.Kind, m.Text, m.Reply, m.AnsweredAt })
            .ToListAsync(cancellationToken);
        return rows.Select(m => new PublishedReply(m.Id, m.ItemId, m.Kind, m.Text, m.Reply!, m.AnsweredAt!.Value)).ToList();
    }

    public static string Shorten(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[length - 2]) ? length - 2 : length - 1;
        return text[..cut] + "…";
    }
}

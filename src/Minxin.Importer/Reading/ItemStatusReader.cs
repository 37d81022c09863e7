using Minxin.Domain.Progress;
using Minxin.Importer.Drafts;
using Minxin.Importer.Text;

namespace Minxin.Importer.Reading;

/// <summary>
/// Where an item stands: from the status group it is listed under or a table's status cell, overruled only by the
/// text's own words about the whole item ("该项目已完成"); "基本完工" and a bare "已完成" are asked about, not guessed.
/// </summary>
internal sealed class ItemStatusReader(SourceText text, Evidence evidence)
{
    private const decimal Stated = 0.9m;

    private readonly string _normalized = text.Normalized;

    public void Read(DraftReport report, RawItem raw, List<Span> progress, Span? statusCell)
    {
        var span = progress.Count > 0 ? progress[0].Union(progress[^1]) : raw.Lines.FirstOrDefault();
        report.Status = ItemStatus.InProgress;
        var confidence = 0.6m;
        if (raw.GroupStatus is { } group)
        {
            report.Status = group;
            span = raw.GroupHeading;
            confidence = Stated;
            if (raw.GroupSuspended)
            {
                evidence.Ask(report, "status", raw.GroupHeading, "原文为“暂缓”，数据文件没有暂缓状态，暂记为滞后（delayed），请确认。");
            }
        }
        if (statusCell is { Length: > 0 } cell && StatusPhrases.OfCell(text.Slice(cell)) is { } said)
        {
            report.Status = said;
            span = cell;
            confidence = Stated;
        }
        foreach (var piece in progress)
        {
            if (StatusPhrases.ItemCompletedPhrase(_normalized, piece) is { } done)
            {
                if (report.Status != ItemStatus.Completed && confidence >= Stated)
                {
                    evidence.Ask(report, "status", done, $"原文说“{text.Slice(done)}”，但它所在的分组（或状态栏）不是“已完成”，请确认状态。");
                }
                report.Status = ItemStatus.Completed;
                span = done;
                confidence = 0.95m;
                break;
            }
            if (confidence < Stated && StatusPhrases.DelayedPhrase(_normalized, piece.Start, piece.Length) is { Success: true } late)
            {
                report.Status = ItemStatus.Delayed;
                span = new Span(late.Index, late.Length);
                confidence = 0.7m;
            }
            else if (confidence < Stated && StatusPhrases.NotStartedPhrase(_normalized, piece.Start, piece.Length) is { Success: true } idle)
            {
                report.Status = ItemStatus.NotStarted;
                span = new Span(idle.Index, idle.Length);
                confidence = 0.7m;
            }
        }
        evidence.Found(report, "status", span, confidence);
        if (report.Status != ItemStatus.Completed)
        {
            AskAboutNearlyDone(report, progress);
        }
    }

    private void AskAboutNearlyDone(DraftReport report, List<Span> progress)
    {
        foreach (var piece in progress)
        {
            if (StatusPhrases.BasicallyDone(_normalized, piece.Start, piece.Length) is { Success: true } basically)
            {
                evidence.Ask(report, "status", new Span(basically.Index, basically.Length), $"原文说“{basically.Value}”，是否算该子项已完成？暂记为推进中。");
                return;
            }
            if (StatusPhrases.BareCompletedPhrase(_normalized, piece.Start, piece.Length) is { Success: true } bare)
            {
                evidence.Ask(report, "status", Sentences.ClauseAround(_normalized, bare.Index), "原文有“已完成”，但没说是整个子项还是其中一步，暂记为推进中，请确认。");
                return;
            }
        }
    }
}

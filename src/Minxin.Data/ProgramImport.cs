using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Minxin.Domain.Auditing;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Data;

/// <summary>What an import of a program file into a stored program did.</summary>
public sealed record ImportOutcome(bool Created, int PlanChanges, int ReportsAdded, int ReportsUpdated)
{
    public bool Changed => Created || PlanChanges + ReportsAdded + ReportsUpdated > 0;
}

/// <summary>An import that would rewrite what may not be rewritten; nothing was saved. Each reason names its place.</summary>
public sealed class ImportRefusedException(IReadOnlyList<string> reasons)
    : Exception("The import was refused: " + string.Join("; ", reasons))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

/// <summary>
/// Brings a stored program in line with a program read from a file, touching only what differs: categories, items,
/// indicators, sites and sources are matched by number or key and keep their ids; reports are matched by item, date
/// and version. A report in the file that is not stored is appended. A stored report is never rewritten once it was
/// submitted (a changed one is refused, naming the report and the version to add instead) and never removed; nor is
/// any part of the plan that reports refer to. All of it in one transaction: wholly old or wholly new.
/// </summary>
public static class ProgramImport
{
    /// <param name="broughtBy">
    /// Who brings the file through the workspace: each report it adds waits for review by someone else
    /// (<see cref="ReviewWorkflow.BroughtForReview"/>). Without it (the operator's `minxin import`) the file's review stands.
    /// </param>
    public static async Task<ImportOutcome> ApplyAsync(MinxinDbContext db, LivelihoodProgram incoming, bool allowPlanChanges,
        AuditEntry? audit = null, AuditAuthor? broughtBy = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var stored = await ProgramStore.LoadForChangeAsync(db, incoming.Code, cancellationToken)
                ?? throw new InvalidOperationException($"Program {incoming.Code} is not stored.");
            var sync = new Sync(db, stored, allowPlanChanges, broughtBy);
            await sync.RunAsync(incoming, cancellationToken);
            if (sync.Refusals.Count > 0)
            {
                throw new ImportRefusedException(sync.Refusals);
            }
            var outcome = new ImportOutcome(false, sync.PlanChanges, sync.ReportsAdded, sync.ReportsUpdated);
            if (outcome.Changed || sync.SourcesAdded > 0)
            {
                if (outcome.PlanChanges > 0)
                {
                    stored.Revision++;
                }
                if (audit is not null)
                {
                    audit.RegionId = stored.RegionId;
                    audit.Summary = $"{audit.Summary}（计划改动 {outcome.PlanChanges} 处，追加报告 {outcome.ReportsAdded} 份，替换草稿报告 {outcome.ReportsUpdated} 份）";
                    db.AuditLog.Add(audit);
                }
                await db.SaveWithNewDataVersionAsync([stored.Id], cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return outcome;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Adds the program when its code is new, else brings the stored one in line with it.</summary>
    public static async Task<ImportOutcome> AddOrApplyAsync(MinxinDbContext db, LivelihoodProgram incoming, PublicationState publicationIfNew,
        bool allowPlanChanges, AuditEntry? audit = null, AuditAuthor? broughtBy = null, CancellationToken cancellationToken = default)
    {
        if (!await db.Programs.AnyAsync(p => p.Code == incoming.Code, cancellationToken))
        {
            var reports = incoming.Items.Sum(i => i.Reports.Count);
            await AddAsync(db, incoming, publicationIfNew, audit, broughtBy, cancellationToken);
            return new ImportOutcome(true, 0, reports, 0);
        }
        return await ApplyAsync(db, incoming, allowPlanChanges, audit, broughtBy, cancellationToken);
    }

    /// <summary>Stores a new program from a file; with <paramref name="broughtBy"/>, its reports wait for review.</summary>
    public static Task<LivelihoodProgram> AddAsync(MinxinDbContext db, LivelihoodProgram incoming, PublicationState publication,
        AuditEntry? audit, AuditAuthor? broughtBy, CancellationToken cancellationToken = default)
    {
        if (broughtBy is not null)
        {
            foreach (var report in incoming.Items.SelectMany(i => i.Reports))
            {
                ReviewWorkflow.BroughtForReview(report, broughtBy.AsReportActor(), broughtBy.Now);
            }
        }
        return ProgramStore.AddAsync(db, incoming, publication, audit, cancellationToken);
    }

    private sealed class Sync(MinxinDbContext db, LivelihoodProgram stored, bool allowPlanChanges, AuditAuthor? broughtBy)
    {
        public List<string> Refusals { get; } = [];

        public int PlanChanges { get; private set; }

        public int ReportsAdded { get; private set; }

        public int ReportsUpdated { get; private set; }

        public int SourcesAdded { get; private set; }

        public async Task RunAsync(LivelihoodProgram incoming, CancellationToken cancellationToken)
        {
            if (incoming.Region.Code != stored.Region.Code)
            {
                Refusals.Add($"地区代码 {incoming.Region.Code} 与已存的 {stored.Region.Code} 不同：民心工程不能换到另一个地区");
                return;
            }
            await UnitDirectory.ResolveAsync(db, stored.Region, incoming.Items, cancellationToken);
            Set(stored.Title, incoming.Title, v => stored.Title = v, "标题");
            if (incoming.Year != stored.Year)
            {
                Refuse("$.year", "年度不能更改");
            }
            Sources(incoming);
            Categories(incoming);
        }

        private void Sources(LivelihoodProgram incoming)
        {
            foreach (var source in incoming.Sources)
            {
                var existing = stored.Sources.FirstOrDefault(s => s.Key == source.Key);
                if (existing is null)
                {
                    // A new source is provenance for new reports, not a change of plan.
                    stored.Sources.Add(new Source { Key = source.Key, Title = source.Title, Publisher = source.Publisher, PublishedAt = source.PublishedAt, Url = source.Url });
                    SourcesAdded++;
                    continue;
                }
                Set(existing.Title, source.Title, v => existing.Title = v, $"来源 {source.Key} 的标题");
                Set(existing.Publisher, source.Publisher, v => existing.Publisher = v, $"来源 {source.Key} 的发布单位");
                Set(existing.Url, source.Url, v => existing.Url = v, $"来源 {source.Key} 的网址");
                Set(existing.PublishedAt, source.PublishedAt, v => existing.PublishedAt = v, $"来源 {source.Key} 的发布时间");
            }
            foreach (var gone in stored.Sources.Where(s => incoming.Sources.All(x => x.Key != s.Key)).ToList())
            {
                if (stored.Items.SelectMany(i => i.Reports).Any(r => r.SourceId == gone.Id))
                {
                    Refuse($"sources[{gone.Key}]", "有报告引用此来源，不能删除");
                }
                else
                {
                    stored.Sources.Remove(gone);
                    PlanChanged();
                }
            }
        }

        private void Categories(LivelihoodProgram incoming)
        {
            foreach (var category in incoming.Categories)
            {
                var existing = stored.Categories.FirstOrDefault(c => c.Number == category.Number);
                if (existing is null)
                {
                    existing = new Category { Number = category.Number, Name = category.Name, Program = stored };
                    stored.Categories.Add(existing);
                    PlanChanged();
                }
                Set(existing.Name, category.Name, v => existing.Name = v, $"工程 {category.Number:00} 的名称");
                foreach (var item in category.Items)
                {
                    Item(existing, item);
                }
                foreach (var gone in existing.Items.Where(i => category.Items.All(x => x.Number != i.Number)).ToList())
                {
                    RemoveItem(existing, gone);
                }
            }
            foreach (var gone in stored.Categories.Where(c => incoming.Categories.All(x => x.Number != c.Number)).ToList())
            {
                foreach (var item in gone.Items.ToList())
                {
                    RemoveItem(gone, item);
                }
                if (gone.Items.Count == 0)
                {
                    stored.Categories.Remove(gone);
                    PlanChanged();
                }
            }
        }

        private void RemoveItem(Category category, Item item)
        {
            if (item.Reports.Count > 0)
            {
                Refuse($"子项 {item.Code}", "已有进展报告，不能从计划中删除");
                return;
            }
            // What oversight and citizens gave about an item stays with it: a plan edit never takes it away.
            if (item.Id != 0 && db.FollowUps.Any(f => f.ItemId == item.Id))
            {
                Refuse($"子项 {item.Code}", "已有督办，不能从计划中删除");
                return;
            }
            if (item.Id != 0 && (db.Ratings.Any(r => r.ItemId == item.Id) || db.DeputyTallies.Any(t => t.ItemId == item.Id)))
            {
                Refuse($"子项 {item.Code}", "已有满意度评价，不能从计划中删除");
                return;
            }
            category.Items.Remove(item);
            PlanChanged();
        }

        private void Item(Category category, Item incoming)
        {
            var item = category.Items.FirstOrDefault(i => i.Number == incoming.Number);
            if (item is null)
            {
                item = new Item { Number = incoming.Number, Title = incoming.Title, Category = category };
                category.Items.Add(item);
                PlanChanged();
            }
            var code = ItemCode.Format(category.Number, incoming.Number);
            Set(item.Title, incoming.Title, v => item.Title = v, $"子项 {code} 的表述");
            Set(item.LeadOfficial, incoming.LeadOfficial, v => item.LeadOfficial = v, $"子项 {code} 的牵头领导");
            Set(item.ResponsiblePerson, incoming.ResponsiblePerson, v => item.ResponsiblePerson = v, $"子项 {code} 的项目责任人");
            Set(item.Deadline, incoming.Deadline, v => item.Deadline = v, $"子项 {code} 的完成时限");
            var units = incoming.Units.OrderBy(u => u.Position).Select(u => (u.Unit.Name, u.Role)).ToList();
            if (!units.SequenceEqual(item.Units.OrderBy(u => u.Position).Select(u => (u.Unit.Name, u.Role))))
            {
                item.SetUnits(incoming.LeadUnit, incoming.CooperatingUnits);
                PlanChanged($"子项 {code} 的责任单位");
            }
            Indicators(item, incoming, code);
            Sites(item, incoming, code);
            foreach (var report in incoming.Reports)
            {
                Report(item, report, code);
            }
            if (db.Entry(item).State == EntityState.Modified)
            {
                item.Revision++;
            }
        }

        private void Indicators(Item item, Item incoming, string code)
        {
            foreach (var indicator in incoming.Indicators)
            {
                var existing = item.Indicators.FirstOrDefault(i => i.Key == indicator.Key);
                if (existing is null)
                {
                    item.Indicators.Add(new Indicator
                    {
                        Item = item, Key = indicator.Key, Name = indicator.Name, Unit = indicator.Unit, Target = indicator.Target,
                        Comparator = indicator.Comparator, Accumulation = indicator.Accumulation, Position = indicator.Position,
                    });
                    PlanChanged();
                    continue;
                }
                var hasFigures = item.Reports.Any(r => r.Values.Any(v => v.IndicatorId == existing.Id));
                if (hasFigures && (existing.Unit != indicator.Unit || existing.Accumulation != indicator.Accumulation))
                {
                    Refuse($"子项 {code} 的指标 {indicator.Key}", "已有报告的数值，计量单位和累计方式不能再改");
                    continue;
                }
                Set(existing.Name, indicator.Name, v => existing.Name = v, "");
                Set(existing.Unit, indicator.Unit, v => existing.Unit = v, "");
                if (existing.Target != indicator.Target || existing.Comparator != indicator.Comparator
                    || existing.Accumulation != indicator.Accumulation || existing.Position != indicator.Position)
                {
                    (existing.Target, existing.Comparator, existing.Accumulation, existing.Position) =
                        (indicator.Target, indicator.Comparator, indicator.Accumulation, indicator.Position);
                    PlanChanged($"子项 {code} 的指标 {indicator.Key}");
                }
            }
            foreach (var gone in item.Indicators.Where(i => incoming.Indicators.All(x => x.Key != i.Key)).ToList())
            {
                if (item.Reports.Any(r => r.Values.Any(v => v.IndicatorId == gone.Id)))
                {
                    Refuse($"子项 {code} 的指标 {gone.Key}", "已有报告的数值，不能删除");
                }
                else
                {
                    item.Indicators.Remove(gone);
                    PlanChanged();
                }
            }
        }

        private void Sites(Item item, Item incoming, string code)
        {
            foreach (var site in incoming.Sites)
            {
                var existing = item.Sites.FirstOrDefault(s => s.Key == site.Key);
                if (existing is null)
                {
                    item.Sites.Add(new Site { Item = item, Key = site.Key, Name = site.Name, Town = site.Town, Position = site.Position });
                    PlanChanged();
                    continue;
                }
                Set(existing.Name, site.Name, v => existing.Name = v, "");
                Set(existing.Town, site.Town, v => existing.Town = v, "");
                Set(existing.Position, site.Position, v => existing.Position = v, "");
            }
            foreach (var gone in item.Sites.Where(s => incoming.Sites.All(x => x.Key != s.Key)).ToList())
            {
                if (item.Reports.Any(r => r.SiteUpdates.Any(u => u.SiteId == gone.Id)))
                {
                    Refuse($"子项 {code} 的点位 {gone.Key}", "已有报告的进展，不能删除");
                }
                else
                {
                    item.Sites.Remove(gone);
                    PlanChanged();
                }
            }
        }

        private void Report(Item item, ProgressReport incoming, string code)
        {
            var existing = item.Reports.FirstOrDefault(r => r.AsOf == incoming.AsOf && r.Version == incoming.Version);
            if (existing is not null && Fingerprint(existing, withReview: broughtBy is null) == Fingerprint(incoming, withReview: broughtBy is null))
            {
                // The same report. A file brought through the workspace says nothing of its review: the stored one stands.
                return;
            }
            var where = $"子项 {code} 截至 {IsoDate.Format(incoming.AsOf)} 的第 {incoming.Version} 版报告";
            if (existing is { Review: ReviewState.Draft, SubmittedByUserId: not null })
            {
                Refuse(where, "是填报单位在工作台中尚未提交的草稿，不能被文件替换；请等它提交审核后，以下一版加入");
                return;
            }
            if (existing is not null && existing.Review != ReviewState.Draft)
            {
                var next = item.Reports.Where(r => r.AsOf == incoming.AsOf).Max(r => r.Version) + 1;
                var state = existing.Review switch
                {
                    ReviewState.Approved => "已审核通过",
                    ReviewState.Returned => "已退回填报单位",
                    _ => "正在审核",
                };
                Refuse(where, $"{state}，内容不能被改写；如需更正，请作为第 {next} 版加入并写明更正原因（correctionNote）");
                return;
            }
            var copy = new ProgressReport
            {
                Item = item,
                AsOf = incoming.AsOf,
                Version = incoming.Version,
                CorrectionNote = incoming.CorrectionNote,
                Status = incoming.Status,
                Narrative = incoming.Narrative,
                ExpectedCompletion = incoming.ExpectedCompletion,
                ExpectedCompletionReason = incoming.ExpectedCompletionReason,
                Source = incoming.Source is null ? null : stored.Sources.First(s => s.Key == incoming.Source.Key),
                SubmittedBy = incoming.SubmittedBy,
                SubmittedAt = incoming.SubmittedAt,
                Review = incoming.Review,
                ReviewedBy = incoming.ReviewedBy,
                ReviewedAt = incoming.ReviewedAt,
                ReviewNote = incoming.ReviewNote,
                Events = incoming.Events.Select(e => new ReportEvent { Action = e.Action, At = e.At, By = e.By, Note = e.Note }).ToList(),
            };
            foreach (var value in incoming.Values)
            {
                copy.Values.Add(new IndicatorValue
                {
                    Report = copy, Indicator = item.Indicators.First(i => i.Key == value.Indicator.Key), Value = value.Value,
                    Qualifier = value.Qualifier, Period = value.Period, StatedPercent = value.StatedPercent,
                });
            }
            foreach (var update in incoming.SiteUpdates)
            {
                copy.SiteUpdates.Add(new SiteUpdate
                {
                    Report = copy, Site = item.Sites.First(s => s.Key == update.Site.Key), Phase = update.Phase,
                    ExpectedCompletion = update.ExpectedCompletion, Note = update.Note,
                });
            }
            if (broughtBy is not null)
            {
                ReviewWorkflow.BroughtForReview(copy, broughtBy.AsReportActor(), broughtBy.Now);
            }
            if (existing is not null)
            {
                // A draft from a file, nobody's work in the workspace, is the file's to replace.
                db.Reports.Remove(existing);
                item.Reports.Remove(existing);
                ReportsUpdated++;
            }
            else
            {
                ReportsAdded++;
            }
            item.Reports.Add(copy);
        }

        // Two reports are the same when they write the same in a data file (its review left out, if asked).
        private static string Fingerprint(ProgressReport report, bool withReview)
        {
            var file = ProgramFileWriter.Report(report);
            if (!withReview)
            {
                file.Review = null;
            }
            return JsonSerializer.Serialize(file, ProgramFileJson.Options);
        }

        private void Set<T>(T current, T value, Action<T> set, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(current, value))
            {
                set(value);
                PlanChanged(what);
            }
        }

        private void PlanChanged(string? what = null)
        {
            if (!allowPlanChanges)
            {
                Refuse(what is { Length: > 0 } ? what : "计划", "已发布的民心工程，计划不能由文本改写；请在工作台中修改");
            }
            PlanChanges++;
        }

        private void Refuse(string where, string why) => Refusals.Add($"{where}：{why}");
    }
}

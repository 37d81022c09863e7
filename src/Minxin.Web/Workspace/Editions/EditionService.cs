using ObjectionWindow = Minxin.Web.Messages.ObjectionWindow;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Editions;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Editions;

/// <summary>What a coordinator publishes: an edition's title, its address, its as-of date and the date printed on it.</summary>
public sealed record EditionRequest(string? Title, string? Slug, string? AsOf, string? PublishedOn, int? ObjectionDays = null);

/// <summary>Publishing an edition (成绩单): the public program as of a date, frozen in one row, with its audit entry.</summary>
public sealed class EditionService(MinxinDbContext db, AuditTrail audit, TimeProvider clock, PublicChanges changes)
{
    public async Task<Edition> PublishAsync(StaffActor actor, string programCode, EditionRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        if (!IsoDate.TryParse(request.AsOf, out var asOf))
        {
            errors.Add(("asOf", $"“{request.AsOf}”不是有效日期，应为 YYYY-MM-DD，例如 2025-06-30。"));
        }
        if (!IsoDate.TryParse(request.PublishedOn, out var publishedOn))
        {
            errors.Add(("publishedOn", $"“{request.PublishedOn}”不是有效日期，应为 YYYY-MM-DD，例如 2025-07-10。"));
        }
        var objectionDays = ObjectionWindow.Check(request.ObjectionDays, errors);
        // What the public sees of it: published, approved reports only. A draft program is refused by the check.
        var program = await ProgramStore.LoadAsync(db, programCode, publicOnly: false, cancellationToken)
            ?? throw new MissingException($"没有标识为“{programCode}”的民心工程。");
        if (errors.Count == 0)
        {
            errors.AddRange(Edition.Check(program, request.Title, request.Slug?.Trim(), asOf, publishedOn, program.Editions));
        }
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var publicProgram = await ProgramStore.LoadAsync(db, programCode, publicOnly: true, cancellationToken);
        var snapshot = Edition.Freeze(publicProgram!, asOf);
        var edition = new Edition
        {
            ProgramId = program.Id,
            Slug = request.Slug!.Trim(),
            Title = request.Title!.Trim(),
            AsOf = asOf,
            PublishedOn = publishedOn,
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = actor.DisplayName,
            PublishedByUserId = actor.UserId,
            Snapshot = snapshot,
            SnapshotSha256 = Edition.Sha256(snapshot),
            ObjectionsUntil = ObjectionWindow.Until(clock, objectionDays),
        };
        edition.FreezeLights(Domain.ReportCards.ReportCardCalculator.Compute(publicProgram!, asOf));
        db.Editions.Add(edition);
        audit.Record(actor, "edition.published", $"edition:{program.Code}/{edition.Slug}",
            $"{program.Code} 发布成绩单“{edition.Title}”：数据截至 {IsoDate.Format(asOf)}，发布日期 {IsoDate.Format(publishedOn)}，快照 SHA-256 {edition.SnapshotSha256}{ObjectionWindow.AuditText(edition.ObjectionsUntil)}",
            program.RegionId);
        try
        {
            await db.SaveWithNewDataVersionAsync([program.Id], cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two coordinators published the same address at once: the unique index let one through.
            db.ChangeTracker.Clear();
            if (await db.Editions.AsNoTracking().AnyAsync(e => e.ProgramId == program.Id && e.Slug == edition.Slug, cancellationToken))
            {
                throw new InputException("slug", $"网址标识“{edition.Slug}”已被另一期成绩单使用");
            }
            throw;
        }
        changes.Evict(program.Code);
        return edition;
    }
}

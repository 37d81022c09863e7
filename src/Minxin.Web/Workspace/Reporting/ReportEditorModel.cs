using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>
/// What the new-report and the report page share: the one short form, and its save — through
/// <see cref="ReportingService"/> and <see cref="EvidenceFiles"/>, the same as the staff API. A refused form comes
/// back as it was sent, with the service's messages at their fields: 400 for input, 409 for a step the report's
/// state forbids, 412 when someone else saved in between (then with what is stored now beside it).
/// </summary>
public abstract class ReportEditorModel(MinxinDbContext db, CurrentStaff current, StaffAccess access, ReportingService reporting, EvidenceFiles evidence)
    : PageModel
{
    /// <summary>Five files of the largest size, and the form around them.</summary>
    protected const long RequestLimit = EvidenceFiles.MaxPerUpload * EvidenceFiles.MaxBytes + 1024 * 1024;

    protected MinxinDbContext Db => db;

    protected StaffAccess Access => access;

    protected ReportingService Reporting => reporting;

    [BindProperty]
    public ReportForm Form { get; set; } = new();

    /// <summary>"save" (保存草稿) or "submit" (提交审核).</summary>
    [BindProperty(Name = "intent")]
    public string? Intent { get; set; }

    public Item Item { get; protected set; } = null!;

    public DateOnly AsOf { get; protected set; }

    public ReportingRound? Round { get; protected set; }

    /// <summary>The report being edited; null for a new one.</summary>
    public ProgressReport? Report { get; protected set; }

    /// <summary>The latest approved report before this one: what the unit said last time.</summary>
    public ProgressReport? Previous { get; protected set; }

    /// <summary>The report as stored now, read again after someone else saved it in between.</summary>
    public ProgressReport? Stored { get; private set; }

    /// <summary>A new report for a date that already has an approved one: a correction, with its reason.</summary>
    public bool IsCorrection { get; protected set; }

    /// <summary>Files were chosen but the form was refused: the browser does not keep them.</summary>
    public bool FilesDropped { get; private set; }

    public FormFields Fields => new(ModelState);

    public Indicator? IndicatorOf(FigureInput row) => Item.Indicators.FirstOrDefault(i => i.Key == row.Indicator);

    public Site? SiteOf(SiteInput row) => Item.Sites.FirstOrDefault(s => s.Key == row.Site);

    public static IndicatorValue? ValueIn(ProgressReport? report, string? key) => report?.Values.FirstOrDefault(v => v.Indicator.Key == key);

    public static SiteUpdate? SiteIn(ProgressReport? report, string? key) => report?.SiteUpdates.FirstOrDefault(u => u.Site.Key == key);

    /// <summary>A figure row's period as the reports write it ("1—7月份"), or as typed when it is not a pair of dates.</summary>
    public static string PeriodWords(FigureInput row) =>
        IsoDate.TryParse(row.From, out var from) && IsoDate.TryParse(row.To, out var to) && from <= to
            ? new Period(from, to).ToChinese()
            : $"{row.From} 至 {row.To}";

    /// <summary>The latest approved report of the item as of <paramref name="asOf"/> or before (for a correction, the version it corrects).</summary>
    protected static ProgressReport? LastApproved(Item item, DateOnly asOf) =>
        item.Reports.Where(r => r.Review == ReviewState.Approved && r.AsOf <= asOf).OrderBy(r => r.AsOf).ThenBy(r => r.Version).LastOrDefault();

    /// <summary>Checks the form and its files, saves it with <paramref name="save"/>, adds the files, and submits when asked.</summary>
    protected async Task<IActionResult> SaveAsync(Func<StaffActor, ReportRequest, Task<ProgressReport>> save, CancellationToken cancellationToken)
    {
        var actor = await current.RequiredActorAsync(cancellationToken);
        var reading = Form.Read(Round?.Id, Round is null ? IsoDate.Format(AsOf) : null);
        foreach (var (field, message) in reading.Errors)
        {
            ModelState.AddModelError(field, message);
        }
        var files = await ReadFilesAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            return Refused(StatusCodes.Status400BadRequest);
        }
        var submit = Intent == "submit";
        try
        {
            var report = await save(actor, reading.Request);
            foreach (var file in files)
            {
                await evidence.AddAsync(actor, report, file, cancellationToken);
            }
            if (submit)
            {
                await reporting.SubmitAsync(actor, report, report.Revision, cancellationToken);
            }
            return Redirect($"/workspace/reports/{report.Id}?done={(submit ? "submitted" : "saved")}");
        }
        catch (InputException e)
        {
            foreach (var (field, message) in e.Errors)
            {
                ModelState.AddModelError(reading.FormField(field), message);
            }
            return Refused(StatusCodes.Status400BadRequest);
        }
        catch (ReviewRuleException e)
        {
            ModelState.AddModelError("", e.Message);
            return Refused(StatusCodes.Status409Conflict);
        }
        catch (StaleException)
        {
            // The service's words suit an API caller; here the text is kept on the page, as the notice below says.
            ModelState.AddModelError("", "在您打开之后，这份报告已被他人修改；您的内容还没有保存，见下方说明。");
            Stored = await db.Reports.AsNoTracking()
                .Include(r => r.Values).ThenInclude(v => v.Indicator)
                .Include(r => r.SiteUpdates).ThenInclude(u => u.Site)
                .Include(r => r.Events)
                .FirstAsync(r => r.Id == Report!.Id, cancellationToken);
            // The form now answers the stored revision: saving it again, after comparing, keeps this editor's text on purpose.
            Form.Revision = Stored.Revision;
            return Refused(StatusCodes.Status412PreconditionFailed);
        }
    }

    /// <summary>404 for a missing item or report, 403 for one the actor may not <paramref name="action"/>.</summary>
    protected async Task<IActionResult?> RefuseAsync(object? resource, StaffAction action) =>
        resource is null ? NotFound() : await access.MayAsync(action, resource) ? null : Forbid();

    private async Task<List<EvidenceFile>> ReadFilesAsync(CancellationToken cancellationToken)
    {
        var chosen = Request.HasFormContentType ? Request.Form.Files.GetFiles("file").Where(f => f.FileName.Length > 0).ToList() : [];
        var files = new List<EvidenceFile>();
        // Whatever happens next, a refused form loses them: the browser does not send them again.
        FilesDropped = chosen.Count > 0;
        if (chosen.Count > EvidenceFiles.MaxPerUpload)
        {
            ModelState.AddModelError("file", $"一次最多上传 {EvidenceFiles.MaxPerUpload} 个文件，您选了 {chosen.Count} 个。");
            return files;
        }
        try
        {
            EvidenceFiles.CheckRoom(Report?.Attachments.Count ?? 0, chosen.Count);
        }
        catch (InputException e)
        {
            ModelState.AddModelError("file", e.Message);
            return files;
        }
        foreach (var file in chosen)
        {
            try
            {
                await using var content = file.OpenReadStream();
                files.Add(await EvidenceFiles.ReadAsync(file.FileName, content, file.Length, cancellationToken));
            }
            catch (InputException e)
            {
                ModelState.AddModelError("file", e.Message);
            }
        }
        return files;
    }

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}

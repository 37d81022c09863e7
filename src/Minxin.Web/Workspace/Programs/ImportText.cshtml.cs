using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;
using Minxin.Domain.Staff;
using Minxin.Importer;
using Minxin.Web.Workspace.Access;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Programs;

/// <summary>
/// /workspace/programs/import-text: a published report text (pasted, or a .txt in UTF-8 or GB18030) read into a
/// draft shown beside its source, each value marked where it was read and linked both ways, the reader's questions
/// next to the values they concern. The reviewer corrects values and saves, with the same rules as
/// `minxin import-text --save` (<see cref="TextImports"/>): a new draft program, or new reports awaiting review for the
/// program of the same region and year. The text travels in the form, so nothing is kept on the server in between.
/// </summary>
[StaffAuthorize(StaffAction.EditPrograms)]
[RequestSizeLimit(4 * 1024 * 1024)]
public sealed class ImportTextModel(MinxinDbContext db, CurrentStaff current, AuditTrail audit) : PageModel
{
    /// <summary>Longer than any report of the genre by far; the reader is linear, but a page of it is not.</summary>
    public const int MaxCharacters = 300_000;

    [BindProperty(Name = "text")]
    public string? Text { get; set; }

    [BindProperty(Name = "file")]
    public IFormFile? Upload { get; set; }

    /// <summary>The uploaded file's name, carried through the review so the saved reports still say where they came from.</summary>
    [BindProperty(Name = "sourceName")]
    public string? SourceName { get; set; }

    [BindProperty(Name = "publicationDate")]
    public string? PublicationDate { get; set; }

    [BindProperty(Name = "programId")]
    public string? ProgramId { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public ProgramFile? Draft { get; private set; }

    public DraftGroup? Form { get; private set; }

    public SourceMarks? Marks { get; private set; }

    /// <summary>The stored program the text's reports would join; null when saving makes a new draft program.</summary>
    public LivelihoodProgram? Target { get; private set; }

    public bool TargetIsElsewhere { get; private set; }

    public Region Region { get; private set; } = null!;

    /// <summary>The reader's questions at the value they concern (by path), or for the draft as a whole.</summary>
    public ILookup<string, string> QuestionsAt { get; private set; } = Enumerable.Empty<string>().ToLookup(q => q);

    public IReadOnlyList<string> GeneralQuestions { get; private set; } = [];

    public IReadOnlyList<string> Refusals { get; private set; } = [];

    /// <summary>What the reviewer typed, shown again when the save was refused.</summary>
    private Dictionary<string, string>? _posted;

    public string ValueOf(DraftField field) => _posted?.GetValueOrDefault(field.Path) ?? field.Value;

    public async Task OnGetAsync() => Region = await RegionAsync();

    public async Task<IActionResult> OnPostReadAsync()
    {
        Region = await RegionAsync();
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > 2 * 1024 * 1024)
            {
                return Refuse("file", "文本文件超过 2 MB，请只上传报告正文。");
            }
            await using var stream = Upload.OpenReadStream();
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, HttpContext.RequestAborted);
            Text = TextDecoding.Decode(memory.ToArray());
            SourceName = Path.GetFileName(Upload.FileName);
        }
        if (Read() is { } refused)
        {
            return refused;
        }
        await PreviewAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        Region = await RegionAsync();
        if (Read() is { } refused)
        {
            return refused;
        }
        _posted = Request.Form.Where(f => f.Key.StartsWith('$')).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var errors = DraftForm.Apply(Form!, path => _posted.GetValueOrDefault(path));
        if (errors.Count > 0)
        {
            ModelState.Add(errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await PreviewAsync();
            return Page();
        }
        // A new program keeps its identifier in every address: the reviewer names it rather than keeping a placeholder.
        if (string.IsNullOrWhiteSpace(ProgramId) && await TextImports.TargetAsync(db, Draft!, Options(), HttpContext.RequestAborted) is null)
        {
            ModelState.AddModelError("programId", "这份文本将新建一个民心工程：请填写它的标识（如 jinnan-2025），再保存。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await PreviewAsync();
            return Page();
        }
        var actor = await current.RequiredActorAsync();
        try
        {
            var saved = await TextImports.SaveAsync(db, Draft!, Options(), audit.Author(actor), HttpContext.RequestAborted);
            Notice = saved.Kind == TextSaveKind.NewDraft
                ? $"已保存草稿《{saved.Title}》：{saved.Import.ReportsAdded} 份报告待审核。民心工程发布、报告审核通过之前，公开页面上看不到它们。"
                : $"已把 {saved.ReportsAppended} 份进展报告加入《{saved.Title}》，待审核；审核通过之前不公开，计划没有改动。";
            return Redirect($"/workspace/programs/{saved.Code}");
        }
        catch (TextSaveRefusedException e)
        {
            db.ChangeTracker.Clear();
            // A new draft's file errors are at the paths of this form's fields; the rest are listed as they are.
            var paths = DraftForm.All(Form!).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            var atFields = e.FileErrors.Where(f => paths.Contains(f.Path)).ToList();
            ModelState.Add(atFields.Select(f => (f.Path, f.Message)));
            ModelState.AddModelError("", e.Message);
            Refusals = e.Why == TextSaveRefusal.InvalidFile ? e.FileErrors.Except(atFields).Select(f => f.ToString()).ToList() : e.Reasons;
            Response.StatusCode = e.Why == TextSaveRefusal.InvalidFile ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            // The draft was adjusted for saving (region, id); read it again as the reviewer left it.
            Read();
            DraftForm.Apply(Form!, path => _posted.GetValueOrDefault(path));
            await PreviewAsync();
            return Page();
        }
    }

    /// <summary>Reads the text into the draft and its form; null, or the page saying what is wrong with the input.</summary>
    private PageResult? Read()
    {
        Text = Text?.ReplaceLineEndings("\n");
        DateOnly? publicationDate = null;
        if (!string.IsNullOrWhiteSpace(PublicationDate))
        {
            if (!IsoDate.TryParse(PublicationDate.Trim(), out var date))
            {
                return Refuse("publicationDate", $"“{PublicationDate.Trim()}”不是有效日期，应为 YYYY-MM-DD，如 2025-07-17。");
            }
            publicationDate = date;
        }
        var id = string.IsNullOrWhiteSpace(ProgramId) ? null : ProgramId.Trim();
        if (id is not null && !ProgramFileReader.IsProgramCode(id))
        {
            return Refuse("programId", $"标识“{id}”无效：只能用小写字母、数字和连字符，如 jinnan-2025。");
        }
        if (string.IsNullOrWhiteSpace(Text))
        {
            return Refuse("text", "请粘贴报告正文，或选择一个 .txt 文件。");
        }
        if (Text.Length > MaxCharacters)
        {
            return Refuse("text", $"文本有 {Text.Length} 个字符，超过了 {MaxCharacters} 个的上限；请只粘贴报告正文。");
        }
        SourceName = SourceName is { Length: > 0 } name && name.Length <= 200 && !name.Any(char.IsControl) ? name : null;
        var result = TextImporter.Import(Text, new ImportOptions { PublicationDate = publicationDate, ProgramId = id, SourceName = SourceName });
        if (!result.HasItems)
        {
            return Refuse("text", "没有读出任何民心工程子项（需要工程标题和其下的子项，如“01  护苗助老贴心工程”下的各段），请检查粘贴的内容。");
        }
        Draft = result.Draft;
        Form = DraftForm.Build(Draft);
        return null;
    }

    private async Task PreviewAsync()
    {
        var fields = DraftForm.All(Form!).ToList();
        Marks = SourceMarks.Render(Text!, Draft!.Draft?.Provenance ?? [], fields.ToDictionary(f => f.Path, f => FormFields.Id(f.Path), StringComparer.Ordinal));
        var paths = fields.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var groups = Groups(Form!).Select(g => g.Path).ToList();
        var placed = new List<(string Path, string Question)>();
        var general = new List<string>();
        if (Draft.Region?.Name is { } named && named != Region.Name)
        {
            general.Add($"原文的地区是“{named}”，与您所在的“{Region.Name}”不同：保存后它属于{Region.Name}。");
        }
        // The region is the coordinator's and the identifier has its own field: the reader's questions on them do not apply here.
        foreach (var question in (Draft.Draft?.Questions ?? []).Where(q => q.Path is not ("$.id" or "$.region.code")))
        {
            var at = question.Path is { } p && paths.Contains(p) ? p
                : groups.Where(g => question.Path?.StartsWith(g + ".", StringComparison.Ordinal) == true).MaxBy(g => g.Length);
            if (at is null || at == "$")
            {
                general.Add(question.Question ?? "");
            }
            else
            {
                placed.Add((at, question.Question ?? ""));
            }
        }
        QuestionsAt = placed.ToLookup(q => q.Path, q => q.Question, StringComparer.Ordinal);
        GeneralQuestions = general;
        Target = await TextImports.TargetAsync(db, Draft, Options(), HttpContext.RequestAborted);
        TargetIsElsewhere = Target is not null && Target.RegionId != Region.Id;
    }

    private static IEnumerable<DraftGroup> Groups(DraftGroup group) => group.Children.SelectMany(Groups).Prepend(group);

    private TextImports.Options Options() => new(FindProgram: string.IsNullOrWhiteSpace(ProgramId), Replace: false, Region);

    private async Task<Region> RegionAsync()
    {
        var actor = await current.RequiredActorAsync();
        return await db.Regions.AsNoTracking().Include(r => r.Parent).FirstAsync(r => r.Id == actor.RegionId);
    }

    private PageResult Refuse(string field, string message)
    {
        ModelState.AddModelError(field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Draft = null;
        Form = null;
        return Page();
    }

    /// <summary>Whether the review shows the text and its options open: an option is wrong, or a new program still needs its identifier.</summary>
    public bool OptionsNeeded => OptionFields.Any(k => ModelState.TryGetValue(k, out var e) && e.Errors.Count > 0)
        || (Target is null && string.IsNullOrWhiteSpace(ProgramId));

    private static readonly string[] OptionFields = ["text", "publicationDate", "programId"];

    public int ReportCount => (Draft?.Categories ?? []).SelectMany(c => c.Items ?? []).Sum(i => i.Reports?.Count ?? 0);
}

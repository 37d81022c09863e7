using System.Security.Cryptography;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Audit;
using SkiaSharp;

namespace Minxin.Web.Workspace.Reporting;

/// <summary>
/// Photos and PDFs a unit attaches to a report as evidence, kept in the database (every node sees them) and shown to
/// staff only. Images are decoded and encoded again, which drops their metadata (EXIF, GPS position, camera, author)
/// and anything hidden after the picture; a file that does not decode as the image it claims to be is refused.
/// </summary>
public sealed class EvidenceFiles(MinxinDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxPerReport = 20;
    public const int MaxPixels = 40_000_000;

    /// <summary>What is accepted, by the type the bytes themselves show.</summary>
    public const string Accepted = "JPEG、PNG、WebP 图片或 PDF 文件";

    /// <summary>Most files one form submission may carry (each up to <see cref="MaxBytes"/>); the page's request limit follows from it.</summary>
    public const int MaxPerUpload = 5;

    public async Task<Attachment> AddAsync(StaffActor actor, ProgressReport report, string fileName, Stream content, long length, CancellationToken cancellationToken)
    {
        // Refused before the bytes are read when the report cannot take them.
        ReviewWorkflow.RequireEditable(report);
        CheckRoom(report.Attachments.Count, 1);
        return await AddAsync(actor, report, await ReadAsync(fileName, content, length, cancellationToken), cancellationToken);
    }

    /// <summary>Refuses more files than a report may hold.</summary>
    public static void CheckRoom(int attached, int adding)
    {
        if (attached + adding > MaxPerReport)
        {
            throw new InputException("file", attached == 0
                ? $"一份报告最多附 {MaxPerReport} 个文件。"
                : $"一份报告最多附 {MaxPerReport} 个文件，这份报告已有 {attached} 个。");
        }
    }

    /// <summary>
    /// Checks one file and makes it ready to store (images re-encoded), before anything is saved: a form can then
    /// refuse a bad file without having saved the report it came with.
    /// </summary>
    public static async Task<EvidenceFile> ReadAsync(string fileName, Stream content, long length, CancellationToken cancellationToken)
    {
        if (length > MaxBytes)
        {
            throw new InputException("file", $"文件“{Clean(fileName)}”有 {Math.Ceiling(length * 10 / 1024.0 / 1024.0) / 10:0.#} MB，超过了 {MaxBytes / 1024 / 1024} MB 的上限。");
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0 || buffer.Length > MaxBytes)
        {
            throw new InputException("file", buffer.Length == 0 ? $"文件“{Clean(fileName)}”是空的。" : $"文件“{Clean(fileName)}”超过了 {MaxBytes / 1024 / 1024} MB 的上限。");
        }
        var (bytes, contentType, extension) = Normalize(buffer.ToArray(), fileName);
        return new EvidenceFile(Path.ChangeExtension(Clean(fileName), extension), contentType, bytes);
    }

    public async Task<Attachment> AddAsync(StaffActor actor, ProgressReport report, EvidenceFile file, CancellationToken cancellationToken)
    {
        ReviewWorkflow.RequireEditable(report);
        CheckRoom(report.Attachments.Count, 1);
        var attachment = new Attachment
        {
            ReportId = report.Id,
            FileName = file.FileName,
            ContentType = file.ContentType,
            Length = file.Bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Bytes)),
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = actor.AsReportActor().Name,
            UploadedByUserId = actor.UserId,
            Content = new AttachmentContent { Bytes = file.Bytes },
        };
        report.Attachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(actor, "report.attachment-added", ReportingService.Subject(report), $"为报告附上“{file.FileName}”（{file.ContentType}，{file.Bytes.Length} 字节）",
            report.Item.Category.Program.RegionId);
        await db.SaveChangesAsync(cancellationToken);
        return attachment;
    }

    private static (byte[] Bytes, string ContentType, string Extension) Normalize(byte[] bytes, string fileName)
    {
        if (bytes.AsSpan().StartsWith("%PDF-"u8))
        {
            return (bytes, "application/pdf", ".pdf");
        }
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
        {
            throw new InputException("file", $"文件“{Clean(fileName)}”不是可用的{Accepted}（按文件内容判断，而不是扩展名）。");
        }
        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            throw new InputException("file", $"图片“{Clean(fileName)}”有 {codec.Info.Width}×{codec.Info.Height} 像素，超过了 4000 万像素的上限。");
        }
        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null)
        {
            throw new InputException("file", $"图片“{Clean(fileName)}”已损坏，无法读取。");
        }
        // Photos are shown the way the camera held them, since the orientation tag goes with the metadata.
        using var upright = Upright(bitmap, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        var png = codec.EncodedFormat == SKEncodedImageFormat.Png;
        using var data = image.Encode(png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 88);
        return (data.ToArray(), png ? "image/png" : "image/jpeg", png ? ".png" : ".jpg");
    }

    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return bitmap.Copy();
        }
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var rotated = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(rotated);
        var (w, h) = (rotated.Width, rotated.Height);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return rotated;
    }

    /// <summary>The name without folders, control characters or characters file systems refuse.</summary>
    public static string Clean(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (name.Length > 120)
        {
            name = name[..120];
        }
        return name.Length == 0 ? "附件" : name;
    }
}

/// <summary>A checked file ready to store: its cleaned name, the type its bytes show, and the bytes (images re-encoded).</summary>
public sealed record EvidenceFile(string FileName, string ContentType, byte[] Bytes);

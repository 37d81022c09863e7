namespace Minxin.Domain.Progress;

/// <summary>A photo or document a unit gave as evidence for a report. Staff only: never on a public page.</summary>
public class Attachment
{
    public int Id { get; set; }

    public int ReportId { get; set; }

    /// <summary>The name as uploaded, cleaned of paths and control characters.</summary>
    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Length { get; set; }

    /// <summary>SHA-256 of the stored bytes, hex.</summary>
    public required string Sha256 { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public required string UploadedBy { get; set; }

    public int? UploadedByUserId { get; set; }

    /// <summary>The stored bytes (images re-encoded without their metadata); loaded only when the file is read.</summary>
    public AttachmentContent? Content { get; set; }
}

public class AttachmentContent
{
    public int AttachmentId { get; set; }

    public required byte[] Bytes { get; set; }
}

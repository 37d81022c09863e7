using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Spreadsheets;

/// <summary>One refused cell of an uploaded sheet, as the API lists it.</summary>
public sealed record SheetErrorDocument(string Sheet, int Row, string Column, string Header, string Message);

/// <summary>What an accepted upload saved.</summary>
public sealed record SheetSavedDocument(int RoundId, int Created, int Updated);

/// <summary>
/// The spreadsheets through the staff API: a reporter's sheet of a round (download, upload as multipart field
/// <c>file</c>), and a program's sheet for its coordinators. A refused upload is a 400 ProblemDetails whose
/// <c>errors</c> lists every cell: sheet, row, column letter, header, message.
/// </summary>
public static class SpreadsheetApi
{
    public static RouteGroupBuilder MapSpreadsheetApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rounds/{roundId:int}/sheet", DownloadRoundSheet).RequireAuthorization(StaffPolicies.For(StaffAction.WriteReports))
            .WithSummary("下载本单位本轮的填报表（xlsx）");
        api.MapPost("/rounds/{roundId:int}/sheet", UploadRoundSheet).RequireAuthorization(StaffPolicies.For(StaffAction.WriteReports))
            .WithMetadata(new RequestSizeLimitAttribute(UnitSheetService.MaxBytes + 64 * 1024))
            .WithSummary("上传填好的填报表（multipart，字段 file）：无错误时存为草稿，有错误时逐格列出，什么都不保存");
        api.MapGet("/programs/{programId}/sheet", DownloadProgramSheet).RequireAuthorization(StaffPolicies.For(StaffAction.ViewPrograms))
            .WithSummary("下载民心工程全部子项的进展表（xlsx，民心办）");
        return api;
    }

    private static async Task<FileContentHttpResult> DownloadRoundSheet(int roundId, MinxinDbContext db, StaffAccess access, CurrentStaff current,
        UnitSheetService sheets, CancellationToken cancellationToken)
    {
        var round = await RoundAsync(db, roundId, access, cancellationToken);
        var actor = await current.RequiredActorAsync(cancellationToken);
        var bytes = await sheets.DownloadAsync(actor, round, cancellationToken);
        return TypedResults.File(bytes, Workbooks.ContentType, UnitSheet.FileName(round, actor.UnitName));
    }

    // The form is read after the access check, so a caller who may not write learns nothing from its body.
    private static async Task<Results<Ok<SheetSavedDocument>, ProblemHttpResult>> UploadRoundSheet(int roundId, HttpRequest request, MinxinDbContext db,
        StaffAccess access, CurrentStaff current, UnitSheetService sheets, CancellationToken cancellationToken)
    {
        var round = await RoundAsync(db, roundId, access, cancellationToken);
        if (!request.HasFormContentType)
        {
            throw new InputException("file", "请用 multipart/form-data 上传，填报表放在字段 file 中。");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? throw new InputException("file", "没有收到文件：请把填报表放在字段 file 中。");
        await using var content = file.OpenReadStream();
        var result = await sheets.UploadAsync(await current.RequiredActorAsync(cancellationToken), round, content, file.Length, cancellationToken);
        if (result.Saved)
        {
            return TypedResults.Ok(new SheetSavedDocument(round.Id, result.Created, result.Updated));
        }
        return TypedResults.Problem(
            title: "填报表有误，什么都没有保存",
            detail: string.Join("；", result.Errors.Take(20).Select(e => e.ToString())),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = result.Errors.Select(e => new SheetErrorDocument(e.Sheet, e.Row, e.Column, e.Header, e.Message)).ToList(),
            });
    }

    private static async Task<FileContentHttpResult> DownloadProgramSheet(string programId, MinxinDbContext db, StaffAccess access, CancellationToken cancellationToken)
    {
        var program = await db.Programs.AsNoTracking().Include(p => p.Region).FirstOrDefaultAsync(p => p.Code == programId, cancellationToken)
            ?? throw new MissingException($"没有标识为“{programId}”的民心工程。");
        if (!await access.MayAsync(StaffAction.ViewPrograms, program))
        {
            throw new ForbiddenException();
        }
        return TypedResults.File(await ProgramSheets.WriteAsync(db, program, cancellationToken), Workbooks.ContentType, ProgramSheet.FileName(program));
    }

    private static async Task<ReportingRound> RoundAsync(MinxinDbContext db, int roundId, StaffAccess access, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Program).FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new MissingException($"没有编号为 {roundId} 的报送轮次。");
        if (!await access.MayAsync(StaffAction.WriteReports, round))
        {
            throw new ForbiddenException();
        }
        return round;
    }
}

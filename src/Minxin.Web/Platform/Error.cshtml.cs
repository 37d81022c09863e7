using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Minxin.Web.Platform;

/// <summary>
/// Every error a reader can meet, in plain Chinese; never a stack trace. It has no handler, so it renders for any
/// method: the pipeline shows it with the method of the request that failed.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The status being explained: the response's when shown for an error, else ?status= (500 without one).</summary>
    private int Status => Response.StatusCode >= 400 ? Response.StatusCode
        : int.TryParse(Request.Query["status"], out var status) ? status : StatusCodes.Status500InternalServerError;

    public string Heading => ErrorTexts.Of(Status).Title;

    public string Explanation => ErrorTexts.Of(Status).Detail;
}

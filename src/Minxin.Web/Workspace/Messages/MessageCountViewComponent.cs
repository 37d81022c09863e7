using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Minxin.Web.Workspace.Access;

namespace Minxin.Web.Workspace.Messages;

/// <summary>"待处理留言N条，其中逾期M条" with a link to the inbox, on the to-do list of those who answer messages; nothing when none wait.</summary>
public sealed class MessageCountViewComponent(CurrentStaff current, MessageService messages) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var actor = await current.ActorAsync(HttpContext.RequestAborted);
        if (actor is null)
        {
            return Content("");
        }
        var (waiting, overdue) = await messages.WaitingAsync(actor, HttpContext.RequestAborted);
        return waiting == 0 ? Content("") : View("/Workspace/Messages/_MessageCount.cshtml", (waiting, overdue));
    }
}

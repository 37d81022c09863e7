using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Minxin.Web.Platform;

/// <summary>Every error a reader can meet, in plain Chinese; never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet([FromQuery] int? status) => Describe(status ?? StatusCodes.Status500InternalServerError);

    public void OnPost([FromQuery] int? status) => Describe(status ?? StatusCodes.Status500InternalServerError);

    private void Describe(int status)
    {
        (Heading, Explanation) = status switch
        {
            404 => ("页面不存在", "您要找的页面不存在，可能是链接有误，或者该内容已经调整。"),
            400 => ("请求有误", "提交的内容有误，请返回检查后再试。"),
            403 => ("没有权限", "您没有查看此页面的权限。"),
            405 => ("请求方式有误", "此页面不支持这种访问方式。"),
            429 => ("访问过于频繁", "请稍等片刻再试。"),
            _ => ("系统暂时出错", "系统暂时出现问题，我们已记录下来，请稍后再试。"),
        };
    }
}

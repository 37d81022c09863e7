using System.Text;
using Microsoft.AspNetCore.Html;
using Minxin.Domain.Messages;
using Minxin.Web.Shared;

namespace Minxin.Web.Messages;

/// <summary>How the public pages word messages, help requests and objections, in one place.</summary>
public static class MessageWords
{
    /// <summary>Who answers a message about the program as a whole.</summary>
    public const string Coordinators = "民心办";

    /// <summary>Who the office asking for consent is, in the consent line.</summary>
    public const string Office = "民心工程责任单位和民心办";

    public const string WrongPair = "回执号或联系方式不正确。请核对回执号（如 LY20250801-123456）和提交时填写的联系方式。";

    public const string HoneypotRefused = "提交未成功：表单中一个供识别自动程序的隐藏栏被填写了（可能是浏览器自动填充）。您填写的内容已保留，请直接再次提交。";

    public const string WindowClosed = "本期成绩单的公示期已结束，不再接收异议。如有意见，可在子项页面留言。";

    public static string ContactLimited(int perHour) =>
        $"同一联系方式一小时内最多提交{perHour}条，已达上限，本次未保存。请稍后再试，或拨打12345热线。";

    public static string Noun(MessageKind kind) => kind switch
    {
        MessageKind.HelpRequest => "帮办申请",
        MessageKind.Objection => "异议",
        _ => "留言",
    };

    /// <summary>
    /// A citizen's text as HTML: encoded, line breaks kept as &lt;br&gt;. Links stay text (never an &lt;a&gt;), so a
    /// message cannot carry a reader anywhere.
    /// </summary>
    public static IHtmlContent PlainText(string text)
    {
        var html = new StringBuilder(text.Length + 16);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                html.Append("<br>");
            }
            html.Append(Display.Encoder.Encode(lines[i]));
        }
        return new HtmlString(html.ToString());
    }

    /// <summary>"2025年8月8日（星期五）".</summary>
    public static string DueDate(DateOnly date) => $"{Display.Date(date)}（{Weekday(date.DayOfWeek)}）";

    private static string Weekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "星期一",
        DayOfWeek.Tuesday => "星期二",
        DayOfWeek.Wednesday => "星期三",
        DayOfWeek.Thursday => "星期四",
        DayOfWeek.Friday => "星期五",
        DayOfWeek.Saturday => "星期六",
        _ => "星期日",
    };
}

using System.Security.Cryptography;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Messages;

/// <summary>A form field that is wrong, named as the form names it, with what to do in Chinese.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>
/// What a reader typed into a message, help-request or objection form, checked. The field names are the public
/// contract (<c>message</c>, <c>name</c>, <c>contact</c>, <c>kind</c>, <c>consent</c>), so that other front ends
/// such as the district's WeChat mini-program post the same form.
/// </summary>
public sealed record MessageSubmission(MessageKind Kind, string Text, string? Name, bool ShowName, string Contact)
{
    public const string MessageField = "message";
    public const string NameField = "name";
    public const string ContactField = "contact";
    public const string KindField = "kind";
    public const string ConsentField = "consent";
    public const string ShowNameField = "showName";

    /// <summary>Left empty by people, filled in by bots that fill in every field: such a post is dropped quietly.</summary>
    public const string HoneypotField = "website";

    /// <summary>
    /// The submission, or the problems with it, field by field. <paramref name="fixedKind"/> is the kind of a form
    /// that has only one (help requests, objections); otherwise <paramref name="kind"/> must be one of the
    /// <see cref="MessageText.FormKinds"/> codes.
    /// </summary>
    public static MessageSubmission? Check(string? message, string? name, string? contact, string? kind, string? consent, string? showName,
        MessageKind? fixedKind, out IReadOnlyList<FieldProblem> problems)
    {
        var found = new List<FieldProblem>();
        var text = (message ?? "").Trim();
        if (text.Length == 0)
        {
            found.Add(new(MessageField, "请填写留言内容。"));
        }
        else if (text.Length > MessageText.MaxTextLength)
        {
            found.Add(new(MessageField, $"留言内容不能超过{MessageText.MaxTextLength}字，现为{text.Length}字。"));
        }
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            found.Add(new(MessageField, "留言内容含有无法显示的控制字符，请删除后重试。"));
        }
        var trimmedName = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (trimmedName is { Length: > MessageText.MaxNameLength })
        {
            found.Add(new(NameField, $"姓名不能超过{MessageText.MaxNameLength}个字。"));
        }
        else if (trimmedName is not null && trimmedName.Any(char.IsControl))
        {
            found.Add(new(NameField, "姓名含有无法显示的字符。"));
        }
        var normalized = ContactDetails.Normalize(contact, out var contactProblem);
        if (contactProblem is not null)
        {
            found.Add(new(ContactField, contactProblem));
        }
        MessageKind chosen;
        if (fixedKind is { } only)
        {
            chosen = only;
        }
        else if (!EnumCodes.TryParse(kind, out chosen) || !MessageText.FormKinds.Contains(chosen))
        {
            found.Add(new(KindField, "请选择留言类别：意见建议、问题反映或表扬。"));
        }
        if (!IsChecked(consent))
        {
            found.Add(new(ConsentField, "请阅读并勾选个人信息使用说明，我们才能保存您的联系方式并答复您。"));
        }
        problems = found;
        return found.Count == 0 ? new MessageSubmission(chosen, text, trimmedName, trimmedName is not null && IsChecked(showName), normalized!) : null;
    }

    private static bool IsChecked(string? value) => value is "on" or "true" or "yes" or "1";

    /// <summary>
    /// A receipt number: the kind's letters, the date and six random digits (LY20251203-482715). It is not a secret
    /// by itself: a lookup needs the contact as well.
    /// </summary>
    public static string NewReceiptNumber(MessageKind kind, DateOnly receivedOn) =>
        $"{Prefix(kind)}{receivedOn:yyyyMMdd}-{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}";

    private static string Prefix(MessageKind kind) => kind switch
    {
        MessageKind.HelpRequest => "BB",
        MessageKind.Objection => "YY",
        _ => "LY",
    };
}

/// <summary>How long personal data is kept, said the same way on the form and done by the retention job.</summary>
public static class MessageRetention
{
    /// <summary>Days after the answer (or after receipt, when never answered) that name and contact are kept.</summary>
    public const int DaysAfterAnswer = 180;

    public static string ConsentText(string office) =>
        $"我同意{office}为答复本条留言使用我填写的姓名和联系方式：仅责任单位和民心办工作人员可见，不会公开（公开答复时联系方式以138****1234形式显示，姓名仅在我勾选同意时显示），答复后保存{DaysAfterAnswer}天，到期删除。";

    /// <summary>Whether the name and contact of <paramref name="message"/> are due for erasure at <paramref name="now"/>.</summary>
    public static bool IsDue(CitizenMessage message, DateTimeOffset now) =>
        message.ErasedAt is null && (message.Contact is not null || message.SenderName is not null)
        && now >= (message.AnsweredAt ?? message.ReceivedAt).AddDays(DaysAfterAnswer);
}

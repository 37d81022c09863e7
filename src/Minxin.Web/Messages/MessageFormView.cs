using Minxin.Domain.Editions;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;

namespace Minxin.Web.Messages;

/// <summary>
/// One public form (留言, 帮办 or 公示异议) as a page shows it: where it posts, its wording, what was typed and what
/// is wrong with it, field by field. Ids are prefixed so that an item page holds the message and the help-request
/// forms side by side.
/// </summary>
public sealed record MessageFormView(
    string Action,
    string Prefix,
    MessageKind? FixedKind,
    string Heading,
    string Intro,
    string SubmitText,
    int HeadingLevel,
    MessageForm Values,
    IReadOnlyList<FieldProblem> Problems,
    IReadOnlyList<(string Code, string Title)> Items)
{
    public const string HelpIntro = "申请帮办：如充电桩安装、补贴申请、培训名额。责任单位受理后与您联系，答复只发给您本人，不公开。";

    public string Id(string field) => $"{Prefix}-{field}";

    public string ErrorId(string field) => Id(field) + "-error";

    public string? ErrorOf(string field)
    {
        var messages = Problems.Where(p => p.Field == field).Select(p => p.Message).ToList();
        return messages.Count == 0 ? null : string.Join("；", messages);
    }

    public string? Invalid(string field) => ErrorOf(field) is null ? null : "true";

    /// <summary>The hint's and the error's ids, or null (no attribute) when the field has neither.</summary>
    public string? DescribedBy(string field, string? hint = null)
    {
        var ids = string.Join(' ', new[] { hint, ErrorOf(field) is null ? null : ErrorId(field) }.Where(x => x is not null));
        return ids.Length == 0 ? null : ids;
    }

    /// <summary>The link target of an error in the summary: the field, the first radio of the kinds, or the form.</summary>
    public string Anchor(string field) => field switch
    {
        "" or MessageSubmission.HoneypotField => Id("title"),
        MessageSubmission.KindField => Id("kind-" + Domain.EnumCodes.ToCode(MessageText.FormKinds[0])),
        _ => Id(field),
    };

    public static MessageFormView ForItemMessage(LivelihoodProgram program, Item item, int level, MessageForm values, IReadOnlyList<FieldProblem> problems) =>
        new($"/items/{ReportCards.PublicIds.Item(program, item)}/messages", "message", null, "我要留言",
            $"对本子项有意见建议、发现问题或想表扬，请留言。{ServiceLevel.Promise(program.MessageServiceDays)}（按工作日计，节假日顺延），答复经审核后在本页公开。",
            "提交留言", level, values, problems, []);

    public static MessageFormView ForHelpRequest(LivelihoodProgram program, Item item, int level, MessageForm values, IReadOnlyList<FieldProblem> problems) =>
        new($"/items/{ReportCards.PublicIds.Item(program, item)}/help-requests", "help", MessageKind.HelpRequest, "申请帮办",
            HelpIntro + $"{ServiceLevel.Promise(program.MessageServiceDays)}。", "提交帮办申请", level, values, problems, []);

    public static MessageFormView ForProgram(LivelihoodProgram program, int level, MessageForm values, IReadOnlyList<FieldProblem> problems) =>
        new($"/programs/{program.Code}/messages", "program-message", null, "我要留言",
            $"对{program.Title}整体有意见建议，请留言（对某个子项的留言请到该子项页面）。{ServiceLevel.Promise(program.MessageServiceDays)}，由民心办答复。",
            "提交留言", level, values, problems, []);

    public static MessageFormView ForObjection(LivelihoodProgram program, Edition edition, IReadOnlyList<(string Code, string Title)> items, int level,
        MessageForm values, IReadOnlyList<FieldProblem> problems) =>
        new($"/programs/{program.Code}/editions/{edition.Slug}/objections", "objection", MessageKind.Objection, "对本期数据提出异议",
            $"公示期内，您认为本期成绩单某个子项的数据与实际不符，可提出异议，请写明依据。{ServiceLevel.Promise(program.MessageServiceDays)}。",
            "提交异议", level, values, problems, items);
}

/// <summary>The model of the edition page's objection section.</summary>
public sealed record EditionTarget(LivelihoodProgram Program, Edition Edition);

using Minxin.Domain.Calendar;
using Minxin.Domain.Messages;

namespace Minxin.Domain.Tests.Messages;

/// <summary>The public form's rules: what is refused at which field, how contacts are normalised and masked, when the answer is due, how the counters count.</summary>
public class MessageRulesTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Bundled;

    private static DateTimeOffset Beijing(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("13812345678", "13812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "13812345678", "138****5678")]
    [InlineData("0086 13812345678", "13812345678", "138****5678")]
    [InlineData("022-28391234", "022-28391234", "022-****1234")]
    [InlineData("（022）2839 1234", "022-28391234", "022-****1234")]
    [InlineData("ZhangSan@163.COM", "zhangsan@163.com", "z***@163.com")]
    public void A_contact_is_normalised_before_it_is_stored_and_masked_before_anyone_sees_it(string typed, string stored, string masked)
    {
        Assert.Equal(stored, ContactDetails.Normalize(typed, out var problem));
        Assert.Null(problem);
        Assert.Equal(masked, ContactDetails.Mask(stored));
        Assert.True(ContactDetails.SameAs(stored, typed));
    }

    [Theory]
    [InlineData("12345", "电话号码格式不正确")]
    [InlineData("23812345678", "电话号码格式不正确")]
    [InlineData("zhangsan@163", "电子邮箱格式不正确")]
    [InlineData("微信 zhangsan", "联系方式请填写手机号")]
    [InlineData("   ", "请填写联系电话或电子邮箱")]
    public void A_contact_in_a_wrong_form_is_refused_with_what_to_write(string typed, string expected)
    {
        Assert.Null(ContactDetails.Normalize(typed, out var problem));
        Assert.Contains(expected, problem);
        Assert.False(ContactDetails.SameAs("13812345678", typed));
    }

    [Fact]
    public void A_complete_message_is_taken_trimmed_with_its_kind_and_the_name_shown_only_when_asked()
    {
        var submission = MessageSubmission.Check("  充电接口什么时候装？ ", " 王大妈 ", "138 1234 5678", "problem", "on", null, null, out var problems);

        Assert.Empty(problems);
        Assert.Equal(new MessageSubmission(MessageKind.Problem, "充电接口什么时候装？", "王大妈", false, "13812345678"), submission);
        Assert.False(MessageSubmission.Check("好", null, "13812345678", "praise", "on", "on", null, out _)!.ShowName);
    }

    [Fact]
    public void Every_wrong_field_is_named_at_once()
    {
        var submission = MessageSubmission.Check(new string('长', 1001), new string('名', 31), "12345", "complaint", null, null, null, out var problems);

        Assert.Null(submission);
        Assert.Equal(["message", "name", "contact", "kind", "consent"], problems.Select(p => p.Field));
        Assert.Contains("不能超过1000字，现为1001字", problems[0].Message);
    }

    [Theory]
    [InlineData("第一行\n第二行\t缩进", true)]
    [InlineData("响铃\u0007", false)]
    [InlineData("空\u0000字符", false)]
    public void Line_breaks_and_tabs_are_kept_and_other_control_characters_refused(string text, bool taken)
    {
        var submission = MessageSubmission.Check(text, null, "13812345678", "suggestion", "on", null, null, out var problems);

        Assert.Equal(taken, submission is not null);
        Assert.Equal(taken, problems.Count == 0);
    }

    [Fact]
    public void A_help_request_or_objection_form_has_its_own_kind_and_asks_for_none()
    {
        var help = MessageSubmission.Check("想申请补贴", null, "13812345678", null, "true", null, MessageKind.HelpRequest, out var problems);

        Assert.Empty(problems);
        Assert.Equal(MessageKind.HelpRequest, help!.Kind);
        Assert.Matches(@"^BB20250801-\d{6}$", MessageSubmission.NewReceiptNumber(MessageKind.HelpRequest, new DateOnly(2025, 8, 1)));
        Assert.Matches(@"^YY20250801-\d{6}$", MessageSubmission.NewReceiptNumber(MessageKind.Objection, new DateOnly(2025, 8, 1)));
        Assert.Matches(@"^LY20250801-\d{6}$", MessageSubmission.NewReceiptNumber(MessageKind.Praise, new DateOnly(2025, 8, 1)));
    }

    [Fact]
    public void The_answer_is_due_five_working_days_after_the_day_received_holidays_off_and_adjusted_days_on()
    {
        Assert.Equal(new DateOnly(2025, 8, 8), ServiceLevel.DueOn(Beijing(2025, 8, 1), 5, Calendar));
        // Received late on Friday evening in Beijing (still Friday there, though Friday noon in UTC).
        Assert.Equal(new DateOnly(2025, 8, 8), ServiceLevel.DueOn(Beijing(2025, 8, 1, 23), 5, Calendar));
        // Before National Day: 10-01..10-08 off, Saturday 10-11 worked (调休).
        Assert.Equal(new DateOnly(2025, 10, 14), ServiceLevel.DueOn(Beijing(2025, 9, 30), 5, Calendar));
        Assert.Equal("5个工作日内答复", ServiceLevel.Promise(5));
    }

    private static CitizenMessage Message(DateTimeOffset received, DateTimeOffset? answered, MessageVisibility visibility = MessageVisibility.Published) => new()
    {
        ReceiptNumber = "LY",
        Text = "留言",
        MaskedContact = "138****5678",
        ReceivedAt = received,
        DueOn = ServiceLevel.DueOn(received, 5, Calendar),
        AnsweredAt = answered,
        Visibility = visibility,
        Reply = answered is null ? null : "答复",
    };

    [Fact]
    public void The_counters_count_received_answered_in_time_and_the_average_working_days()
    {
        var counters = MessageCounters.Of(
        [
            Message(Beijing(2025, 8, 1), Beijing(2025, 8, 1, 16)),   // same day: 0 working days
            Message(Beijing(2025, 8, 1), Beijing(2025, 8, 8)),       // 5 working days, the last day in time
            Message(Beijing(2025, 8, 1), Beijing(2025, 8, 11)),      // 6 working days: late
            Message(Beijing(2025, 8, 1), null, MessageVisibility.Hidden),
        ], Calendar);

        Assert.Equal(new MessageCounters(4, 3, 2, 3.7m), counters);
        Assert.Equal("收到留言4条，已答复3条，其中2条在5个工作日内答复，平均用时3.7个工作日", counters.Sentence("留言", 5));
        Assert.Equal("暂无留言", MessageCounters.Of([], Calendar).Sentence("留言", 5));
    }
}

using Minxin.Domain.Messages;
using static Minxin.Domain.Tests.Messages.MessageTestData;

namespace Minxin.Domain.Tests.Messages;

/// <summary>A message's life: a unit drafts, only a coordinator approves (publicly or privately); help requests are the unit's to answer; hiding needs a reason; erasure keeps the mask.</summary>
public class MessageWorkflowTests
{
    private static readonly DateTimeOffset At = Beijing(2025, 8, 4, 10);

    [Fact]
    public void A_drafted_reply_is_published_by_a_coordinator_and_then_public()
    {
        var message = Received(At);
        Assert.Null(MessageWorkflow.Take(message, "区住建委 王丽", 5, At.AddHours(1)));
        Assert.Equal(MessageState.Taken, message.State);
        Assert.NotNull(MessageWorkflow.Take(message, "区住建委 王丽", 5, At.AddHours(1)));

        Assert.Equal("请填写答复内容。", MessageWorkflow.DraftReply(message, "  ", MessageRole.Unit, "区住建委 王丽", 5, At.AddHours(2)));
        Assert.Null(MessageWorkflow.DraftReply(message, " 8月中旬安装。 ", MessageRole.Unit, "区住建委 王丽", 5, At.AddHours(2)));
        Assert.Equal((MessageState.Drafted, "8月中旬安装。", false, false), (message.State, message.Reply, message.IsAnswered, message.IsPublic));

        Assert.Null(MessageWorkflow.Approve(message, publish: true, "民心办 张敏", 2, At.AddHours(3)));
        Assert.Equal((MessageState.Answered, MessageVisibility.Published, true, At.AddHours(3)), (message.State, message.Visibility, message.IsPublic, message.AnsweredAt));
        Assert.Equal("该答复已公开。", MessageWorkflow.Approve(message, publish: true, "民心办 张敏", 2, At.AddHours(4)));
        Assert.NotNull(MessageWorkflow.DraftReply(message, "改写", MessageRole.Coordinator, "民心办 张敏", 2, At.AddHours(4)));
        Assert.Equal([MessageAction.Received, MessageAction.Taken, MessageAction.ReplyDrafted, MessageAction.Published], message.Entries.Select(e => e.Action));
    }

    [Fact]
    public void Nothing_is_approved_without_a_reply_and_a_private_answer_may_later_be_published()
    {
        var message = Received(At);
        Assert.Equal("还没有答复，请先拟写答复。", MessageWorkflow.Approve(message, publish: false, "民心办 张敏", 2, At));
        MessageWorkflow.DraftReply(message, "已电话联系。", MessageRole.Unit, "区住建委 王丽", 5, At);
        Assert.Null(MessageWorkflow.Approve(message, publish: false, "民心办 张敏", 2, At.AddHours(1)));
        Assert.Equal((MessageState.Answered, MessageVisibility.Private, false), (message.State, message.Visibility, message.IsPublic));
        Assert.Null(MessageWorkflow.Approve(message, publish: true, "民心办 张敏", 2, At.AddDays(1)));
        // Answered when it first reached the sender.
        Assert.Equal((MessageVisibility.Published, At.AddHours(1)), (message.Visibility, message.AnsweredAt));
    }

    [Fact]
    public void A_units_answer_to_a_help_request_reaches_the_person_directly_and_is_never_published()
    {
        var help = Received(At, MessageKind.HelpRequest);
        Assert.Null(MessageWorkflow.Take(help, "区住建委 王丽", 5, At));
        Assert.Null(MessageWorkflow.DraftReply(help, "请带车位证明到社区办理。", MessageRole.Unit, "区住建委 王丽", 5, At.AddHours(1)));
        Assert.Equal((MessageState.Answered, MessageVisibility.Private, At.AddHours(1)), (help.State, help.Visibility, help.AnsweredAt));
        Assert.Equal("帮办事项涉及个人情况，只答复本人，不公开。", MessageWorkflow.Approve(help, publish: true, "民心办 张敏", 2, At.AddHours(2)));
        Assert.Null(MessageWorkflow.Close(help, "区住建委 王丽", 5, At.AddHours(3)));
        Assert.Equal(MessageState.Closed, help.State);
        Assert.Equal("已办结。", MessageWorkflow.Close(help, "区住建委 王丽", 5, At.AddHours(3)));
    }

    [Fact]
    public void Hiding_needs_a_reason_and_stops_replies_and_approval()
    {
        var message = Received(At);
        MessageWorkflow.DraftReply(message, "答复", MessageRole.Unit, "区住建委 王丽", 5, At);
        Assert.Equal("隐藏留言须说明理由。", MessageWorkflow.Hide(message, " ", "民心办 张敏", 2, At));
        Assert.NotNull(MessageWorkflow.Hide(message, new string('长', MessageText.MaxReasonLength + 1), "民心办 张敏", 2, At));
        Assert.Equal("答复之后才能办结。", MessageWorkflow.Close(message, "区住建委 王丽", 5, At));
        Assert.Null(MessageWorkflow.Hide(message, "含有他人个人信息", "民心办 张敏", 2, At));
        Assert.Equal((MessageVisibility.Hidden, "含有他人个人信息"), (message.Visibility, message.HiddenReason));
        Assert.Equal("该留言已被隐藏，不能公开。", MessageWorkflow.Approve(message, publish: true, "民心办 张敏", 2, At));
        Assert.Equal("该留言已被隐藏，不能答复。", MessageWorkflow.DraftReply(message, "再答复", MessageRole.Unit, "区住建委 王丽", 5, At));
        Assert.False(message.IsOverdue(message.DueOn.AddDays(30)));
        Assert.Null(MessageWorkflow.Close(message, "民心办 张敏", 2, At));
    }

    [Fact]
    public void A_message_is_overdue_after_its_due_day_until_answered()
    {
        var message = Received(At);
        Assert.False(message.IsOverdue(message.DueOn));
        Assert.True(message.IsOverdue(message.DueOn.AddDays(1)));
        MessageWorkflow.DraftReply(message, "答复", MessageRole.Unit, "区住建委 王丽", 5, At);
        Assert.True(message.IsOverdue(message.DueOn.AddDays(1)));
        MessageWorkflow.Approve(message, publish: false, "民心办 张敏", 2, At);
        Assert.False(message.IsOverdue(message.DueOn.AddDays(1)));
    }

    [Fact]
    public void Erasure_is_due_180_days_after_the_answer_and_keeps_only_the_mask()
    {
        var message = Received(At);
        Assert.False(MessageRetention.IsDue(message, At.AddDays(MessageRetention.DaysAfterAnswer - 1)));
        MessageWorkflow.DraftReply(message, "答复", MessageRole.Unit, "区住建委 王丽", 5, At.AddDays(10));
        MessageWorkflow.Approve(message, publish: true, "民心办 张敏", 2, At.AddDays(10));
        // Counted from the answer, not the receipt.
        Assert.False(MessageRetention.IsDue(message, At.AddDays(MessageRetention.DaysAfterAnswer)));
        Assert.True(MessageRetention.IsDue(message, At.AddDays(10 + MessageRetention.DaysAfterAnswer)));

        MessageWorkflow.Erase(message, At.AddDays(200));
        Assert.Equal(((string?)null, (string?)null, "138****1234"), (message.SenderName, message.Contact, message.MaskedContact));
        Assert.Equal((MessageAction.Erased, "系统"), (message.Entries[^1].Action, message.Entries[^1].By));
        Assert.False(MessageRetention.IsDue(message, At.AddDays(400)));
    }
}

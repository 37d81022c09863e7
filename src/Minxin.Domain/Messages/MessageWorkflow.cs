namespace Minxin.Domain.Messages;

/// <summary>Who acts on a message: a unit's reporter drafts, a coordinator approves, hides or answers.</summary>
public enum MessageRole
{
    Unit,
    Coordinator,
}

/// <summary>
/// The rules of a message's life, in one place. A unit (or a coordinator) drafts a reply; only a coordinator
/// approves it, publicly (question and reply on the item page) or privately (to the sender only). A help request is
/// the unit's to take, answer and close; its answer goes to the sender only. A coordinator may hide any message,
/// with a reason, at any time. Each method returns the Chinese reason it is refused, or null when it was done.
/// </summary>
public static class MessageWorkflow
{
    public static string? Take(CitizenMessage message, string by, int? byUserId, DateTimeOffset at)
    {
        if (message.State != MessageState.New)
        {
            return $"该{message.Kind.ToChinese()}当前为“{message.State.ToChinese()}”，无需再受理。";
        }
        message.State = MessageState.Taken;
        Add(message, MessageAction.Taken, "", by, byUserId, at);
        return null;
    }

    /// <summary>Drafts (or redrafts) the reply. For a help request the unit's reply is the answer itself.</summary>
    public static string? DraftReply(CitizenMessage message, string text, MessageRole role, string by, int? byUserId, DateTimeOffset at,
        MessageAction action = MessageAction.ReplyDrafted)
    {
        var reply = text.Trim();
        if (reply.Length == 0)
        {
            return "请填写答复内容。";
        }
        if (reply.Length > MessageText.MaxReplyLength)
        {
            return $"答复不能超过{MessageText.MaxReplyLength}字，现为{reply.Length}字。";
        }
        if (message.State is MessageState.Answered or MessageState.Closed)
        {
            return "已答复的留言不能再改写答复；如需补充，请新写一条留言记录说明。";
        }
        if (message.Visibility == MessageVisibility.Hidden)
        {
            return "该留言已被隐藏，不能答复。";
        }
        message.Reply = reply;
        message.ReplyBy = by;
        message.ReplyDraftedAt = at;
        Add(message, action, reply, by, byUserId, at);
        if (message.Kind == MessageKind.HelpRequest && role == MessageRole.Unit)
        {
            // 帮办 is between the unit and the person asked for help: the unit's answer reaches them directly.
            message.State = MessageState.Answered;
            message.Visibility = MessageVisibility.Private;
            message.AnsweredAt = at;
            message.AnsweredBy = by;
            return null;
        }
        message.State = MessageState.Drafted;
        return null;
    }

    /// <summary>A coordinator approves the drafted reply: published with the question, or sent privately.</summary>
    public static string? Approve(CitizenMessage message, bool publish, string by, int? byUserId, DateTimeOffset at)
    {
        if (message.Visibility == MessageVisibility.Hidden)
        {
            return "该留言已被隐藏，不能公开。";
        }
        if (message.Reply is null)
        {
            return "还没有答复，请先拟写答复。";
        }
        if (publish && message.Visibility == MessageVisibility.Published)
        {
            return "该答复已公开。";
        }
        if (publish && message.Kind == MessageKind.HelpRequest)
        {
            return "帮办事项涉及个人情况，只答复本人，不公开。";
        }
        if (message.State != MessageState.Drafted && !(publish && message.State == MessageState.Answered && message.Visibility == MessageVisibility.Private))
        {
            return $"该留言当前为“{message.State.ToChinese()}”，没有待审核的答复。";
        }
        message.State = MessageState.Answered;
        message.Visibility = publish ? MessageVisibility.Published : MessageVisibility.Private;
        message.AnsweredAt ??= at;
        message.AnsweredBy ??= by;
        Add(message, publish ? MessageAction.Published : MessageAction.AnsweredPrivately, "", by, byUserId, at);
        return null;
    }

    /// <summary>Moderation: hides the message (and its reply) from the public, with a reason staff and the sender see.</summary>
    public static string? Hide(CitizenMessage message, string reason, string by, int? byUserId, DateTimeOffset at)
    {
        var text = reason.Trim();
        if (text.Length == 0)
        {
            return "隐藏留言须说明理由。";
        }
        if (text.Length > MessageText.MaxReasonLength)
        {
            return $"理由不能超过{MessageText.MaxReasonLength}字。";
        }
        if (message.Visibility == MessageVisibility.Hidden)
        {
            return "该留言已隐藏。";
        }
        message.Visibility = MessageVisibility.Hidden;
        message.HiddenReason = text;
        Add(message, MessageAction.Hidden, text, by, byUserId, at);
        return null;
    }

    public static string? Close(CitizenMessage message, string by, int? byUserId, DateTimeOffset at)
    {
        if (message.State == MessageState.Closed)
        {
            return "已办结。";
        }
        if (message.AnsweredAt is null && message.Visibility != MessageVisibility.Hidden)
        {
            return "答复之后才能办结。";
        }
        message.State = MessageState.Closed;
        message.ClosedAt = at;
        Add(message, MessageAction.Closed, "", by, byUserId, at);
        return null;
    }

    /// <summary>Erases the name and contact at the end of the retention period; the masked contact stays for the public record.</summary>
    public static void Erase(CitizenMessage message, DateTimeOffset at)
    {
        message.SenderName = null;
        message.Contact = null;
        message.ErasedAt = at;
        Add(message, MessageAction.Erased, "", "系统", null, at);
    }

    private static void Add(CitizenMessage message, MessageAction action, string text, string by, int? byUserId, DateTimeOffset at) =>
        message.Entries.Add(new MessageEntry { Action = action, Text = text, By = by, ByUserId = byUserId, At = at });
}

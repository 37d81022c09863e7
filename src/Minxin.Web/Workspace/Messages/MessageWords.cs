using Minxin.Domain.Messages;

namespace Minxin.Web.Workspace.Messages;

/// <summary>How the workspace marks a message's state: the same classes as reports and 督办, words beside them.</summary>
public static class MessageWords
{
    public static string StateClass(MessageState state) => state switch
    {
        MessageState.New => "returned",
        MessageState.Taken or MessageState.Drafted => "submitted",
        MessageState.Answered => "approved",
        _ => "draft",
    };
}

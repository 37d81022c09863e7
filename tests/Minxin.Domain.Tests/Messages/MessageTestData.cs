using Minxin.Domain.Calendar;
using Minxin.Domain.Messages;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Tests.Messages;

internal static class MessageTestData
{
    public static readonly WorkingCalendar Bundled = WorkingCalendar.Bundled;

    public static DateTimeOffset Beijing(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, ChinaTime.Offset);

    /// <summary>A message as the public form stores it, received at <paramref name="at"/>, due after 5 working days.</summary>
    public static CitizenMessage Received(DateTimeOffset at, MessageKind kind = MessageKind.Problem, string contact = "13812341234") => new()
    {
        ReceiptNumber = MessageSubmission.NewReceiptNumber(kind, ChinaTime.Date(at)),
        Kind = kind,
        Text = "小区充电桩什么时候装？",
        SenderName = "张桂兰",
        Contact = contact,
        MaskedContact = ContactDetails.Mask(contact),
        ReceivedAt = at,
        DueOn = ServiceLevel.DueOn(at, ServiceLevel.DefaultWorkingDays, Bundled),
        Entries = [new MessageEntry { Action = MessageAction.Received, Text = "", At = at, By = "群众" }],
    };
}

namespace Minxin.Documents.Briefing;

/// <summary>
/// An item's light (亮灯) as the briefing prints it, given by whoever computes lights: a colour code (green, yellow,
/// red, completed, none), its words (绿灯, 黄灯, 红灯, 已完成, 无数据) and the sentence that says why.
/// </summary>
public sealed record ItemLight(string ColorCode, string Words, string Reason);

namespace Minxin.Domain.Oversight;

/// <summary>红黄绿灯: an item's warning light as of a date; completed items have their own colour.</summary>
public enum LightColor
{
    Green,
    Yellow,
    Red,
    Completed,
    None,
}

public static class LightColorText
{
    /// <summary>The API's spelling: "green", "yellow", "red", "completed", "none". A contract: never rename.</summary>
    public static string Code(this LightColor color) => color switch
    {
        LightColor.Green => "green",
        LightColor.Yellow => "yellow",
        LightColor.Red => "red",
        LightColor.Completed => "completed",
        LightColor.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(color)),
    };

    /// <summary>The words the public sees; a light is never shown by colour alone.</summary>
    public static string ToChinese(this LightColor color) => color switch
    {
        LightColor.Green => "绿灯",
        LightColor.Yellow => "黄灯",
        LightColor.Red => "红灯",
        LightColor.Completed => "已完成",
        LightColor.None => "无数据",
        _ => throw new ArgumentOutOfRangeException(nameof(color)),
    };
}

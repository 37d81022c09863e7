namespace Minxin.Domain.Progress;

/// <summary>The phases a construction site goes through, in order.</summary>
public enum SitePhase
{
    Planning,
    Design,
    Approval,
    Tendering,
    Construction,
    ToppedOut,
    FitOut,
    Acceptance,
    Completed,
    InService,
}

public static class SitePhaseText
{
    public static string ToChinese(this SitePhase phase) => phase switch
    {
        SitePhase.Planning => "前期准备",
        SitePhase.Design => "设计",
        SitePhase.Approval => "立项",
        SitePhase.Tendering => "招投标",
        SitePhase.Construction => "施工",
        SitePhase.ToppedOut => "主体封顶",
        SitePhase.FitOut => "装修安装",
        SitePhase.Acceptance => "验收",
        SitePhase.Completed => "完工",
        SitePhase.InService => "投入使用",
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };
}

namespace Minxin.Domain.ProgramFiles;

/// <summary>Longest text each field may hold; the validator and the database schema use the same numbers.</summary>
public static class FieldLimits
{
    public const int Code = 64;
    public const int RegionCode = 32;
    public const int Name = 200;
    public const int Title = 300;
    public const int Unit = 32;
    public const int Text = 4000;
    public const int Note = 2000;
    public const int Narrative = 20000;
    public const int Url = 1000;
}

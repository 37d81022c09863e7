using Minxin.Domain.Programs;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.Progress;

/// <summary>
/// 报送轮次: a coordinator asks every unit to report its items as of a date (2025年7月月报, as of 2025-07-31) by a
/// due date (报送时限). Reports of the round carry its as-of date.
/// </summary>
public class ReportingRound
{
    public const int MaxTitleLength = 100;

    public int Id { get; set; }

    public int ProgramId { get; set; }

    public LivelihoodProgram Program { get; set; } = null!;

    public required string Title { get; set; }

    public DateOnly AsOf { get; set; }

    public DateOnly DueDate { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public required string OpenedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsOpen => ClosedAt is null;

    /// <summary>What is wrong with a round about to be opened, as (field, message); empty when it may open.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(LivelihoodProgram program, string? title, DateOnly asOf,
        DateOnly dueDate, IEnumerable<ReportingRound> existing)
    {
        var problems = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(("title", "请填写轮次名称，如“2025年7月月报”"));
        }
        else if (title.Trim().Length > MaxTitleLength || title.Any(char.IsControl))
        {
            problems.Add(("title", $"轮次名称最多 {MaxTitleLength} 个字符，且不能含控制字符"));
        }
        if (asOf.Year < program.Year || asOf.Year > program.Year + 1)
        {
            problems.Add(("asOf", $"数据截止日期 {IsoDate.Format(asOf)} 不在 {program.Year} 年度计划的时间范围内"));
        }
        if (Math.Abs(dueDate.DayNumber - asOf.DayNumber) > 366)
        {
            problems.Add(("dueDate", $"报送时限 {IsoDate.Format(dueDate)} 与数据截止日期相差超过一年"));
        }
        if (existing.Any(r => r.IsOpen && r.AsOf == asOf))
        {
            problems.Add(("asOf", $"已有一个截至 {IsoDate.Format(asOf)} 的轮次正在报送"));
        }
        return problems;
    }
}

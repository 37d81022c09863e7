using System.Globalization;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Testing;

namespace Minxin.Oversight.Benchmarks;

/// <summary>
/// The benchmarks' program: 10 categories × 5 items, each with 2 targeted indicators and 2 sites, and an approved
/// report as of the last day of every month of 2025 with rising figures, advancing site phases and, on some items,
/// expected dates that move with a reason. Items differ in pace so the lights come out green, yellow and red.
/// </summary>
public static class SyntheticProgram
{
    public const string Code = "bench-2025";

    public const int Categories = 10;

    public const int ItemsPerCategory = 5;

    public static LivelihoodProgram Build()
    {
        var builder = new ProgramBuilder(Code);
        for (var c = 1; c <= Categories; c++)
        {
            var category = c;
            builder.Category(category, $"第{category}类民心工程", cb =>
            {
                for (var i = 1; i <= ItemsPerCategory; i++)
                {
                    var number = i;
                    cb.Item(number, $"第{category}类第{number}项", ib => Item(ib, (category - 1) * ItemsPerCategory + number, category));
                }
            });
        }
        return builder.Build();
    }

    private static void Item(ItemBuilder item, int n, int category)
    {
        item.Units($"牵头单位{category}", $"配合单位{(category % 3) + 1}")
            .Indicator("households", "户", target: 1000 + 40 * n, name: "惠及户数")
            .Indicator("investment", "万元", target: 500 + 10 * n, name: "完成投资")
            .Site("east", "东片点位")
            .Site("west", "西片点位");
        // Pace: 0.3 (far behind) … 1.3 (ahead, completes in September); the lights spread over red, yellow, green, completed.
        var pace = 0.3m + 0.2m * (n % 6);
        var movesDate = n % 4 == 0;
        for (var month = 1; month <= 12; month++)
        {
            var m = month;
            var asOf = new DateOnly(2025, m, DateTime.DaysInMonth(2025, m));
            var share = Math.Min(1m, pace * m / 12);
            var status = share >= 1m ? ItemStatus.Completed : pace < 0.8m && m >= 6 ? ItemStatus.Delayed : ItemStatus.InProgress;
            item.Report(asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), status, r =>
            {
                r.Value("households", Math.Floor((1000 + 40 * n) * share))
                    .Value("investment", Math.Round((500 + 10 * n) * share * 0.95m, 1))
                    .Site("east", Phase(m, pace, 0), Expected(m, movesDate, early: true))
                    .Site("west", Phase(m, pace, 2), Expected(m, movesDate, early: false))
                    .Narrative($"截至{m}月底，累计惠及{Math.Floor((1000 + 40 * n) * share)}户。");
                // From July the item's expected completion slips by two months on every fourth item, with the reason.
                if (movesDate && m >= 7)
                {
                    r.Expected("2025-12", m == 7 ? "受汛期影响，施工窗口推迟" : null);
                }
                else
                {
                    r.Expected("2025-10");
                }
            });
        }
    }

    private static SitePhase Phase(int month, decimal pace, int lag) =>
        (SitePhase)Math.Clamp((int)Math.Floor((month - lag) * pace * 0.85m), 0, (int)SitePhase.InService);

    private static string Expected(int month, bool moves, bool early) =>
        moves && month >= 7 ? (early ? "2025-11" : "2025-12") : (early ? "2025-09" : "2025-10");
}

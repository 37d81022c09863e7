using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.Programs;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Quantities;
using Minxin.Domain.Ratings;
using Minxin.Domain.Staff;
using Minxin.Web.Ratings;
using Minxin.Web.Workspace.Audit;

namespace Minxin.Web.Workspace.Ratings;

/// <summary>
/// What a coordinator sends to open a window: title, first and last day (YYYY-MM-DD, China time), the minimum number
/// of ratings before a result is published (30 when left out), and the items (public ids "jinnan-2025-07-1" or codes
/// "07-1"; none means every item of the program, unless <c>allItems</c> is false, which asks for at least one).
/// </summary>
public sealed record RatingWindowRequest(string? Title, string? OpensOn, string? ClosesOn, int? Minimum, IReadOnlyList<string>? Items, bool? AllItems = null);

/// <summary>人大代表测评 of one item: the three counts and where they come from.</summary>
public sealed record DeputyTallyRequest(string? ItemId, int? Satisfied, int? BasicallySatisfied, int? Dissatisfied, string? Source);

/// <summary>A step the window's state forbids (ending a window that is over): 409 in the API.</summary>
public sealed class RatingRuleException(string message) : Exception(message);

/// <summary>A window with everything staff read of it: the results, and each item's comments, newest first.</summary>
public sealed record StaffWindow(WindowResults Results, IReadOnlyList<StaffComment> Comments, IReadOnlyList<DeputyTally> DeputyHistory);

public sealed record StaffComment(int ItemId, RatingChoice Choice, string Comment, DateTimeOffset At);

/// <summary>
/// 满意度测评 in the workspace: opening a window, ending it early and entering deputies' tallies, each saved with its
/// audit entry and a new data version of the program, then evicted from this node's public pages at once.
/// </summary>
public sealed class RatingService(MinxinDbContext db, AuditTrail audit, TimeProvider clock, PublicChanges changes)
{
    public const int MaxMinimum = 100_000;
    public const int MaxCount = 1_000_000;

    /// <summary>The comments staff see per window; the tallies count every rating.</summary>
    public const int CommentsShown = 500;

    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IReadOnlyList<StaffWindow>> WindowsAsync(LivelihoodProgram program, CancellationToken cancellationToken)
    {
        var ratings = await RatingBoard.LoadAsync(db, program.Id, cancellationToken);
        var comments = await db.Ratings.AsNoTracking()
            .Where(r => r.Comment != null && db.RatingWindows.Any(w => w.Id == r.WindowId && w.ProgramId == program.Id))
            .OrderByDescending(r => r.Id).Take(CommentsShown * Math.Max(1, ratings.Windows.Count))
            .Select(r => new { r.WindowId, r.ItemId, r.Choice, r.Comment, r.At }).ToListAsync(cancellationToken);
        var tallies = await db.DeputyTallies.AsNoTracking()
            .Where(t => db.RatingWindows.Any(w => w.Id == t.WindowId && w.ProgramId == program.Id))
            .OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return ratings.Windows.Select(w => new StaffWindow(w,
            comments.Where(c => c.WindowId == w.Window.Id).Take(CommentsShown).Select(c => new StaffComment(c.ItemId, c.Choice, c.Comment!, c.At)).ToList(),
            tallies.Where(t => t.WindowId == w.Window.Id).ToList())).ToList();
    }

    public async Task<RatingWindow?> FindAsync(LivelihoodProgram program, int id, CancellationToken cancellationToken) =>
        await db.RatingWindows.Include(w => w.Items).FirstOrDefaultAsync(w => w.Id == id && w.ProgramId == program.Id, cancellationToken);

    public async Task<RatingWindow> OpenAsync(StaffActor actor, LivelihoodProgram program, RatingWindowRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add(("title", "请填写测评名称，如“2025年度民心工程满意度测评”。"));
        }
        else if (title.Length > RatingWindow.MaxTitleLength)
        {
            errors.Add(("title", $"测评名称最多{RatingWindow.MaxTitleLength}字。"));
        }
        var opens = Date(request.OpensOn, "opensOn", "开始日期", errors);
        var closes = Date(request.ClosesOn, "closesOn", "结束日期", errors);
        var today = Today;
        if (opens is { } o && closes is { } c)
        {
            if (c < o)
            {
                errors.Add(("closesOn", "结束日期不能早于开始日期。"));
            }
            else if (c < today)
            {
                errors.Add(("closesOn", $"结束日期已过（今天是{IsoDate.Format(today)}），无法再收集评价。"));
            }
        }
        var minimum = request.Minimum ?? RatingWindow.DefaultMinimumRatings;
        if (minimum < 1 || minimum > MaxMinimum)
        {
            errors.Add(("minimum", $"公布门槛应为 1 至 {MaxMinimum} 之间的整数（默认 {RatingWindow.DefaultMinimumRatings}）。"));
        }
        var items = Items(program, request.Items, errors);
        if (request.AllItems == false && items.Count == 0 && !errors.Any(e => e.Item1 == "items"))
        {
            errors.Add(("items", "选择了“只测评勾选的子项”，请至少勾选一个子项；要测评全部子项请选“全部子项”。"));
        }
        if (errors.Count == 0)
        {
            // Two windows taking ratings of one item on one day would split its readers: refused.
            var others = await db.RatingWindows.AsNoTracking().Include(w => w.Items)
                .Where(w => w.ProgramId == program.Id && w.EndedAt == null && w.OpensOn <= closes!.Value && w.ClosesOn >= opens!.Value)
                .ToListAsync(cancellationToken);
            var clash = others.FirstOrDefault(w => items.Count == 0 || w.Items.Count == 0 || items.Any(i => w.Covers(i.Id)));
            if (clash is not null)
            {
                errors.Add(("items", $"与“{clash.Title}”（{IsoDate.Format(clash.OpensOn)}至{IsoDate.Format(clash.ClosesOn)}）的测评期重叠，且包含相同的子项。请调整日期或子项，或先结束那次测评。"));
            }
        }
        if (errors.Count > 0)
        {
            // The fields in the order the form shows them.
            string[] order = ["title", "opensOn", "closesOn", "minimum", "items"];
            throw new InputException(errors.OrderBy(e => Array.IndexOf(order, e.Item1)).ToList());
        }
        var window = new RatingWindow
        {
            ProgramId = program.Id,
            Title = title!,
            OpensOn = opens!.Value,
            ClosesOn = closes!.Value,
            MinimumRatings = minimum,
            Items = items.Select(i => new RatingWindowItem { ItemId = i.Id }).ToList(),
            OpenedAt = clock.GetUtcNow(),
            OpenedBy = actor.DisplayName,
        };
        db.RatingWindows.Add(window);
        audit.Record(actor, "ratings.window-opened", $"program:{program.Code}",
            $"{program.Code} 开启满意度测评“{window.Title}”（{IsoDate.Format(window.OpensOn)}至{IsoDate.Format(window.ClosesOn)}，满{minimum}票公布，"
            + (items.Count == 0 ? "全部子项" : "子项 " + string.Join("、", items.Select(i => i.Code))) + "）",
            program.RegionId, after: Fields(window, items));
        await SaveAsync(program, cancellationToken);
        return window;
    }

    public async Task EndAsync(StaffActor actor, LivelihoodProgram program, RatingWindow window, CancellationToken cancellationToken)
    {
        var today = Today;
        if (window.EndedAt is not null)
        {
            throw new RatingRuleException($"测评“{window.Title}”已于{FormFields.Time(window.EndedAt.Value)}结束。");
        }
        if (window.ClosesOn < today)
        {
            throw new RatingRuleException($"测评“{window.Title}”已于{IsoDate.Format(window.ClosesOn)}期满结束。");
        }
        window.EndedAt = clock.GetUtcNow();
        window.Revision++;
        audit.Record(actor, "ratings.window-ended", $"rating-window:{window.Id}",
            $"{program.Code} 提前结束满意度测评“{window.Title}”（原定{IsoDate.Format(window.ClosesOn)}结束）", program.RegionId,
            new Dictionary<string, string?> { ["endedAt"] = null }, new Dictionary<string, string?> { ["endedAt"] = ChinaTime.Format(window.EndedAt.Value) });
        try
        {
            await SaveAsync(program, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleException($"测评“{window.Title}”刚被他人修改，请刷新后再试。");
        }
    }

    public async Task<DeputyTally> EnterDeputiesAsync(StaffActor actor, LivelihoodProgram program, RatingWindow window, DeputyTallyRequest request,
        CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        var item = ItemOf(program, request.ItemId);
        if (item is null)
        {
            errors.Add(("itemId", string.IsNullOrWhiteSpace(request.ItemId) ? "请选择子项。" : $"本工程没有子项“{request.ItemId}”。"));
        }
        else if (!window.Covers(item.Id))
        {
            errors.Add(("itemId", $"子项 {item.Code} 不在测评“{window.Title}”的范围内。"));
        }
        var satisfied = Count(request.Satisfied, "satisfied", "满意", errors);
        var basically = Count(request.BasicallySatisfied, "basicallySatisfied", "基本满意", errors);
        var dissatisfied = Count(request.Dissatisfied, "dissatisfied", "不满意", errors);
        if (errors.Count == 0 && satisfied + basically + dissatisfied == 0)
        {
            errors.Add(("satisfied", "三项票数不能都为 0。"));
        }
        var source = request.Source?.Trim();
        if (string.IsNullOrEmpty(source))
        {
            errors.Add(("source", "请写明测评结果的来源，如“区人大常委会2025年12月测评”。"));
        }
        else if (source.Length > FieldLimits.Name)
        {
            errors.Add(("source", $"来源最多{FieldLimits.Name}字。"));
        }
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
        var previous = await db.DeputyTallies.AsNoTracking().Where(t => t.WindowId == window.Id && t.ItemId == item!.Id)
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        var tally = new DeputyTally
        {
            WindowId = window.Id,
            ItemId = item!.Id,
            Satisfied = satisfied,
            BasicallySatisfied = basically,
            Dissatisfied = dissatisfied,
            Source = source!,
            EnteredAt = clock.GetUtcNow(),
            EnteredBy = actor.DisplayName,
        };
        db.DeputyTallies.Add(tally);
        audit.Record(actor, "ratings.deputies-entered", $"rating-window:{window.Id}",
            $"{program.Code}-{item.Code} 录入人大代表测评（{window.Title}）：{RatingResult.Of(tally).Sentence()}；来源：{source}"
            + (previous is null ? "" : "；替代此前录入的结果"), program.RegionId,
            previous is null ? null : Tally(previous), Tally(tally));
        await SaveAsync(program, cancellationToken);
        return tally;
    }

    private async Task SaveAsync(LivelihoodProgram program, CancellationToken cancellationToken)
    {
        await db.SaveWithNewDataVersionAsync([program.Id], cancellationToken);
        if (program.IsPublished)
        {
            changes.Evict(program.Code);
        }
    }

    /// <summary>An item of the program by public id ("jinnan-2025-07-1") or code ("07-1").</summary>
    public static Item? ItemOf(LivelihoodProgram program, string? id)
    {
        var text = id?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var code = text.StartsWith(program.Code + "-", StringComparison.Ordinal) ? text[(program.Code.Length + 1)..] : text;
        return program.Items.FirstOrDefault(i => i.Code == code);
    }

    private static List<Item> Items(LivelihoodProgram program, IReadOnlyList<string>? ids, List<(string, string)> errors)
    {
        var items = new List<Item>();
        foreach (var id in (ids ?? []).Where(i => !string.IsNullOrWhiteSpace(i)))
        {
            if (ItemOf(program, id) is { } item)
            {
                if (!items.Contains(item))
                {
                    items.Add(item);
                }
            }
            else
            {
                errors.Add(("items", $"本工程没有子项“{id}”。"));
            }
        }
        return items;
    }

    private static DateOnly? Date(string? text, string field, string name, List<(string, string)> errors)
    {
        if (IsoDate.TryParse(text?.Trim(), out var date))
        {
            return date;
        }
        errors.Add((field, string.IsNullOrWhiteSpace(text)
            ? $"请填写{name}，格式为 YYYY-MM-DD，例如 2025-12-01。"
            : $"{name}“{text}”不是有效日期，应为 YYYY-MM-DD，例如 2025-12-01。"));
        return null;
    }

    private static int Count(int? value, string field, string name, List<(string, string)> errors)
    {
        if (value is null)
        {
            errors.Add((field, $"请填写“{name}”的票数（没有填 0）。"));
            return 0;
        }
        if (value < 0 || value > MaxCount)
        {
            errors.Add((field, $"“{name}”的票数应为 0 至 {MaxCount} 之间的整数。"));
            return 0;
        }
        return value.Value;
    }

    private static Dictionary<string, string?> Fields(RatingWindow w, List<Item> items) => new()
    {
        ["title"] = w.Title,
        ["opensOn"] = IsoDate.Format(w.OpensOn),
        ["closesOn"] = IsoDate.Format(w.ClosesOn),
        ["minimum"] = w.MinimumRatings.ToString(CultureInfo.InvariantCulture),
        ["items"] = items.Count == 0 ? "全部" : string.Join(",", items.Select(i => i.Code)),
    };

    private static Dictionary<string, string?> Tally(DeputyTally t) => new()
    {
        ["satisfied"] = t.Satisfied.ToString(CultureInfo.InvariantCulture),
        ["basicallySatisfied"] = t.BasicallySatisfied.ToString(CultureInfo.InvariantCulture),
        ["dissatisfied"] = t.Dissatisfied.ToString(CultureInfo.InvariantCulture),
        ["source"] = t.Source,
    };
}

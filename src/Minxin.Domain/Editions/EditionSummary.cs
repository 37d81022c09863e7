namespace Minxin.Domain.Editions;

/// <summary>
/// Counts of an edition's changes and the sentence that sums them up: "较上期：新完成2项，3项进度提高，1项预计时间推迟".
/// Where the sentence says 项 it counts items (an item with two figures up is one item); 点位 counts sites.
/// </summary>
public sealed class EditionSummary
{
    public const string FirstEditionSentence = "本期为首期成绩单，暂无上期可比";

    public const string NoChangeSentence = "较上期：无变化";

    private readonly IReadOnlyList<EditionChange> _changes;

    internal EditionSummary(bool isFirstEdition, IReadOnlyList<EditionChange> changes)
    {
        IsFirstEdition = isFirstEdition;
        _changes = changes;
    }

    public bool IsFirstEdition { get; }

    /// <summary>The number of changes of a kind (two figures up in one item are two).</summary>
    public int Changes(EditionChangeKind kind) => _changes.Count(c => c.Kind == kind);

    /// <summary>The number of items with at least one change of a kind.</summary>
    public int Items(EditionChangeKind kind) => ItemsWhere(c => c.Kind == kind);

    public int DelayedItems => ItemsWhere(c => c.Kind == EditionChangeKind.DateMoved && c.IsDelay);

    public int AdvancedItems => ItemsWhere(c => c.Kind == EditionChangeKind.DateMoved && !c.IsDelay);

    public int NewSites => Changes(EditionChangeKind.NewSite);

    /// <summary>Items with at least one change of each kind, every kind present (zero included), for the API.</summary>
    public IReadOnlyDictionary<EditionChangeKind, int> ItemCounts =>
        Enum.GetValues<EditionChangeKind>().ToDictionary(kind => kind, Items);

    /// <summary>
    /// "较上期：新完成2项，3项进度提高，1项预计时间推迟", only the parts that are not zero, always in this order: 新完成,
    /// 进度提高, 数据下降, 目标调整, 预计时间推迟, 预计时间提前, 新增点位, 本期无新报送. "较上期：无变化" when nothing changed;
    /// the first edition has nothing to compare with and says so (<see cref="FirstEditionSentence"/>), never null.
    /// </summary>
    public string Sentence
    {
        get
        {
            if (IsFirstEdition)
            {
                return FirstEditionSentence;
            }
            var parts = new List<string>();
            void Add(int count, string text)
            {
                if (count > 0)
                {
                    parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, text, count));
                }
            }
            Add(Items(EditionChangeKind.Completed), "新完成{0}项");
            Add(Items(EditionChangeKind.Rose), "{0}项进度提高");
            Add(Items(EditionChangeKind.Fell), "{0}项数据下降");
            Add(Items(EditionChangeKind.TargetRevised), "{0}项目标调整");
            Add(DelayedItems, "{0}项预计时间推迟");
            Add(AdvancedItems, "{0}项预计时间提前");
            Add(NewSites, "新增{0}个点位");
            Add(Items(EditionChangeKind.NoNewReport), "{0}项本期无新报送");
            return parts.Count == 0 ? NoChangeSentence : "较上期：" + string.Join("，", parts);
        }
    }

    private int ItemsWhere(Func<EditionChange, bool> predicate) => _changes.Where(predicate).Select(c => c.ItemCode).Distinct().Count();
}

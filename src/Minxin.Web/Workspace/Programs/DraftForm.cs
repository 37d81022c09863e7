using System.Globalization;
using Minxin.Domain;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;
using Minxin.Domain.Quantities;

namespace Minxin.Web.Workspace.Programs;

public enum DraftFieldKind
{
    Text,
    OptionalText,
    LongText,
    Year,
    Number,
    OptionalNumber,
    Choice,
}

/// <summary>
/// One value of a text's draft the reviewer may correct, named by its JSON path in the draft
/// ("$.categories[0].items[1].indicators[0].target"): the form field's name, the key its errors are filed under, and
/// the path the importer's provenance and questions use.
/// </summary>
public sealed class DraftField(string path, string label, DraftFieldKind kind, Func<string?> get, Action<string?> set,
    IReadOnlyList<(string Value, string Text)>? choices = null)
{
    public string Path { get; } = path;

    public string Label { get; } = label;

    public DraftFieldKind Kind { get; } = kind;

    public IReadOnlyList<(string Value, string Text)> Choices { get; } = choices ?? [];

    public string Value => get() ?? "";

    /// <summary>Sets the posted text; a problem comes back as a message (and the draft keeps its value).</summary>
    public string? Set(string? text)
    {
        text = text?.Trim() ?? "";
        switch (Kind)
        {
            case DraftFieldKind.Year:
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    return $"{Label}应为整数。";
                }
                break;
            case DraftFieldKind.Number or DraftFieldKind.OptionalNumber:
                if (text.Length == 0 && Kind == DraftFieldKind.OptionalNumber)
                {
                    set(null);
                    return null;
                }
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    return $"{Label}“{text}”不是数字：请写以计量单位计的数值，如 460 或 279100。";
                }
                break;
            case DraftFieldKind.Choice:
                if (Choices.All(c => c.Value != text))
                {
                    return $"请为{Label}选择一项。";
                }
                break;
            case DraftFieldKind.Text or DraftFieldKind.LongText:
                if (text.Length == 0)
                {
                    return $"{Label}不能为空。";
                }
                break;
            case DraftFieldKind.OptionalText when text.Length == 0:
                set(null);
                return null;
        }
        set(text);
        return null;
    }
}

/// <summary>A part of the draft as the review form shows it: the program, a category, an item, with its fields.</summary>
public sealed record DraftGroup(string Path, string Heading, IReadOnlyList<DraftField> Fields, IReadOnlyList<DraftGroup> Children);

/// <summary>
/// The review form of a text's draft: what the reviewer sees and corrects (titles, names, targets and comparators,
/// statuses, figures), built the same way when the form is shown and when it is posted, so each posted value finds
/// its place in the draft again by its path.
/// </summary>
public static class DraftForm
{
    private static readonly IReadOnlyList<(string, string)> Comparators =
        [("exactly", "准确"), ("atLeast", "不少于"), ("over", "以上"), ("about", "约")];

    private static readonly IReadOnlyList<(string, string)> Statuses =
        Enum.GetValues<ItemStatus>().Select(s => (EnumCodes.ToCode(s), s.ToChinese())).ToList();

    public static DraftGroup Build(ProgramFile draft)
    {
        var fields = new List<DraftField>
        {
            Text("$.title", "标题", () => draft.Title, v => draft.Title = v),
            new("$.year", "年度", DraftFieldKind.Year, () => draft.Year.ToString(CultureInfo.InvariantCulture),
                v => draft.Year = int.Parse(v!, CultureInfo.InvariantCulture)),
        };
        if (draft.Sources is [var source, ..])
        {
            fields.Add(Text("$.sources[0].title", "原文标题", () => source.Title, v => source.Title = v));
            fields.Add(Text("$.sources[0].publisher", "发布单位", () => source.Publisher, v => source.Publisher = v));
        }
        var categories = new List<DraftGroup>();
        foreach (var (category, i) in (draft.Categories ?? []).Select((c, i) => (c, i)))
        {
            var path = $"$.categories[{i}]";
            var items = new List<DraftGroup>();
            foreach (var (item, j) in (category.Items ?? []).Select((x, j) => (x, j)))
            {
                items.Add(Item(item, $"{path}.items[{j}]", ItemCodeOf(category, item)));
            }
            categories.Add(new DraftGroup(path, $"工程 {category.Number:00}",
                [Text(path + ".name", $"工程 {category.Number:00} 的名称", () => category.Name, v => category.Name = v)], items));
        }
        return new DraftGroup("$", "民心工程", fields, categories);
    }

    /// <summary>Every field of the form, in the order shown.</summary>
    public static IEnumerable<DraftField> All(DraftGroup group) => group.Fields.Concat(group.Children.SelectMany(All));

    /// <summary>Puts the posted values into the draft; what cannot be taken comes back, field by field.</summary>
    public static List<(string Field, string Message)> Apply(DraftGroup form, Func<string, string?> posted)
    {
        var errors = new List<(string, string)>();
        foreach (var field in All(form))
        {
            if (posted(field.Path) is { } value && field.Set(value) is { } problem)
            {
                errors.Add((field.Path, problem));
            }
        }
        return errors;
    }

    private static string ItemCodeOf(CategoryFile category, ItemFile item) => $"{category.Number:00}-{item.Number}";

    private static DraftGroup Item(ItemFile item, string path, string code)
    {
        var fields = new List<DraftField>
        {
            new(path + ".title", $"子项 {code} 的表述", DraftFieldKind.LongText, () => item.Title, v => item.Title = v),
            new(path + ".leadUnit", $"子项 {code} 的牵头单位", DraftFieldKind.OptionalText, () => item.LeadUnit, v => item.LeadUnit = string.IsNullOrEmpty(v) ? null : v),
        };
        foreach (var (indicator, k) in (item.Indicators ?? []).Select((x, k) => (x, k)))
        {
            var at = $"{path}.indicators[{k}]";
            var name = indicator.Name ?? indicator.Key;
            fields.Add(Text(at + ".name", $"指标名称（{name}）", () => indicator.Name, v => indicator.Name = v));
            fields.Add(new(at + ".comparator", $"“{name}”目标的比较方式", DraftFieldKind.Choice, () => indicator.Comparator ?? "exactly",
                v => indicator.Comparator = v == "exactly" ? null : v, Comparators));
            fields.Add(new(at + ".target", $"“{name}”的目标值", DraftFieldKind.OptionalNumber,
                () => indicator.Target is { } t ? ChineseNumbers.Plain(t) : null, v => indicator.Target = v is null ? null : Parse(v)));
            fields.Add(Text(at + ".unit", $"“{name}”的计量单位", () => indicator.Unit, v => indicator.Unit = v));
        }
        foreach (var (report, r) in (item.Reports ?? []).Select((x, r) => (x, r)))
        {
            var at = $"{path}.reports[{r}]";
            fields.Add(new(at + ".status", $"子项 {code} 截至 {report.AsOf} 的状态", DraftFieldKind.Choice, () => report.Status, v => report.Status = v, Statuses));
            foreach (var (value, k) in (report.Values ?? []).Select((x, k) => (x, k)))
            {
                var name = item.Indicators?.FirstOrDefault(i => i.Key == value.Indicator)?.Name ?? value.Indicator;
                fields.Add(new($"{at}.values[{k}].value", $"“{name}”截至 {report.AsOf} 的数值", DraftFieldKind.Number,
                    () => value.Value is { } v ? ChineseNumbers.Plain(v) : null, v => value.Value = Parse(v!)));
            }
        }
        return new DraftGroup(path, $"子项 {code}", fields, []);
    }

    private static DraftField Text(string path, string label, Func<string?> get, Action<string?> set) => new(path, label, DraftFieldKind.Text, get, set);

    private static decimal Parse(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}

using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Minxin.Data;

namespace Minxin.Web.Workspace;

/// <summary>
/// What a form field needs to show its problem where it is (WCAG 3.3.1): the id the error summary links to,
/// aria-invalid, the message beside the field and aria-describedby pointing at it. Errors are keyed "form.field"
/// when a page has several forms of one kind ("unit-3.name"), so each message lands at its own field.
/// </summary>
public static class FormFields
{
    /// <summary>Said after a 412: the form shows the reviewer's changes over what is now stored, and carries the current revision.</summary>
    public const string KeptInput = "您改动的内容保留在下面的表单中，其余内容已是他人刚保存的；核对后可再次保存。";

    public static string Key(string? form, string field) => string.IsNullOrEmpty(form) ? field : field.Length == 0 ? form : $"{form}.{field}";

    public static string Id(string key) => FieldIds.For(key);

    public static string? Invalid(ModelStateDictionary state, string key) => HasError(state, key) ? "true" : null;

    /// <summary>The ids that describe the field: its hint (when it has one) and its error (when it has one).</summary>
    public static string? DescribedBy(ModelStateDictionary state, string key, string? hint = null)
    {
        var ids = new[] { hint, HasError(state, key) ? Id(key) + "-error" : null }.Where(i => i is not null);
        var text = string.Join(' ', ids);
        return text.Length == 0 ? null : text;
    }

    public static IHtmlContent Error(ModelStateDictionary state, string key)
    {
        if (!state.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
        {
            return HtmlString.Empty;
        }
        var html = new HtmlContentBuilder();
        html.AppendHtml($"<p class=\"ws-field-error\" id=\"{Id(key)}-error\">");
        html.Append(string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)));
        html.AppendHtml("</p>");
        return html;
    }

    /// <summary>Each message at its field of <paramref name="form"/>; one without a field goes to the form as a whole.</summary>
    public static void Add(this ModelStateDictionary state, IEnumerable<(string Field, string Message)> errors, string? form = null)
    {
        foreach (var (field, message) in errors)
        {
            state.AddModelError(Key(form, field), message);
        }
    }

    public static void Add(this ModelStateDictionary state, InputException e, string? form = null) => state.Add(e.Errors, form);

    public static void Add(this ModelStateDictionary state, ChangeRefusedException e, string? form = null) => state.Add(e.Errors, form);

    private static bool HasError(ModelStateDictionary state, string key) => state.TryGetValue(key, out var entry) && entry.Errors.Count > 0;

    /// <summary>Beijing time as staff read it: "2025-07-17 13:43".</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(Domain.Quantities.ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Minxin.Data;
using Minxin.Web.Shared;

namespace Minxin.Web.Workspace;

/// <summary>
/// What a form field needs to show its problem where it is (WCAG 3.3.1): the id the error summary links to,
/// aria-invalid, the message beside the field and aria-describedby pointing at it. Keys are the services' field names
/// ("values[0].value"), prefixed "form.field" when a page has several forms of one kind ("unit-3.name"). A page model
/// holds one over its ModelState (<c>Model.Fields.Invalid("title")</c>); views without one use the static forms.
/// </summary>
public sealed class FormFields(ModelStateDictionary state)
{
    /// <summary>Said after a 412: the form shows the reviewer's changes over what is now stored, and carries the current revision.</summary>
    public const string KeptInput = "您改动的内容保留在下面的表单中，其余内容已是他人刚保存的；核对后可再次保存。";

    public static string Key(string? form, string field) => string.IsNullOrEmpty(form) ? field : field.Length == 0 ? form : $"{form}.{field}";

    public static string Id(string key) => FieldIds.For(key);

    public static string ErrorId(string key) => Id(key) + "-error";

    public bool HasError(string key) => HasError(state, key);

    /// <summary>"true" for a field with an error, null (no attribute) otherwise.</summary>
    public string? Invalid(string key) => Invalid(state, key);

    public string? DescribedBy(string key, string? hintId = null) => DescribedBy(state, key, hintId);

    public IHtmlContent Error(string key) => Error(state, key);

    public static string? Invalid(ModelStateDictionary state, string key) => HasError(state, key) ? "true" : null;

    /// <summary>The ids that describe the field: its hint (when it has one) and its error (when it has one).</summary>
    public static string? DescribedBy(ModelStateDictionary state, string key, string? hintId = null)
    {
        var ids = new[] { hintId, HasError(state, key) ? ErrorId(key) : null }.Where(i => i is not null);
        var text = string.Join(' ', ids);
        return text.Length == 0 ? null : text;
    }

    /// <summary>The field's messages as a paragraph with the id <see cref="DescribedBy(ModelStateDictionary, string, string?)"/> names, or nothing.</summary>
    public static IHtmlContent Error(ModelStateDictionary state, string key)
    {
        if (!state.TryGetValue(key, out var entry) || entry.Errors.Count == 0)
        {
            return HtmlString.Empty;
        }
        var messages = string.Join("；", entry.Errors.Select(e => e.ErrorMessage));
        return new HtmlString($"<p class=\"ws-field-error\" id=\"{ErrorId(key)}\">{Display.Encoder.Encode(messages)}</p>");
    }

    /// <summary>Beijing time as staff read it: "2025-07-17 13:43".</summary>
    public static string Time(DateTimeOffset at) =>
        at.ToOffset(Domain.Quantities.ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static bool HasError(ModelStateDictionary state, string key) => state.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}

/// <summary>A service's field errors put where the form shows them.</summary>
public static class ModelStateErrors
{
    /// <summary>Each message at its field of <paramref name="form"/>; one without a field goes to the form as a whole.</summary>
    public static void Add(this ModelStateDictionary state, IEnumerable<(string Field, string Message)> errors, string? form = null)
    {
        foreach (var (field, message) in errors)
        {
            state.AddModelError(FormFields.Key(form, field), message);
        }
    }

    public static void Add(this ModelStateDictionary state, InputException e, string? form = null) => state.Add(e.Errors, form);
}

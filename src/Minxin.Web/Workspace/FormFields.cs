using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Minxin.Web.Shared;

namespace Minxin.Web.Workspace;

/// <summary>
/// A form field's id and error state from ModelState, keyed by the service's field name ("values[0].value"), so each
/// input can carry aria-invalid and aria-describedby its message and the error summary links to it.
/// </summary>
public sealed class FormFields(ModelStateDictionary state)
{
    public static string Id(string field) => FieldIds.For(field);

    public static string ErrorId(string field) => FieldIds.For(field) + "-error";

    public bool HasError(string field) => state.TryGetValue(field, out var entry) && entry.Errors.Count > 0;

    /// <summary>"true" for a field with an error, null (no attribute) otherwise.</summary>
    public string? Invalid(string field) => HasError(field) ? "true" : null;

    /// <summary>The ids that describe the field: its hint, when it has one, and its error message.</summary>
    public string? DescribedBy(string field, string? hintId = null)
    {
        var ids = new[] { hintId, HasError(field) ? ErrorId(field) : null }.Where(id => id is not null);
        var joined = string.Join(' ', ids);
        return joined.Length == 0 ? null : joined;
    }

    /// <summary>The field's messages as a paragraph with the id <see cref="DescribedBy"/> names, or nothing.</summary>
    public IHtmlContent Error(string field)
    {
        if (!state.TryGetValue(field, out var entry) || entry.Errors.Count == 0)
        {
            return HtmlString.Empty;
        }
        var messages = string.Join("；", entry.Errors.Select(e => e.ErrorMessage));
        return new HtmlString($"<p class=\"ws-field-error\" id=\"{ErrorId(field)}\">{Display.Encoder.Encode(messages)}</p>");
    }
}

using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Minxin.Web.Tests.Workspace;

/// <summary>What a browser sends for a form, for the page-level test clients (StaffBrowser, StaffSession).</summary>
public static class BrowserForm
{
    /// <summary>Named, enabled controls; checked boxes and radios; selected options; the button pressed.</summary>
    public static List<(string Name, string Value)> Fields(IHtmlFormElement form, IElement? pressed)
    {
        var fields = new List<(string, string)>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement { Type: "submit" or "button" or "file" or "reset" }:
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } check:
                    if (check.IsChecked)
                    {
                        fields.Add((name, check.Value));
                    }
                    break;
                case IHtmlInputElement input:
                    fields.Add((name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    var selected = select.Options.Where(o => o.IsSelected).ToList();
                    // A single select with nothing marked sends its first option.
                    fields.AddRange((selected.Count > 0 || select.IsMultiple ? selected : select.Options.Take(1)).Select(o => (name, o.Value)));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add((name, area.Value));
                    break;
            }
        }
        if (pressed is IHtmlButtonElement { Name: { Length: > 0 } buttonName } button)
        {
            fields.Add((buttonName, button.Value));
        }
        return fields;
    }
}

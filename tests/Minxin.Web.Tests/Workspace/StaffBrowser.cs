using System.Net;
using System.Net.Http.Headers;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// A staff member at the workspace pages as a browser without JavaScript works them: signed in with the real cookie
/// (GET the sign-in page, POST user name, password and its antiforgery token), then every form is filled in and
/// sent as it is rendered, hidden fields and antiforgery token included, redirects followed.
/// </summary>
public sealed class StaffBrowser : IDisposable
{
    private readonly HttpClient _client;

    private StaffBrowser(MinxinWebFactory factory) => _client = factory.CreateClient();

    /// <summary>The page the last sign-in or form landed on.</summary>
    public IDocument Page { get; private set; } = null!;

    public HttpStatusCode Status { get; private set; }

    public static async Task<StaffBrowser> SignInAsync(MinxinWebFactory factory, string userName, string? password = null)
    {
        var browser = new StaffBrowser(factory);
        await browser.OpenAsync("/workspace/sign-in");
        await browser.SubmitAsync("form", new() { ["username"] = userName, ["password"] = password ?? Staff.Password(userName) });
        // Signed in when sent on to the role's landing page rather than shown the sign-in form again.
        Assert.False(browser.Page.Url.Contains("sign-in", StringComparison.Ordinal),
            $"{userName} could not sign in: {browser.Status} {browser.Text(".ws-error-summary")}");
        return browser;
    }

    /// <summary>A browser that has not signed in.</summary>
    public static StaffBrowser Anonymous(MinxinWebFactory factory) => new(factory);

    public async Task<IDocument> OpenAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(url);
        await LoadAsync(response);
        Assert.True(Status == expected, $"GET {url}: {Status}, expected {expected}");
        return Page;
    }

    /// <summary>
    /// Fills in the form <paramref name="formSelector"/> of the current page with <paramref name="values"/> (by field
    /// name; the rest as rendered) and sends it with <paramref name="button"/> (a selector) or its first submit button.
    /// </summary>
    /// <param name="addFields">Send fields the form does not have (a forged request); otherwise naming one fails the test.</param>
    public async Task<IDocument> SubmitAsync(string formSelector, Dictionary<string, string?> values, string? button = null,
        (string Field, string FileName, byte[] Bytes)? file = null, bool addFields = false)
    {
        var form = Page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form {formSelector} on {Page.Url}");
        var submit = (button is null ? form.QuerySelector("button[type=submit], button:not([type])") : Page.QuerySelector(button)) as IHtmlButtonElement;
        var fields = BrowserForm.Fields(form, submit);
        foreach (var (name, value) in values)
        {
            Assert.True(addFields || fields.Any(f => f.Name == name) || form.QuerySelector($"[name='{name}']") is not null, $"The form has no field {name}");
            fields.RemoveAll(f => f.Name == name);
            if (value is not null)
            {
                fields.Add((name, value));
            }
        }
        var action = submit?.GetAttribute("formaction") ?? form.GetAttribute("action");
        var target = new Uri(new Uri(Page.Url), string.IsNullOrEmpty(action) ? Page.Url : action);
        var method = (submit?.GetAttribute("formmethod") ?? form.GetAttribute("method") ?? "get").ToUpperInvariant();
        HttpResponseMessage response;
        if (method == "GET")
        {
            var query = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Name)}={Uri.EscapeDataString(f.Value)}"));
            response = await _client.GetAsync(new UriBuilder(target) { Query = query }.Uri);
        }
        else if (file is { } upload || form.Enctype == "multipart/form-data")
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                content.Add(new StringContent(value), name);
            }
            if (file is { } f)
            {
                var bytes = new ByteArrayContent(f.Bytes);
                bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Add(bytes, f.Field, f.FileName);
            }
            response = await _client.PostAsync(target, content);
        }
        else
        {
            response = await _client.PostAsync(target, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
        }
        using (response)
        {
            await LoadAsync(response);
        }
        return Page;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    public string Text(string selector) => string.Join(" ", Page.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()));

    /// <summary>The message shown at a field, by the field's id.</summary>
    public string FieldError(string fieldId) => Page.GetElementById(fieldId + "-error")?.TextContent.Trim() ?? "";

    public void Dispose() => _client.Dispose();

    private async Task LoadAsync(HttpResponseMessage response)
    {
        Status = response.StatusCode;
        var html = await response.Content.ReadAsStringAsync();
        var url = response.RequestMessage!.RequestUri!.ToString();
        Page = await BrowsingContext.New().OpenAsync(r => r.Content(html).Address(url));
    }
}

using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Minxin.Web.Tests.Workspace;

/// <summary>
/// A staff member in a browser: signed in with the real sign-in form (cookie and antiforgery token), reading pages as
/// HTML and sending forms the way a browser does — every field as the page rendered it, changed only where the person
/// changed it, with the button they pressed.
/// </summary>
public sealed class StaffSession : IDisposable
{
    private readonly HttpClient _client;

    private StaffSession(HttpClient client, string landing)
    {
        _client = client;
        Landing = landing;
    }

    /// <summary>Where the sign-in sent this person.</summary>
    public string Landing { get; }

    public static async Task<StaffSession> SignInAsync(MinxinWebFactory factory, string userName)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await ReadAsync(await client.GetAsync("/workspace/sign-in"), "/workspace/sign-in");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = userName,
            ["password"] = Staff.Password(userName),
            ["__RequestVerificationToken"] = Token(form),
        });
        var response = await client.PostAsync("/workspace/sign-in", body);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {userName}: {(int)response.StatusCode}");
        return new StaffSession(client, response.Headers.Location!.OriginalString);
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string Token(IDocument page, string formSelector = "main form") =>
        page.QuerySelector(formSelector)!.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value
        ?? page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    public async Task<IDocument> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode}, expected {(int)expected}");
        return await ReadAsync(response, url);
    }

    public Task<HttpResponseMessage> PostAsync(string url, HttpContent content) => _client.PostAsync(url, content);

    /// <summary>
    /// Sends the form <paramref name="formSelector"/> of <paramref name="page"/> with the button <paramref name="button"/>
    /// (a CSS selector inside the form), after setting <paramref name="changes"/> (field name → value); files go in
    /// the "file" field.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(IDocument page, string formSelector, string? button = null,
        IReadOnlyDictionary<string, string>? changes = null, IEnumerable<(string FileName, byte[] Bytes)>? files = null, bool withToken = true)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"no form {formSelector}");
        var fields = BrowserForm.Fields(form, button is null ? null : form.QuerySelector(button) ?? throw new InvalidOperationException($"no button {button}"));
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            var at = fields.FindIndex(f => f.Name == name);
            if (at >= 0)
            {
                fields[at] = (name, value);
            }
            else
            {
                fields.Add((name, value));
            }
        }
        if (!withToken)
        {
            fields.RemoveAll(f => f.Name == "__RequestVerificationToken");
        }
        var action = form.GetAttribute("action") is { Length: > 0 } explicitAction ? explicitAction : new Uri(page.Url).PathAndQuery;
        HttpContent content;
        if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                multipart.Add(new StringContent(value), name);
            }
            var chosen = files?.ToList() ?? [];
            if (chosen.Count == 0)
            {
                // What a browser sends for a file input left empty.
                var empty = new ByteArrayContent([]);
                empty.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileName = "\"\"" };
                empty.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
                multipart.Add(empty);
            }
            foreach (var (fileName, bytes) in chosen)
            {
                multipart.Add(new ByteArrayContent(bytes), "file", fileName);
            }
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        }
        using (content)
        {
            return await _client.PostAsync(action, content);
        }
    }

    /// <summary>Follows a redirect after a POST, as a browser does, and reads the page it leads to.</summary>
    public async Task<IDocument> FollowAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await PageAsync(response.Headers.Location!.OriginalString);
    }

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response, string url) =>
        await BrowsingContext.New().OpenAsync(r => r.Content(response.Content.ReadAsStream()).Address("http://localhost" + url));

    public void Dispose() => _client.Dispose();
}

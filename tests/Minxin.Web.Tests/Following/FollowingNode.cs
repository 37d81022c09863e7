using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Data;
using Minxin.Testing;
using Minxin.Web.Following;
using Minxin.Web.Tests.Workspace;

namespace Minxin.Web.Tests.Following;

/// <summary>
/// The web app on its own SQLite file, on the test's clock, with a coordinator and a reporter of the unit that leads
/// 07-1 (the charging ports), who can get a report approved the way the workspace does it.
/// </summary>
public sealed class FollowingNode(StorageOptions storage, TimeProvider clock, params (string Key, string Value)[] settings)
    : MinxinWebFactory(storage, settings)
{
    public FollowingNode(TimeProvider clock, params (string Key, string Value)[] settings) : this(TestStorage.NewSqlite(), clock, settings)
    {
    }

    public const string BaseUrl = "https://minxin.example.gov.cn";
    public const string Sockets = "jinnan-2025-07-1";

    private HttpClient? _coordinator;
    private HttpClient? _reporter;

    public SubscriptionSender Sender => Services.GetRequiredService<SubscriptionSender>();

    public static (string, string)[] Mail(MailSink sink) =>
    [
        ("Minxin:Smtp:Host", "127.0.0.1"), ("Minxin:Smtp:Port", sink.Port.ToString(CultureInfo.InvariantCulture)),
        ("Minxin:Smtp:From", "民心办 <minxin@jinnan.example>"), ("Minxin:Smtp:UseTls", "false"), ("Minxin:PublicBaseUrl", BaseUrl),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // An hour: the runs at start are all the background does; the tests run the sender themselves.
        builder.UseSetting("Minxin:Reminders:Interval", "01:00:00");
        builder.UseSetting("Minxin:Following:Interval", "01:00:00");
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    /// <summary>A coordinator, and a reporter of the unit now leading 07-1.</summary>
    public async Task StaffAsync()
    {
        var (unit, unitName) = (Staff.Unique("cgw"), Staff.Unique("区城管委"));
        await Staff.UnitAsync(this, unit, unitName);
        var (coordinator, reporter) = (Staff.Unique("liming"), Staff.Unique("wangli"));
        await Staff.UserAsync(this, coordinator, "coordinator");
        await Staff.UserAsync(this, reporter, "reporter", unit: unitName);
        _coordinator = await Staff.TokenClientAsync(this, coordinator);
        _reporter = await Staff.TokenClientAsync(this, reporter);
        Assert.Equal(HttpStatusCode.OK, (await _coordinator.PatchAsJsonAsync("/api/v1/workspace/items/" + Sockets, new { leadUnit = unitName })).StatusCode);
    }

    public HttpClient Coordinator => _coordinator ?? throw new InvalidOperationException("StaffAsync first");

    /// <summary>A round as of <paramref name="asOf"/>, the unit's report of 07-1 in it, submitted and approved by the coordinator.</summary>
    public async Task ApproveSocketsAsync(string asOf, string due, decimal sockets)
    {
        var opened = await Staff.PostJsonAsync(Coordinator, "/api/v1/workspace/programs/jinnan-2025/rounds", new { title = $"{asOf}月报", asOf, dueDate = due });
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var roundId = (int)(await Staff.JsonAsync(opened))["id"]!;
        var created = await Staff.PostJsonAsync(_reporter!, $"/api/v1/workspace/items/{Sockets}/reports", new
        {
            roundId,
            status = "inProgress",
            narrative = "累计推动全区既有住宅小区新增电动自行车充电接口{充电接口}，完成率{充电接口%}。",
            values = new[] { new { indicator = "充电接口", value = sockets } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (int)(await Staff.JsonAsync(created))["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await _reporter!.PostAsync($"/api/v1/workspace/reports/{id}/submit", null)).StatusCode);
        var approved = await Staff.PostJsonAsync(Coordinator, $"/api/v1/workspace/reports/{id}/approve", new { note = "" });
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
    }

    /// <summary>The feed as served, after checking its media type.</summary>
    public async Task<string> FeedAsync(string path)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every file of the node's SQLite database (the file, its WAL and journal), as bytes; none on PostgreSQL.</summary>
    public byte[][] DatabaseFiles() => Storage.Provider != DatabaseProvider.Sqlite ? [] :
        Directory.EnumerateFiles(Storage.DataDirectory, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToArray();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _coordinator?.Dispose();
            _reporter?.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>RFC 4287's rules for what a feed and its entries must carry, checked on the XML itself.</summary>
public static class Rfc4287
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static XElement Check(string xml)
    {
        var feed = XDocument.Parse(xml).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        AbsoluteUri(Single(feed, "id"));
        Assert.False(string.IsNullOrWhiteSpace(Single(feed, "title")));
        Timestamp(Single(feed, "updated"));
        // atom:author on the feed, since the entries carry none (4.1.1).
        Assert.NotEmpty(feed.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var self = feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self");
        Assert.True(Uri.IsWellFormedUriString((string?)self.Attribute("href"), UriKind.Absolute));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            var id = Single(entry, "id");
            AbsoluteUri(id);
            Assert.True(ids.Add(id), "entry ids are unique: " + id);
            Assert.False(string.IsNullOrWhiteSpace(Single(entry, "title")));
            Timestamp(Single(entry, "updated"));
            // An entry without content would need rel="alternate"; these have both.
            var alternate = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") is null or "alternate");
            Assert.True(Uri.IsWellFormedUriString((string?)alternate.Attribute("href"), UriKind.Absolute), (string?)alternate.Attribute("href"));
            Assert.Equal("text", (string?)entry.Element(Atom + "content")!.Attribute("type"));
        }
        return feed;
    }

    public static IEnumerable<XElement> Entries(XElement feed) => feed.Elements(Atom + "entry");

    public static string Title(XElement entry) => entry.Element(Atom + "title")!.Value;

    public static string Href(XElement entry) => (string)entry.Element(Atom + "link")!.Attribute("href")!;

    public static string Content(XElement entry) => entry.Element(Atom + "content")!.Value;

    public static DateTimeOffset Updated(XElement element) => DateTimeOffset.Parse(element.Element(Atom + "updated")!.Value, CultureInfo.InvariantCulture);

    private static string Single(XElement parent, string name) => Assert.Single(parent.Elements(Atom + name)).Value;

    private static void AbsoluteUri(string text) => Assert.True(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "urn" or "tag", text);

    // RFC 3339 date-time, with its offset (3.3).
    private static void Timestamp(string text) => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", text);
}

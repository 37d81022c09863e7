using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Minxin.Data;
using Minxin.Testing;
using Minxin.Web.Tests.Workspace;

namespace Minxin.Web.Tests.Following;

/// <summary>
/// E-mail subscriptions end to end, on a real SMTP server: the form on the item page, the confirmation mail, nothing
/// sent before the link's button is pressed, then each newly approved report mailed once however often the sender
/// runs, a one-click unsubscribe (RFC 8058) that erases the address, and tokens kept only as hashes.
/// </summary>
public abstract partial class SubscriptionTests(DatabaseProvider provider)
{
    private const string Reader = "chen.xiaoyu@example.com";

    private static DateTimeOffset Beijing(int month, int day, int hour) => new(2025, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private static async Task<IDocument> DocumentAsync(HttpResponseMessage response) =>
        await BrowsingContext.New().OpenAsync(r => r.Content(response.Content.ReadAsStringAsync().Result));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;

    [GeneratedRegex(@"token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();

    private static string TokenIn(string text) => TokenPattern().Match(text).Groups[1].Value;

    [Fact]
    public async Task A_confirmed_subscriber_is_mailed_each_new_report_once_and_a_one_click_unsubscribe_erases_the_address()
    {
        using var mail = new MailSink();
        var clock = new TestClock(Beijing(8, 1, 10));
        using var node = new FollowingNode(TestStorage.New(provider), clock, FollowingNode.Mail(mail));
        await node.StaffAsync();
        using var client = node.CreateClient();

        // The form on the item page, as a reader without JavaScript posts it.
        var page = await node.GetDocumentAsync("/items/" + FollowingNode.Sockets);
        var form = page.QuerySelector("#follow form[action='/subscriptions'][method=post]")!;
        Assert.Equal(["program", "item", "email"], form.QuerySelectorAll("input").Select(i => i.GetAttribute("name")!));
        // The field has its label and its hint, tied to it.
        var email = form.QuerySelector("input[name=email]")!;
        Assert.Equal(email.Id, form.QuerySelector("label")!.GetAttribute("for"));
        Assert.Contains("退订即删除邮箱", page.GetElementById(email.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        var card = await node.GetDocumentAsync("/programs/jinnan-2025");
        var programForm = card.QuerySelector("#follow form[action='/subscriptions'][method=post]")!;
        Assert.Equal(["program", "email"], programForm.QuerySelectorAll("input").Select(i => i.GetAttribute("name")!));
        Assert.Equal("jinnan-2025", programForm.QuerySelector("input[name=program]")!.GetAttribute("value"));
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => (i.GetAttribute("name")!, i.GetAttribute("value")!)).Append(("email", " " + Reader + " ")).ToArray();
        var posted = await client.PostAsync("/subscriptions", Form(fields));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("no-store", posted.Headers.CacheControl?.ToString());
        var answer = (await DocumentAsync(posted)).QuerySelector("main")!.TextContent;
        Assert.Contains("请查收确认邮件", answer, StringComparison.Ordinal);

        var confirmation = Assert.Single(mail.Messages);
        Assert.Equal(Reader, confirmation.To.Mailboxes.Single().Address);
        Assert.Contains("请确认订阅子项07-1", confirmation.Subject, StringComparison.Ordinal);
        AssertOneClickHeaders(confirmation);
        var confirmLink = Regex.Match(confirmation.TextBody!, @"https://\S+/subscriptions/confirm\?token=\S+").Value;
        Assert.StartsWith(FollowingNode.BaseUrl + "/subscriptions/confirm?token=", confirmLink, StringComparison.Ordinal);
        var confirmToken = TokenIn(confirmLink);
        var firstUnsubscribeToken = TokenIn(confirmation.Headers["List-Unsubscribe"]!);

        // Only the hashes are kept: the tokens themselves are nowhere in the database's files.
        await using (var db = node.OpenDatabase())
        {
            var stored = await db.Subscriptions.AsNoTracking().SingleAsync();
            Assert.Equal((Reader, Hash(confirmToken), Hash(firstUnsubscribeToken)), (stored.Email, stored.ConfirmTokenHash, stored.UnsubscribeTokenHash));
            Assert.Null(stored.ConfirmedAt);
        }
        Assert.All(node.DatabaseFiles(), file => Assert.False(Contains(file, confirmToken) || Contains(file, firstUnsubscribeToken)));
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.Contains(node.DatabaseFiles(), file => Contains(file, Hash(confirmToken)));
        }
        else
        {
            // On PostgreSQL, every text column of the table.
            await using var db = node.OpenDatabase();
            var all = await db.Subscriptions.AsNoTracking().Select(s => s.Email + " " + s.ConfirmTokenHash + " " + s.UnsubscribeTokenHash).ToListAsync();
            Assert.DoesNotContain(all, row => row.Contains(confirmToken, StringComparison.Ordinal) || row.Contains(firstUnsubscribeToken, StringComparison.Ordinal));
        }

        // Not confirmed: a report approved now is mailed to nobody, however often the sender runs.
        clock.Advance(TimeSpan.FromHours(1));
        await node.ApproveSocketsAsync("2025-07-31", "2025-08-05", 5600);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await node.Sender.RunOnceAsync()).HeldLease);
        Assert.Single(mail.Messages);

        // A mail scanner following the link changes nothing; the button does.
        var shown = await client.GetAsync(confirmLink);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("no-referrer", shown.Headers.GetValues("Referrer-Policy").Single());
        var button = (await DocumentAsync(shown)).QuerySelector("main form[method=post] button")!;
        Assert.Equal("确认订阅", button.TextContent);
        await using (var db = node.OpenDatabase())
        {
            Assert.Null((await db.Subscriptions.AsNoTracking().SingleAsync()).ConfirmedAt);
        }
        var confirmed = await client.PostAsync(confirmLink, Form());
        Assert.Contains("已确认订阅", (await DocumentAsync(confirmed)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // What was approved before the confirmation is in the feed, not in the mail.
        clock.Advance(TimeSpan.FromMinutes(5));
        await node.Sender.RunOnceAsync();
        Assert.Single(mail.Messages);

        // Asking again for the same thing: the same answer, and no mail (the page never tells who is subscribed).
        var again = await client.PostAsync("/subscriptions", Form(fields));
        Assert.Equal(answer, (await DocumentAsync(again)).QuerySelector("main")!.TextContent);
        Assert.Single(mail.Messages);

        // After the confirmation: the next approved report, mailed once however often the sender runs.
        clock.Advance(TimeSpan.FromDays(30));
        await node.ApproveSocketsAsync("2025-08-31", "2025-09-05", 5800);
        clock.Advance(TimeSpan.FromMinutes(1));
        await node.Sender.RunOnceAsync();
        await node.Sender.RunOnceAsync();
        clock.Advance(TimeSpan.FromHours(1));
        await node.Sender.RunOnceAsync();
        var update = Assert.Single(mail.Messages.Skip(1));
        Assert.Equal(Reader, update.To.Mailboxes.Single().Address);
        Assert.Contains("1条新动态", update.Subject, StringComparison.Ordinal);
        Assert.Contains("截至2025年8月31日进展", update.TextBody, StringComparison.Ordinal);
        Assert.Contains("充电接口：5800个", update.TextBody, StringComparison.Ordinal);
        Assert.Contains(FollowingNode.BaseUrl + "/items/jinnan-2025-07-1#report-2025-08-31-v1", update.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("7月31日", update.TextBody, StringComparison.Ordinal);
        AssertOneClickHeaders(update);

        // One click, as a mail provider makes it (RFC 8058): a POST of the header's link, no form token, no browser headers.
        var unsubscribe = update.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.StartsWith(FollowingNode.BaseUrl + "/subscriptions/unsubscribe?token=", unsubscribe, StringComparison.Ordinal);
        using (var oneClick = new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"))
        {
            var done = await client.PostAsync(unsubscribe, oneClick);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Contains("已退订", (await DocumentAsync(done)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
        await using (var db = node.OpenDatabase())
        {
            var stored = await db.Subscriptions.AsNoTracking().SingleAsync();
            Assert.Null(stored.Email);
            Assert.NotNull(stored.UnsubscribedAt);
            Assert.False(await db.Subscriptions.AnyAsync(s => s.Email == Reader));
        }
        var twice = await client.PostAsync(unsubscribe, Form());
        Assert.Contains("已经退订过了", (await DocumentAsync(twice)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Unsubscribed: nothing more.
        clock.Advance(TimeSpan.FromDays(30));
        await node.ApproveSocketsAsync("2025-09-30", "2025-10-09", 5900);
        clock.Advance(TimeSpan.FromHours(1));
        await node.Sender.RunOnceAsync();
        Assert.Equal(2, mail.Messages.Count);
    }

    private static void AssertOneClickHeaders(MimeMessage message)
    {
        Assert.Matches(@"^<https://minxin\.example\.gov\.cn/subscriptions/unsubscribe\?token=[A-Za-z0-9_-]{43}>$", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("/subscriptions/unsubscribe?token=", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_address_is_named_at_its_field_and_nothing_is_kept_or_sent()
    {
        using var mail = new MailSink();
        var clock = new TestClock(Beijing(8, 1, 10));
        using var node = new FollowingNode(TestStorage.New(provider), clock, [.. FollowingNode.Mail(mail), ("Minxin:Following:SubscriptionsPerMinute", "4")]);
        _ = node.Server;
        using var client = node.CreateClient();

        foreach (var (email, message) in new[] { ("", "请填写电子邮箱"), ("chen at example.com", "电子邮箱格式不对"), ("<script>@x.cn", "电子邮箱格式不对") })
        {
            var response = await client.PostAsync("/subscriptions", Form(("program", "jinnan-2025"), ("email", email)));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var document = await DocumentAsync(response);
            var summary = document.QuerySelector(".error-summary[role=alert]")!;
            var link = summary.QuerySelector("a[href='#email']")!;
            Assert.Contains(message, link.TextContent, StringComparison.Ordinal);
            var input = document.GetElementById("email")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains(message, document.GetElementById(input.GetAttribute("aria-describedby")!.Split(' ')[0])!.TextContent, StringComparison.Ordinal);
            Assert.Equal("电子邮箱", document.QuerySelector("label[for=email]")!.TextContent);
            Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // From another site's page: refused before anything is read.
        using (var forged = new HttpRequestMessage(HttpMethod.Post, "/subscriptions") { Content = Form(("program", "jinnan-2025"), ("email", Reader)) })
        {
            forged.Headers.Add("Origin", "https://evil.example");
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(forged)).StatusCode);
        }
        // The fourth post of the minute was the forged one; the fifth is limited.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/subscriptions", Form(("program", "jinnan-2025"), ("email", Reader)))).StatusCode);
        // The pages of the links are never limited by it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/subscriptions?program=jinnan-2025")).StatusCode);

        await using var db = node.OpenDatabase();
        Assert.Equal(0, await db.Subscriptions.CountAsync());
        Assert.Empty(mail.Messages);
    }

    [Fact]
    public async Task Confirmations_to_one_address_are_capped_and_links_that_point_at_nothing_say_so()
    {
        using var mail = new MailSink();
        var clock = new TestClock(Beijing(8, 1, 10));
        using var node = new FollowingNode(TestStorage.New(provider), clock, [.. FollowingNode.Mail(mail), ("Minxin:Following:ConfirmationsPerAddressPerDay", "2")]);
        _ = node.Server;
        using var client = node.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsync("/subscriptions", Form(("program", "jinnan-2025"), ("email", Reader)));
            Assert.Contains("请查收确认邮件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Whoever asks, one address gets at most two confirmations a day.
        Assert.Equal(2, mail.To(Reader, "请确认订阅").Count);

        foreach (var path in new[] { "/subscriptions/confirm?token=nope", "/subscriptions/confirm", "/subscriptions/unsubscribe?token=" + new string('x', 43) })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("无效", (await DocumentAsync(response)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        // Eight days on, the links have expired and the unconfirmed requests are deleted with their address.
        var link = Regex.Match(mail.Messages.First().TextBody!, @"https://\S+/subscriptions/confirm\?token=\S+").Value;
        clock.Advance(TimeSpan.FromDays(8));
        var expired = await client.PostAsync(link, Form());
        Assert.Contains("已过期", (await DocumentAsync(expired)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await node.Sender.RunOnceAsync();
        await using var db = node.OpenDatabase();
        Assert.Equal(0, await db.Subscriptions.CountAsync());
    }

    [Fact]
    public async Task Without_a_mail_server_the_form_says_mail_is_not_offered_and_keeps_nothing()
    {
        using var node = new FollowingNode(TestStorage.New(provider), TimeProvider.System, ("Minxin:PublicBaseUrl", FollowingNode.BaseUrl));
        using var client = node.CreateClient();
        var response = await client.PostAsync("/subscriptions", Form(("program", "jinnan-2025"), ("item", FollowingNode.Sockets), ("email", Reader)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var main = (await DocumentAsync(response)).QuerySelector("main")!;
        Assert.Contains("暂不提供邮件订阅", main.TextContent, StringComparison.Ordinal);
        Assert.Equal("/items/jinnan-2025-07-1/feed.atom", main.QuerySelector("a[type='application/atom+xml']")!.GetAttribute("href"));
        await using var db = node.OpenDatabase();
        Assert.Equal(0, await db.Subscriptions.CountAsync());
    }
}

public sealed class SqliteSubscriptionTests() : SubscriptionTests(DatabaseProvider.Sqlite);

public sealed class PostgresSubscriptionTests() : SubscriptionTests(DatabaseProvider.Postgres);

using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Minxin.Data;
using Minxin.Domain.Messages;
using Minxin.Domain.Programs;
using Minxin.Testing;
using Minxin.Web.Tests.Workspace;
using Minxin.Web.Workspace;

namespace Minxin.Web.Tests.Messages;

/// <summary>
/// The app on its own SQLite file with the test clock at 2025-08-01 09:00 (a Friday) in Beijing, citizens' activity
/// counted as soon as the clock moves, and 07-1 (the charging ports) led by 区城管委.
/// </summary>
public class MessagesWebFactory() : ClockedWebFactory(TestStorage.NewSqlite())
{
    public const string Program = "jinnan-2025";
    public const string Ports = "jinnan-2025-07-1";
    public const string LeadUnit = "区城管委";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int? _leadUnitId;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Minxin:CitizenActivitySeconds", "0.1");
    }

    /// <summary>The id of 07-1's lead unit, made the first time a test asks (the bundled program names no units).</summary>
    public async Task<int> LeadUnitIdAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_leadUnitId is { } known)
            {
                return known;
            }
            _ = Server;
            await using var db = OpenDatabase();
            var program = await ProgramStore.LoadForChangeAsync(db, Program);
            var unit = new ResponsibleUnit { RegionId = program!.RegionId, Code = "cgw", Name = LeadUnit };
            program.Items.Single(i => i.Code == "07-1").SetUnits(unit, []);
            await db.SaveWithNewDataVersionAsync([program.Id]);
            Services.GetRequiredService<PublicChanges>().Evict(Program);
            _leadUnitId = unit.Id;
            return unit.Id;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The program's citizens' activity is counted again at the next poll (the watcher counts when the clock has moved).</summary>
    public void CountActivity() => Clock.Advance(TimeSpan.FromSeconds(1));
}

/// <summary>What a reader's browser (or a bot) posts, from a client address of its own.</summary>
public static class Citizen
{
    public sealed record Answer(int Status, IHeaderDictionary Headers, string Body);

    private static int _next;

    /// <summary>A client address no other test uses, so the per-address limit of one test never hits another.</summary>
    public static IPAddress NewAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
    }

    /// <summary>A mobile number no other test uses (per-contact limit).</summary>
    public static string NewPhone() => $"139{Interlocked.Increment(ref _next) + 10_000_000:D8}";

    public static Dictionary<string, string> Fields(string message, string contact, string? kind = "problem", string? name = null, bool showName = false) =>
        new[]
        {
            ("message", message), ("contact", contact), ("kind", kind), ("consent", "on"), ("name", name), ("showName", showName ? "on" : null), ("website", ""),
        }.Where(f => f.Item2 is not null).ToDictionary(f => f.Item1, f => f.Item2!);

    public static Task<Answer> PostFormAsync(MinxinWebFactory factory, string path, IDictionary<string, string> fields, IPAddress? from = null,
        params (string Name, string Value)[] headers)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));
        return SendAsync(factory, "POST", path, body, "application/x-www-form-urlencoded", from ?? NewAddress(), headers);
    }

    public static Task<Answer> PostJsonAsync(MinxinWebFactory factory, string path, string json, IPAddress? from = null) =>
        SendAsync(factory, "POST", path, Encoding.UTF8.GetBytes(json), "application/json", from ?? NewAddress(), []);

    public static Task<Answer> GetAsync(MinxinWebFactory factory, string path, string? acceptEncoding = null) =>
        SendAsync(factory, "GET", path, null, null, NewAddress(), acceptEncoding is null ? [] : [("Accept-Encoding", acceptEncoding)]);

    private static async Task<Answer> SendAsync(MinxinWebFactory factory, string method, string path, byte[]? body, string? contentType, IPAddress from,
        (string Name, string Value)[] headers)
    {
        var split = path.IndexOf('?', StringComparison.Ordinal);
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("localhost");
            c.Request.Path = split < 0 ? path : path[..split];
            c.Request.QueryString = split < 0 ? QueryString.Empty : new QueryString(path[split..]);
            c.Connection.RemoteIpAddress = from;
            if (body is not null)
            {
                c.Request.Body = new MemoryStream(body);
                c.Request.ContentLength = body.Length;
                c.Request.ContentType = contentType;
            }
            foreach (var (name, value) in headers)
            {
                c.Request.Headers[name] = value;
            }
        });
        using var buffer = new MemoryStream();
        await context.Response.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var encoding = context.Response.Headers.ContentEncoding.ToString();
        if (encoding is "gzip" or "br")
        {
            using Stream decompress = encoding == "gzip" ? new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress) : new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await decompress.CopyToAsync(plain);
            bytes = plain.ToArray();
        }
        return new Answer(context.Response.StatusCode, context.Response.Headers, Encoding.UTF8.GetString(bytes));
    }

    /// <summary>Publishes a message's reply the way the staff side will: drafted by the unit, approved by a coordinator, a new data version.</summary>
    public static async Task PublishAsync(MinxinWebFactory factory, string receiptNumber, string reply, DateTimeOffset at)
    {
        await using var db = factory.OpenDatabase();
        var message = await db.Messages.Include(m => m.Entries).SingleAsync(m => m.ReceiptNumber == receiptNumber);
        Assert.Null(MessageWorkflow.DraftReply(message, reply, MessageRole.Unit, "区城管委 王丽", null, at));
        Assert.Null(MessageWorkflow.Approve(message, publish: true, "民心办 张敏", null, at));
        await db.SaveWithNewDataVersionAsync([message.ProgramId]);
    }

    /// <summary>Waits (up to 10 s) until <paramref name="check"/> holds: the page cache is evicted by a background poll.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> check, string what)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await check())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("Never happened: " + what);
    }
}

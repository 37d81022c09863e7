using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Minxin.Cli;

namespace Minxin.Web.Tests.Workspace;

/// <summary>Staff accounts, units and tokens made the way an operator makes them: with the `minxin` command, on the app's database.</summary>
public static class Staff
{
    public const string Region = "120112";

    /// <summary>Runs `minxin …` in process on the factory's database; fails the test when the command fails.</summary>
    public static async Task<string> CliAsync(MinxinWebFactory factory, string? stdin, params string[] args)
    {
        // The app's first start loads the bundled programs (and with them the region 120112) into the empty database.
        _ = factory.Server;
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await MinxinCli.RunAsync(args, () => factory.Storage, stdout, stderr, stdin is null ? null : new StringReader(stdin + "\n"));
        Assert.True(code == 0, $"minxin {string.Join(' ', args)} failed: {stderr}");
        return stdout.ToString();
    }

    public static Task UnitAsync(MinxinWebFactory factory, string code, string name, string region = Region) =>
        CliAsync(factory, null, "units", "add", name, "--region", region, "--code", code);

    public static Task UserAsync(MinxinWebFactory factory, string name, string role, string? unit = null, string region = Region, string? password = null)
    {
        var args = new List<string> { "users", "add", name, "--role", role, "--region", region, "--display-name", name + "同志", "--password-stdin" };
        if (unit is not null)
        {
            args.AddRange(["--unit", unit]);
        }
        return CliAsync(factory, password ?? Password(name), [.. args]);
    }

    public static string Password(string name) => "Haihe-Bridge-Spring-2025";

    private static int _next;

    /// <summary>Tests sharing one app each make their own accounts and units: "wangli" becomes "wangli7".</summary>
    public static string Unique(string name) => name + Interlocked.Increment(ref _next);

    /// <summary>A client that sends `Authorization: Bearer` with a token made by `minxin tokens create NAME`.</summary>
    public static async Task<HttpClient> TokenClientAsync(MinxinWebFactory factory, string name)
    {
        var output = await CliAsync(factory, null, "tokens", "create", name);
        var token = output.TrimEnd('\n').Split('\n')[^1];
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

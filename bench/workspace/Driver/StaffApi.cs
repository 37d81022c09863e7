using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Minxin.Workspace.LoadDriver;

/// <summary>What one request gave: the status code (0 when none came back) and the body.</summary>
public readonly record struct Answer(int Status, string Body)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>
/// The staff API over one HttpClient: a pool of keep-alive connections shared by all workers, each request with the
/// personal access token of the account making it.
/// </summary>
public sealed class StaffApi : IDisposable
{
    public const string Prefix = "/api/v1/workspace";

    private readonly HttpClient _http;

    public StaffApi(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Sends a request and reads the whole answer; an exception (refused, reset, timeout) becomes status 0.</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Answer(0, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>A successful answer's JSON; a failure is a <see cref="SetupException"/> naming the request.</summary>
    public async Task<JsonNode> JsonAsync(string path, string? token)
    {
        Answer answer;
        if (token is null)
        {
            using var response = await _http.GetAsync(path);
            answer = new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        else
        {
            answer = await SendAsync(HttpMethod.Get, path, token);
        }
        return answer.Succeeded
            ? JsonNode.Parse(answer.Body) ?? throw new SetupException($"GET {path}: empty answer")
            : throw new SetupException($"GET {path}: {answer.Status} {Report.Shorten(answer.Body)}");
    }

    /// <summary>The as-of date the public card of the program shows.</summary>
    public async Task<string> CardAsOfAsync(string program)
    {
        try
        {
            return (string?)(await JsonAsync($"/api/v1/programs/{program}/report-card", null))["asOf"] ?? "?";
        }
        catch (SetupException e)
        {
            return e.Message;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The benchmark cannot start: a missing token, too few rounds, an unexpected answer while reading the plan.</summary>
public sealed class SetupException(string message) : Exception(message);

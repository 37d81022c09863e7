using System.Net;
using AngleSharp;
using Microsoft.AspNetCore.Http;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>What a reader would copy, scan or see in a link preview: the share field, og:url and the QR code.</summary>
public sealed record ShareLink(string Field, string OpenGraph, string? QrCode)
{
    public static async Task<ShareLink> OfAsync(string html)
    {
        var page = await BrowsingContext.New().OpenAsync(r => r.Content(html));
        var svg = page.QuerySelector(".share-qr svg")?.OuterHtml;
        return new ShareLink(
            page.QuerySelector("#share-url")!.GetAttribute("value")!,
            page.QuerySelector("meta[property='og:url']")!.GetAttribute("content")!,
            svg is null ? null : QrCodes.Decode(svg));
    }
}

/// <summary>Requests straight into the test server, for what HttpClient cannot say: the client's address, odd methods.</summary>
public static class RawRequests
{
    public sealed record Answer(int Status, IHeaderDictionary Headers, string Body);

    public static async Task<Answer> SendAsync(this MinxinWebFactory factory, string method, string pathAndQuery,
        IPAddress? remote = null, params (string Name, string Value)[] headers)
    {
        var split = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = method;
            c.Request.Path = split < 0 ? pathAndQuery : pathAndQuery[..split];
            c.Request.QueryString = split < 0 ? QueryString.Empty : new QueryString(pathAndQuery[split..]);
            c.Connection.RemoteIpAddress = remote;
            foreach (var (name, value) in headers)
            {
                c.Request.Headers[name] = value;
            }
        });
        using var reader = new StreamReader(context.Response.Body);
        return new Answer(context.Response.StatusCode, context.Response.Headers, await reader.ReadToEndAsync());
    }
}

using System.Text;
using Microsoft.Extensions.Options;
using Minxin.Web.Platform;
using QRCoder;
using QRCoder.Exceptions;

namespace Minxin.Web.Sharing;

/// <summary>The page's own address, for the copy-link field, Open Graph and the QR code a phone can scan.</summary>
public sealed class ShareLinks(IOptions<MinxinOptions> options)
{
    /// <summary>A card's code is ~3 KB of SVG; one for a long Chinese filter ~200 KB.</summary>
    private const long QrCodeBytes = 4 << 20;

    /// <summary>What the largest QR code (version 40) holds as bytes at error correction level M.</summary>
    private const int MaxQrBytes = 2331;

    private readonly LruCache<string> _qrCodes = new(QrCodeBytes);

    /// <summary>
    /// The absolute URL of this request: on the configured public address when there is one. A public page's request
    /// has been rewritten to its canonical address by then, so that is what is shared.
    /// </summary>
    public string AbsoluteUrl(HttpRequest request)
    {
        var baseUrl = options.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        return baseUrl + request.Path + request.QueryString;
    }

    /// <summary>
    /// The QR code of <paramref name="url"/> as SVG: one path of dark modules on a white square with its quiet zone,
    /// black on white in every colour scheme so any phone can scan it. None for an address too long for any QR code
    /// (only a hostile Host header makes one): the page still carries its link.
    /// </summary>
    public string? QrSvg(string url)
    {
        if (_qrCodes.TryGet(url, out var svg))
        {
            return svg;
        }
        svg = Render(url);
        if (svg is not null)
        {
            _qrCodes.Set(url, svg, 2L * svg.Length);
        }
        return svg;
    }

    private static QRCodeData? Encode(string url)
    {
        if (Encoding.UTF8.GetByteCount(url) > MaxQrBytes)
        {
            return null;
        }
        try
        {
            using var generator = new QRCodeGenerator();
            return generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        }
        catch (DataTooLongException)
        {
            return null;
        }
    }

    private static string? Render(string url)
    {
        using var data = Encode(url);
        if (data is null)
        {
            return null;
        }
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder();
        // One rectangle per horizontal run of dark modules: a third of the bytes of one per module.
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (!matrix[y][x])
                {
                    continue;
                }
                var run = 1;
                while (x + run < size && matrix[y][x + run])
                {
                    run++;
                }
                path.Append('M').Append(x).Append(' ').Append(y).Append('h').Append(run).Append("v1h-").Append(run).Append('z');
                x += run - 1;
            }
        }
        return $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>";
    }
}

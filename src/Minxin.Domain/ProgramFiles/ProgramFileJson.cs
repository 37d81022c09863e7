using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Minxin.Domain.Quantities;

namespace Minxin.Domain.ProgramFiles;

/// <summary>The one set of JSON settings for data files: camelCase, readable Chinese, unknown fields refused.</summary>
public static class ProgramFileJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A key written twice would otherwise keep its last value silently.
        AllowDuplicateProperties = false,
        // Data files are never embedded in HTML: keep Chinese, "+" and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        Converters = { new PlainDecimalJsonConverter() },
    };
}

using System.Text.Json;

namespace Minxin.Domain.ProgramFiles;

/// <summary>Maps JSON paths ($.categories[6].items[0].title) to the line they start on, for error messages.</summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public int? LineOf(string path)
    {
        // Fall back to the closest ancestor that exists (a missing field is reported on its object's line).
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }
        }
        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    public static JsonLineIndex Build(ReadOnlySpan<byte> utf8)
    {
        var index = new JsonLineIndex();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var stack = new Stack<Frame>();
        var line = 1;
        long counted = 0;
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                var start = reader.TokenStartIndex;
                for (var i = counted; i < start; i++)
                {
                    if (utf8[(int)i] == (byte)'\n')
                    {
                        line++;
                    }
                }
                counted = start;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    pendingProperty = reader.GetString();
                    var parent = stack.Peek().Path;
                    index._lines.TryAdd(parent + "." + pendingProperty, line);
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    stack.Pop();
                    continue;
                }
                var path = CurrentPath(stack, pendingProperty);
                pendingProperty = null;
                index._lines.TryAdd(path, line);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                }
            }
        }
        catch (JsonException)
        {
            // The deserializer reports malformed JSON with its own position; what was indexed so far still helps.
        }
        return index;
    }

    private static string CurrentPath(Stack<Frame> stack, string? property)
    {
        if (stack.Count == 0)
        {
            return "$";
        }
        var parent = stack.Peek();
        if (parent.IsArray)
        {
            return $"{parent.Path}[{parent.NextIndex++}]";
        }
        return parent.Path + "." + property;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Glance.Functions.Metadefs;

/// <summary>A JSON value as Python's repr() shows what json.loads made of it: jsonschema's messages quote values so.</summary>
internal static class PythonRepr
{
    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Of(value.GetString()!),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        JsonValueKind.Number => value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : Float(value.GetDouble()),
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(Of)) + "]",
        _ => "{" + string.Join(", ", value.EnumerateObject().Select(p => Of(p.Name) + ": " + Of(p.Value))) + "}",
    };

    public static string Of(string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder().Append(quote);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ when c < ' ' || c == '\x7f' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return builder.Append(quote).ToString();
    }

    private static string Float(double value) =>
        double.IsInteger(value) && Math.Abs(value) < 1e16 ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);
}

using Azure.Data.Tables;

namespace Glance.Storage.Tables;

/// <summary>
/// Stores a long string across numbered columns: a table string property holds at most 64 KiB
/// (32K UTF-16 chars), while an image's properties or tags may need more.
/// </summary>
internal static class ChunkedColumns
{
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string prefix, string value)
    {
        var index = 0;
        for (var start = 0; start < value.Length || index == 0; start += ChunkChars, index++)
        {
            entity[$"{prefix}{index}"] = value.Substring(start, Math.Min(ChunkChars, value.Length - start));
        }
    }

    public static string Read(TableEntity entity, string prefix)
    {
        var parts = new List<string>();
        for (var index = 0; entity.TryGetValue($"{prefix}{index}", out var part) && part is string text; index++)
        {
            parts.Add(text);
        }
        return string.Concat(parts);
    }
}

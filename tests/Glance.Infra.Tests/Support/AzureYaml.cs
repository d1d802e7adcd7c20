namespace Glance.Infra.Tests.Support;

/// <summary>
/// Reads the subset of YAML that azure.yaml uses: nested mappings of scalars by indentation. Sequence items and
/// comments are skipped; nothing here needs them. Keeps the test project free of a YAML package.
/// </summary>
internal static class AzureYaml
{
    public static IReadOnlyDictionary<string, object> Load(string path)
    {
        var root = new Dictionary<string, object>(StringComparer.Ordinal);
        var open = new Stack<(int Indent, Dictionary<string, object> Map)>();
        open.Push((-1, root));

        foreach (var rawLine in File.ReadLines(path))
        {
            var line = StripComment(rawLine);
            var content = line.TrimStart();
            if (content.Length == 0 || content.StartsWith('-'))
            {
                continue;
            }

            var indent = line.Length - content.Length;
            while (indent <= open.Peek().Indent)
            {
                open.Pop();
            }

            var colon = content.IndexOf(':');
            if (colon < 0)
            {
                throw new FormatException($"{path}: not a 'key: value' line: {rawLine}");
            }

            var key = content[..colon].Trim();
            var value = content[(colon + 1)..].Trim();
            if (value.Length == 0)
            {
                var child = new Dictionary<string, object>(StringComparer.Ordinal);
                open.Peek().Map[key] = child;
                open.Push((indent, child));
            }
            else
            {
                open.Peek().Map[key] = value.Trim('"', '\'');
            }
        }

        return root;
    }

    public static IReadOnlyDictionary<string, object> Map(this IReadOnlyDictionary<string, object> map, string key) =>
        Assert.IsType<Dictionary<string, object>>(map[key]);

    public static string Scalar(this IReadOnlyDictionary<string, object> map, string key) =>
        Assert.IsType<string>(map[key]);

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return (line.TrimStart().StartsWith('#') ? string.Empty : hash >= 0 ? line[..hash] : line).TrimEnd();
    }
}

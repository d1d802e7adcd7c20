namespace Glance.Domain.Policy;

/// <summary>
/// The INI dialect of Python's configparser as Glance reads a property protection file: sections in file order with
/// their names kept exactly (they are regular expressions, which may contain ':' and capitals), keys ignoring case,
/// <c>=</c> or <c>:</c> between key and value, whole-line comments starting with <c>#</c> or <c>;</c>, indented lines
/// continuing the value above, and <c>[DEFAULT]</c> supplying keys that a section lacks. A duplicate section or key,
/// a line outside any section or without a delimiter, and <c>%</c> (configparser's interpolation) are refused.
/// Microsoft.Extensions.Configuration.Ini does not fit: it folds names to one case, forgets the order of sections
/// (the first matching one wins) and splits names at ':'.
/// </summary>
internal sealed class IniDocument
{
    private const string DefaultSection = "DEFAULT";

    private IniDocument(IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Values)> sections)
    {
        Sections = sections;
    }

    /// <summary>The sections other than DEFAULT, in file order, each with DEFAULT's keys filled in.</summary>
    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Values)> Sections { get; }

    public static IniDocument Parse(string text)
    {
        var order = new List<string>();
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        string? lastKey = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                continue;
            }
            if (char.IsWhiteSpace(line[0]) && current is not null && lastKey is not null)
            {
                current[lastKey] = (current[lastKey] + "\n" + trimmed).Trim();
                continue;
            }
            if (trimmed[0] == '[' && trimmed[^1] == ']' && trimmed.Length > 2)
            {
                var name = trimmed[1..^1];
                if (!sections.TryAdd(name, new Dictionary<string, string>(StringComparer.Ordinal)))
                {
                    throw Error(lineNumber, $"section [{name}] appears twice");
                }
                order.Add(name);
                current = sections[name];
                lastKey = null;
                continue;
            }
            if (current is null)
            {
                throw Error(lineNumber, "a key before the first [section]");
            }
            var delimiter = trimmed.IndexOfAny(['=', ':']);
            if (delimiter <= 0)
            {
                throw Error(lineNumber, $"'{trimmed}' is neither a [section] nor key = value");
            }
            var key = trimmed[..delimiter].Trim().ToLowerInvariant();
            var value = trimmed[(delimiter + 1)..].Trim();
            if (value.Contains('%', StringComparison.Ordinal))
            {
                throw Error(lineNumber, "'%' (configparser interpolation) is not supported");
            }
            if (!current.TryAdd(key, value))
            {
                throw Error(lineNumber, $"key '{key}' appears twice in its section");
            }
            lastKey = key;
        }
        var defaults = sections.GetValueOrDefault(DefaultSection) ?? [];
        return new IniDocument(order.Where(n => n != DefaultSection)
            .Select(n => (n, (IReadOnlyDictionary<string, string>)defaults.Concat(sections[n])
                .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal)))
            .ToList());
    }

    private static FormatException Error(int line, string reason) => new($"Property protection rules, line {line}: {reason}.");
}

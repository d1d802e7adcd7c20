using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage;

namespace Glance.Integration.Tests;

/// <summary>
/// The settings table in docs/settings.md and the settings the code binds must match both ways: an undocumented
/// setting is one nobody can find, a documented one the code never reads is a setting that silently does nothing.
/// </summary>
public sealed partial class DocumentedSettingsTests
{
    /// <summary>The page that holds the settings table, relative to the repository root.</summary>
    private const string SettingsPage = "docs/settings.md";

    private static readonly string[] Assemblies = ["Glance.Domain", "Glance.Authentication", "Glance.Storage", "Glance.Functions", "Glance.LocalHost"];

    /// <summary>Settings read by name rather than through an options class, and documented in the table.</summary>
    private static readonly string[] NonOptionsSettings =
    [
        StorageOptions.ConnectionName,
        // Read by BlobStores: one section per store id, beside Default.
        "Glance__Stores__Default", "Glance__Stores__<id>__Container", "Glance__Stores__<id>__BlobServiceUri", "Glance__Stores__<id>__AccessTier",
        "Glance__Stores__<id>__Description", "Glance__Stores__<id>__Weight",
    ];

    [Fact]
    public void SettingsTable_ComparedWithOptionsClasses_ListsEverySettingAndNothingElse()
    {
        var documented = DocumentedSettings();
        var bound = BoundSettings();

        var undocumented = bound.Keys.Where(name => !documented.Contains(name)).Order(StringComparer.Ordinal)
            .Select(name => $"  `{name}` ({bound[name]}) is bound but has no row in {SettingsPage}'s settings table");
        var unknown = documented.Where(name => !bound.ContainsKey(name) && !NonOptionsSettings.Contains(name)).Order(StringComparer.Ordinal)
            .Select(name => $"  `{name}` has a row in {SettingsPage} but no options property binds it (a setting read by name belongs in NonOptionsSettings)");
        var mismatches = undocumented.Concat(unknown).ToList();

        Assert.True(mismatches.Count == 0,
            $"{SettingsPage}'s settings table and the options classes disagree ({mismatches.Count}):\n{string.Join('\n', mismatches)}");
    }

    /// <summary>
    /// Every public settable property of every class with a <c>public const string SectionName</c>, as a
    /// Functions-style setting name (<c>__</c> between sections), mapped to the property it binds.
    /// </summary>
    private static Dictionary<string, string> BoundSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var optionsClasses = Assemblies.Select(name => Assembly.Load(new AssemblyName(name)))
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsClass && SectionName(type) is not null)
            .ToList();
        Assert.NotEmpty(optionsClasses);
        foreach (var type in optionsClasses)
        {
            AddProperties(settings, type, SectionName(type)!.Replace(":", "__", StringComparison.Ordinal), type.Name);
        }
        return settings;
    }

    private static void AddProperties(Dictionary<string, string> settings, Type type, string prefix, string owner)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var name = $"{prefix}__{property.Name}";
            var source = $"{owner}.{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (typeof(IDictionary).IsAssignableFrom(propertyType))
            {
                // A dictionary binds one setting per key, named by the key.
                settings[name + "__<name>"] = source;
            }
            else if (propertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                settings[name + "__0..n"] = source;
            }
            else if (propertyType.IsClass && propertyType != typeof(string) && propertyType != typeof(Uri))
            {
                AddProperties(settings, propertyType, name, source);
            }
            else
            {
                settings[name] = source;
            }
        }
    }

    private static string? SectionName(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    /// <summary>The backticked names in the first column of the table under the "# Settings" title of docs/settings.md.</summary>
    private static HashSet<string> DocumentedSettings()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, SettingsPage));
        var section = lines.SkipWhile(line => line.Trim() != "# Settings").Skip(1)
            .TakeWhile(line => !line.StartsWith('#'));
        var rows = section.Where(line => line.TrimStart().StartsWith('|')).ToList();
        Assert.True(rows.Count > 2, $"{SettingsPage} has no settings table under a \"# Settings\" title.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        // rows[0] is the header, rows[1] the |---| separator.
        foreach (var row in rows.Skip(2))
        {
            var firstColumn = row.Split('|')[1];
            var inColumn = Backticked().Matches(firstColumn).Select(match => match.Groups[1].Value).ToList();
            Assert.True(inColumn.Count > 0, $"{SettingsPage}: settings row without a backticked setting name: {row}");
            names.UnionWith(inColumn);
        }
        return names;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}

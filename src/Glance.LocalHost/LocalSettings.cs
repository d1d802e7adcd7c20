using System.Text.Json;

namespace Glance.LocalHost;

/// <summary>
/// Reads the <c>Values</c> of a Functions local.settings.json into configuration, as Core Tools does
/// (it exports them as environment variables, where <c>__</c> separates sections).
/// </summary>
public static class LocalSettings
{
    public static IConfigurationBuilder AddLocalSettingsFile(this IConfigurationBuilder configuration, string path)
    {
        if (!File.Exists(path))
        {
            return configuration;
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var value in section.EnumerateObject())
            {
                values[value.Name.Replace("__", ":", StringComparison.Ordinal)] = value.Value.ToString();
            }
        }
        return configuration.AddInMemoryCollection(values);
    }
}

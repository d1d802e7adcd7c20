using Glance.Domain.Policy;

namespace Glance.Functions;

/// <summary>
/// Builds the one <see cref="ImagePolicy"/> from <see cref="PolicyOptions"/>: reads the property protection file (the
/// domain reads no files) and lets the domain parse everything, so a bad rule or file stops the service at start.
/// </summary>
public static class ImagePolicyFactory
{
    /// <exception cref="FormatException">A rule or the property protection rules cannot be used; the message says why.</exception>
    public static ImagePolicy Create(PolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ImagePolicy(options.Rules, PropertyProtections(options));
    }

    private static PropertyProtections PropertyProtections(PolicyOptions options)
    {
        var hasFile = !string.IsNullOrWhiteSpace(options.PropertyProtectionFile);
        var hasText = !string.IsNullOrWhiteSpace(options.PropertyProtections);
        if (hasFile && hasText)
        {
            throw new FormatException("Set Glance:Policy:PropertyProtectionFile or Glance:Policy:PropertyProtections, not both.");
        }
        if (!hasFile && !hasText)
        {
            return Domain.Policy.PropertyProtections.None;
        }
        string text;
        if (hasFile)
        {
            var path = Path.GetFullPath(options.PropertyProtectionFile!, AppContext.BaseDirectory);
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FormatException($"Glance:Policy:PropertyProtectionFile '{path}' cannot be read: {e.Message}", e);
            }
        }
        else
        {
            text = options.PropertyProtections!;
        }
        return Domain.Policy.PropertyProtections.Parse(text, options.PropertyProtectionRuleFormat);
    }
}

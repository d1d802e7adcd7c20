namespace Glance.Domain.Images;

/// <summary>
/// Image families: the images that are versions of one thing (a Debian 12 every week, a hardened base every patch day)
/// name it in the extra property <see cref="Property"/>, which their owner sets like any other; a family's latest
/// image is the newest active one that is not deprecated (<see cref="DeprecatedProperty"/>) and not hidden.
/// </summary>
public static class ImageFamilies
{
    public const string Property = "os_family";

    /// <summary>"true" once the owner retires the image: lists still show it, a family's latest skips it.</summary>
    public const string DeprecatedProperty = "os_deprecated";

    /// <summary>The id of the image to use instead of a deprecated one.</summary>
    public const string ReplacementProperty = "os_replacement_image";

    /// <summary>When a deprecated image becomes obsolete (ISO 8601, UTC): from then on only administrators may download it.</summary>
    public const string ObsoleteAtProperty = "os_obsolete_at";

    /// <summary>The image's family; null when it has none (or an empty one).</summary>
    public static string? Of(Image image) =>
        image.ExtraProperties.TryGetValue(Property, out var family) && family.Length > 0 ? family : null;

    public static bool IsDeprecated(Image image) =>
        image.ExtraProperties.TryGetValue(DeprecatedProperty, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>When the image became or becomes obsolete; null unless it is deprecated with a date.</summary>
    public static DateTimeOffset? ObsoleteAt(Image image) =>
        IsDeprecated(image) && image.ExtraProperties.TryGetValue(ObsoleteAtProperty, out var text) && ParseTime(text) is { } at ? at : null;

    public static bool IsObsolete(Image image, DateTimeOffset now) => ObsoleteAt(image) is { } at && at <= now;

    public static string? Replacement(Image image) => image.ExtraProperties.GetValueOrDefault(ReplacementProperty);

    /// <summary>
    /// The lifecycle properties take only what they mean (Glance would store any string): a flag, an image id, a time.
    /// Other properties are not this class's business.
    /// </summary>
    public static void EnsureValid(string key, string? value)
    {
        switch (key)
        {
            case DeprecatedProperty when value is not ("true" or "false"):
                throw Errors.GlanceErrors.LifecyclePropertyInvalid(key, "true or false");
            case ReplacementProperty when !Guid.TryParse(value, out _):
                throw Errors.GlanceErrors.LifecyclePropertyInvalid(key, "an image id");
            case ObsoleteAtProperty when ParseTime(value) is null:
                throw Errors.GlanceErrors.LifecyclePropertyInvalid(key, "a UTC time such as 2027-01-31T00:00:00Z");
        }
    }

    private static DateTimeOffset? ParseTime(string? text) =>
        text is not null && text.EndsWith('Z')
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    /// <summary>Whether the image may be its family's latest: active, not deprecated, not hidden from lists.</summary>
    public static bool IsCandidate(Image image) => image.Status == ImageStatus.Active && !image.OsHidden && !IsDeprecated(image);
}

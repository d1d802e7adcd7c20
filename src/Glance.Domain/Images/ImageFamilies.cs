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

    /// <summary>The image's family; null when it has none (or an empty one).</summary>
    public static string? Of(Image image) =>
        image.ExtraProperties.TryGetValue(Property, out var family) && family.Length > 0 ? family : null;

    public static bool IsDeprecated(Image image) =>
        image.ExtraProperties.TryGetValue(DeprecatedProperty, out var value) && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the image may be its family's latest: active, not deprecated, not hidden from lists.</summary>
    public static bool IsCandidate(Image image) => image.Status == ImageStatus.Active && !image.OsHidden && !IsDeprecated(image);
}

using Glance.Domain.Images;

namespace Glance.Domain.Listing;

/// <summary>The filters of a list request; every condition must hold (AND).</summary>
public sealed class ImageFilter
{
    public string? Visibility { get; init; }
    public bool OsHidden { get; init; }
    public IReadOnlyList<Func<Image, bool>> Conditions { get; init; } = [];

    public bool Matches(Image image) => image.OsHidden == OsHidden && Conditions.All(c => c(image));
}

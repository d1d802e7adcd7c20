using Glance.Domain.Images;

namespace Glance.Domain.Listing;

/// <summary>The filters of a list request; every condition must hold (AND).</summary>
public sealed class ImageFilter
{
    public string? Visibility { get; init; }
    public bool OsHidden { get; init; }

    /// <summary>Which shared images of others to list: pending, accepted (default), rejected or all.</summary>
    public string MemberStatus { get; init; } = "accepted";
    public IReadOnlyList<Func<Image, bool>> Conditions { get; init; } = [];

    /// <summary>The exact-match part of the filters, for the repository to narrow its reads with.</summary>
    public IReadOnlyList<ImageFieldMatch> Narrowing { get; init; } = [];

    /// <summary>True when every condition is in <see cref="Narrowing"/>: a repository that narrows returns only matches.</summary>
    public bool IsNarrowedCompletely { get; init; } = true;

    /// <summary>The family an <c>os_family</c> filter asks for: the family's own scopes hold every image that can match.</summary>
    public string? Family { get; init; }

    /// <summary>
    /// Every status filter asks for deleted images only: the list shows the caller's deleted images that may still be
    /// restored (ours; Glance lists no deleted image, and with retention off neither does this).
    /// </summary>
    public bool ListsDeleted { get; init; }

    public bool Matches(Image image) => image.OsHidden == OsHidden && Conditions.All(c => c(image));
}

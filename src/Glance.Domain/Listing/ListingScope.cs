using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;

namespace Glance.Domain.Listing;

/// <summary>
/// A set of images that list requests read as one newest-first range: every image, an owner's images, the public
/// ones, the community ones, or those shared with a project; and each of those within an image family (the
/// <see cref="ImageFamilies.Property"/> property), so that a family's images, and its latest, are a range read too.
/// Deleted images that may still be restored have scopes of their own (<see cref="IsRetained"/>), apart from every
/// list and usage count of live images. The repository keeps one copy of each image per scope it belongs to, so that a
/// list is a merge of a few range reads proportional to the page.
/// </summary>
public sealed record ListingScope(ListingScopeKind Kind, string? Project = null, string? Family = null, bool IsRetained = false)
{
    public static ListingScope Everything { get; } = new(ListingScopeKind.All);

    public static ListingScope Public { get; } = new(ListingScopeKind.Public);

    public static ListingScope Community { get; } = new(ListingScopeKind.Community);

    /// <summary>An owner's images; a null owner (an image created without a project) is a scope too.</summary>
    public static ListingScope OwnedBy(string? project) => new(ListingScopeKind.Owner, project);

    public static ListingScope SharedWith(string project) => new(ListingScopeKind.Member, project);

    /// <summary>Every deleted image kept for a restore, until purged: an admin's <c>status=deleted</c> list.</summary>
    public static ListingScope RetainedEverything { get; } = new(ListingScopeKind.All, IsRetained: true);

    /// <summary>An owner's deleted images kept for a restore, until purged: its <c>status=deleted</c> list.</summary>
    public static ListingScope RetainedOwnedBy(string? project) => new(ListingScopeKind.Owner, project, IsRetained: true);

    /// <summary>This scope's images of one family.</summary>
    public ListingScope InFamily(string family) => this with { Family = family };

    /// <summary>The scopes an image is listed in, with the membership that puts it in each member scope.</summary>
    public static IReadOnlyList<(ListingScope Scope, ImageMember? Member)> Of(Image image, IEnumerable<ImageMember> members)
    {
        if (image.IsDeleted)
        {
            // Until purged, so that its owner can find it; nowhere a live image is listed or counted.
            return image.RestorableUntil is null ? [] : [(RetainedEverything, null), (RetainedOwnedBy(image.Owner), null)];
        }
        var scopes = new List<(ListingScope, ImageMember?)> { (Everything, null), (OwnedBy(image.Owner), null) };
        switch (image.Visibility)
        {
            case ImageVisibility.Public:
                scopes.Add((Public, null));
                break;
            case ImageVisibility.Community:
                scopes.Add((Community, null));
                break;
            case ImageVisibility.Shared:
                // Members of an image that is no longer shared stay in its partition (Glance keeps them) but are not listed.
                scopes.AddRange(members.Select(m => (SharedWith(m.MemberId), (ImageMember?)m)));
                break;
        }
        if (ImageFamilies.Of(image) is { } family)
        {
            scopes.AddRange(scopes.ToList().Select(s => (s.Item1.InFamily(family), s.Item2)));
        }
        return scopes;
    }

    /// <summary>The scopes that hold every deleted image a caller may restore: all of them for an admin, else its project's.</summary>
    public static IReadOnlyList<ListingScope> RetainedSourcesFor(Caller caller, bool isAdmin) =>
        isAdmin ? [RetainedEverything] : caller.ProjectId is { } project ? [RetainedOwnedBy(project)] : [];

    /// <summary>
    /// The scopes that hold every image a list request can return, before <see cref="Policy.ImageListScope"/> and
    /// the filters decide image by image.
    /// </summary>
    public static IReadOnlyList<ListingScope> SourcesFor(Caller caller, bool isAdmin, string? visibilityFilter)
    {
        if (isAdmin)
        {
            return visibilityFilter switch
            {
                ImageVisibility.Public => [Public],
                ImageVisibility.Community => [Community],
                _ => [Everything],
            };
        }
        var project = caller.ProjectId;
        return (visibilityFilter, project) switch
        {
            (ImageVisibility.Public, _) => [Public],
            (ImageVisibility.Community, _) => [Community],
            // Images without an owner are visible to everyone (Glance's is_image_visible), so "all" reads them too.
            ("all", null) => [Public, Community, OwnedBy(null)],
            ("all", _) => [Public, Community, OwnedBy(project), SharedWith(project), OwnedBy(null)],
            (null, null) => [Public],
            (null, _) => [Public, OwnedBy(project), SharedWith(project)],
            (ImageVisibility.Shared, not null) => [OwnedBy(project), SharedWith(project)],
            (_, not null) => [OwnedBy(project)],
            _ => [],
        };
    }
}

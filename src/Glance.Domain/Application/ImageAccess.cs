using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Policy;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// Finds an image as Glance's database layer does for a caller: the one place that combines the image, the caller's
/// membership of it and the visibility rules, so every use case hides images the same way (404, never 403). The
/// policy rules come after, in each use case. The image and its members are one read.
/// </summary>
public sealed class ImageAccess(IImageRepository images, ImagePolicy policy)
{
    public async Task<Image> FindVisibleAsync(Caller caller, string imageId, CancellationToken cancellationToken = default) =>
        (await FindVisibleWithMembersAsync(caller, imageId, cancellationToken)).Image;

    public async Task<(Image Image, ImageMember? Membership)> FindVisibleWithMembershipAsync(
        Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        var found = await FindVisibleWithMembersAsync(caller, imageId, cancellationToken);
        return (found.Image, MembershipOf(caller, found));
    }

    public Task<ImageWithMembers> FindVisibleWithMembersAsync(Caller caller, string imageId, CancellationToken cancellationToken = default) =>
        FindVisibleWithMembersAsync(caller, imageId, toChange: false, cancellationToken);

    /// <param name="toChange">
    /// The image is read to decide a change on: the state this process last saw will do (<see cref="IImageRepository.FindToChangeAsync"/>).
    /// </param>
    public async Task<ImageWithMembers> FindVisibleWithMembersAsync(Caller caller, string imageId, bool toChange, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var found = await (toChange ? images.FindToChangeAsync(imageId, cancellationToken) : images.FindWithMembersAsync(imageId, cancellationToken))
            ?? throw GlanceErrors.ImageNotFound(imageId);
        policy.EnsureVisible(caller, found.Image, MembershipOf(caller, found));
        return found;
    }

    /// <summary>The caller's membership of a shared image it does not own; null when that cannot matter.</summary>
    public ImageMember? MembershipOf(Caller caller, ImageWithMembers found) =>
        found.Image.Visibility == ImageVisibility.Shared && caller.ProjectId is { } project && found.Image.Owner != project
            && !found.Image.IsDeleted && !policy.IsAdmin(caller)
            ? found.MemberOf(project)
            : null;
}

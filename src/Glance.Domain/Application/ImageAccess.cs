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
/// policy rules come after, in each use case.
/// </summary>
public sealed class ImageAccess(IImageRepository images, IImageMemberRepository members, ImagePolicy policy)
{
    public async Task<Image> FindVisibleAsync(Caller caller, string imageId, CancellationToken cancellationToken = default) =>
        (await FindVisibleWithMembershipAsync(caller, imageId, cancellationToken)).Image;

    public async Task<(Image Image, ImageMember? Membership)> FindVisibleWithMembershipAsync(
        Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var image = await images.FindAsync(imageId, cancellationToken) ?? throw GlanceException.ImageNotFound(imageId);
        var membership = await MembershipAsync(caller, image, cancellationToken);
        policy.EnsureVisible(caller, image, membership);
        return (image, membership);
    }

    /// <summary>The caller's membership of a shared image it does not own; null when that cannot matter.</summary>
    public async Task<ImageMember?> MembershipAsync(Caller caller, Image image, CancellationToken cancellationToken = default) =>
        image.Visibility == ImageVisibility.Shared && caller.ProjectId is { } project && image.Owner != project && !image.IsDeleted
            && !policy.IsAdmin(caller)
            ? await members.FindAsync(image.Id, project, cancellationToken)
            : null;
}

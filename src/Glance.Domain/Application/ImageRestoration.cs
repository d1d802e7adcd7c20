using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;

namespace Glance.Domain.Application;

/// <summary>
/// POST /v2/images/{id}/actions/restore (ours): brings a deleted image back within its retention window
/// (<see cref="ImageServiceOptions.DeletedRetention"/>), for its owner or an admin (restore_image), charged to the
/// project's quotas as its create and upload would be. A deleted image stays hidden from everyone else, as Glance
/// hides it: 404 alike whether the id is unknown, another project's, past its window or deleted without one.
/// </summary>
public sealed class ImageRestoration(
    IImageRepository images, ImageAccess access, ImagePolicy policy, ProjectQuotas quotas, ImageServiceOptions options, ImageUpdater updater,
    TimeProvider clock)
{
    /// <summary>Decided on fresh state at each attempt: the purge or another restore may have come first.</summary>
    public Task RestoreAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        return updater.UpdateFromRecentAsync(async recentIsEnough =>
        {
            var found = await (recentIsEnough ? images.FindToChangeAsync(imageId, cancellationToken) : images.FindWithMembersAsync(imageId, cancellationToken))
                ?? throw GlanceErrors.ImageNotFound(imageId);
            var image = found.Image;
            var now = clock.GetUtcNow();
            if (!image.IsDeleted)
            {
                // Found as every use case finds a live image, then Glance's order for an action: the rule, then the state.
                policy.EnsureVisible(caller, image, access.MembershipOf(caller, found));
                policy.Enforce(ImagePolicyDefaults.RestoreImage, caller, image);
                throw GlanceErrors.ImageNotDeleted(imageId);
            }
            if (!policy.CanSeeDeleted(caller, image) || !image.IsRestorable(now))
            {
                throw GlanceErrors.ImageNotFound(imageId);
            }
            policy.Enforce(ImagePolicyDefaults.RestoreImage, caller, image);
            policy.EnsureMutable(caller, image);
            image.Undelete(now);
            ImageQuotas.EnsureWithin(image, options);
            // Last, so that a request refused anyway costs no usage read.
            await quotas.EnsureCanRestoreAsync(image, cancellationToken);
            await images.SaveAsync(image, [ImageEvents.Restore(image, now)], cancellationToken);
            return image;
        }, () => GlanceErrors.ImageRestoreLostRace(imageId), cancellationToken);
    }
}

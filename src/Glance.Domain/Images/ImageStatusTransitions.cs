using Glance.Domain.Errors;

namespace Glance.Domain.Images;

/// <summary>
/// The one table of allowed status changes, as Glance's <c>Image.valid_state_targets</c>
/// (glance/domain/__init__.py). Every status change in the service goes through <see cref="EnsureAllowed"/>.
/// </summary>
public static class ImageStatusTransitions
{
    private static readonly IReadOnlyDictionary<ImageStatus, ImageStatus[]> Targets = new Dictionary<ImageStatus, ImageStatus[]>
    {
        [ImageStatus.Queued] = [ImageStatus.Saving, ImageStatus.Uploading, ImageStatus.Importing, ImageStatus.Active, ImageStatus.Deleted],
        [ImageStatus.Saving] = [ImageStatus.Active, ImageStatus.Killed, ImageStatus.Deleted, ImageStatus.Queued],
        [ImageStatus.Uploading] = [ImageStatus.Importing, ImageStatus.Queued, ImageStatus.Deleted],
        [ImageStatus.Importing] = [ImageStatus.Active, ImageStatus.Deleted, ImageStatus.Queued],
        [ImageStatus.Active] = [ImageStatus.PendingDelete, ImageStatus.Deleted, ImageStatus.Deactivated],
        [ImageStatus.Killed] = [ImageStatus.Deleted],
        [ImageStatus.PendingDelete] = [ImageStatus.Deleted, ImageStatus.Active],
        [ImageStatus.Deactivated] = [ImageStatus.Active, ImageStatus.Deleted],
        [ImageStatus.Deleted] = [],
    };

    public static bool IsAllowed(ImageStatus from, ImageStatus to) => Targets[from].Contains(to);

    /// <summary>
    /// Ours, not Glance's (nothing leaves deleted in Glance): the status a restored image comes back with, from the one
    /// it was deleted in. Only active and deactivated images keep their bytes while deleted; an image deleted on the
    /// way to them lost its incomplete bytes, so it comes back queued, as after a failed upload.
    /// </summary>
    public static ImageStatus RestoredStatus(ImageStatus deletedFrom) => deletedFrom switch
    {
        ImageStatus.Active or ImageStatus.Deactivated or ImageStatus.Queued => deletedFrom,
        _ => ImageStatus.Queued,
    };

    /// <summary>Throws Glance's InvalidImageStatusTransition, which callers map to 409 or 400 as Glance does.</summary>
    public static void EnsureAllowed(ImageStatus from, ImageStatus to, GlanceErrorKind failureKind = GlanceErrorKind.Conflict)
    {
        if (!IsAllowed(from, to))
        {
            throw GlanceErrors.StatusTransitionNotAllowed(from, to, failureKind);
        }
    }
}

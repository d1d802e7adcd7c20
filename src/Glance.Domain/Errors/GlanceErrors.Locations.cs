using Glance.Domain.Images;

namespace Glance.Domain.Errors;

// The locations API (Images API 2.17).
public static partial class GlanceErrors
{
    /// <summary>
    /// Ours: one answer for every URL that names no copy the caller may take (not a store copy, an image that does not
    /// exist, is not visible or downloadable to the caller, is not active, or is not in that store), so that the API
    /// does not tell whether a private image exists.
    /// </summary>
    public static GlanceException InvalidLocation() =>
        Invalid("Invalid location: the URL must name the copy of an active image you may download, in one of this service's stores.");

    /// <summary>Glance's add_location on an image that is not queued.</summary>
    public static GlanceException AddLocationNeedsQueuedImage(ImageStatus status) =>
        Conflict($"It's not allowed to add locations if image status is {status.ToWire()}.");

    /// <summary>Glance's location_import task, when the data does not hash to the declared validation_data.</summary>
    public static GlanceException LocationHashMismatch(string given, string actual) =>
        Invalid($"os_hash_value: ({given}) not matched with actual os_hash_value: ({actual})");

    /// <summary>
    /// Ours: the image a location named stopped being active (or went) before the job copied it. Without the URL: the
    /// reason travels in task.failure and image.upload notifications, which never carry a location.
    /// </summary>
    public static GlanceException LocationSourceUnavailable() =>
        Invalid("The image the location names is no longer available: it is not active, or no longer in that store.");
}

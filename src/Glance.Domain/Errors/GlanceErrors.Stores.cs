namespace Glance.Domain.Errors;

// Stores (Glance's multistore: enabled_backends), worded as Glance 25 words them.
public static partial class GlanceErrors
{
    /// <summary>glance_store's UnknownScheme for a store a request names: 409 on import, 400 on upload.</summary>
    public static GlanceException StoreNotFound(string storeId) => Conflict($"Store for identifier {storeId} not found");

    public static GlanceException UploadStoreNotFound(string storeId) => Invalid($"Store for identifier {storeId} not found");

    public static GlanceException MultistoreNotEnabled() => NotFound("Multi backend is not supported at this site.");

    public static GlanceException StoreNotAvailable(string storeId) => Conflict($"The selected store {storeId} is not available on this node.");

    public static GlanceException ImageToDeleteFromStoreNotFound(string imageId) => NotFound($"Failed to find image {imageId}");

    public static GlanceException DeleteFromStoreNeedsActiveImage() =>
        Conflict("It's not allowed to remove image data from store if image status is not 'active'");

    public static GlanceException CannotDeleteOnlyStore() =>
        NotAllowed("Cannot delete image data from the only store containing it. Consider deleting the image instead.");

    public static GlanceException ImageNotInStore(string imageId, string storeId) => NotFound($"Image {imageId} is not stored in store {storeId}.");

    public static GlanceException ImageAlreadyInStore(string storeId) => Invalid($"Image is already present at store '{storeId}'");

    public static GlanceException AllStoresWithStores() =>
        Invalid("All_stores parameter can't be used with x-image-meta-store header or stores parameter");

    public static GlanceException StoresWithStoreHeader() => Invalid("Stores parameter and x-image-meta-store header can't be both specified");

    public static GlanceException AllStoresMustSucceedNeedsMultistore() => Invalid("All_stores_must_succeed can only be set with enabled_backends None");

    /// <summary>Ours: Glance accepts an empty <c>stores</c> and fails the task ("None of the uploads finished!").</summary>
    public static GlanceException NoImportStores() => Invalid("'stores' must name at least one store.");

    public static GlanceException ImportToStoreFailed(string storeId, string reason) => Conflict($"Import to store {storeId} failed: {reason}");

    public static GlanceException CopyNeedsActiveImage() => Conflict("Only images with status active can be targeted for copying");

    public static GlanceException ActiveImageNotImportable() => Conflict("Image with status active cannot be target for import");

    public static GlanceException NoStoreSucceeded() => Conflict("None of the uploads finished!");

    public static GlanceException CopyDoesNotMatch(string storeId, string what) =>
        Invalid($"The copy in store {storeId} does not match the image's {what}; it was deleted.");

}

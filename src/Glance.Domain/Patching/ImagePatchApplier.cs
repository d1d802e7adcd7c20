using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Policy;

namespace Glance.Domain.Patching;

/// <summary>
/// Applies decoded JSON-patch operations to an image with Glance's semantics (images.py _do_add/_do_replace/
/// _do_remove). As in Glance, every operation's key and value are checked first (its request deserializer), then each
/// operation in turn checks the rules (visibility, modify_image, property protections) and applies. All operations
/// apply to the in-memory image; the caller saves once, so a failure anywhere leaves nothing stored.
/// </summary>
public static class ImagePatchApplier
{
    private static readonly HashSet<string> FormatProperties = new(StringComparer.Ordinal) { "disk_format", "container_format" };

    public static void Apply(Caller caller, Image image, IReadOnlyList<PatchOperation> operations, PatchMediaVersion version, ImagePolicy policy)
    {
        Validate(image, operations);
        foreach (var operation in operations)
        {
            var key = operation.Property;
            if (operation.Op == PatchOp.Replace && key == "owner" && !policy.IsAdmin(caller))
            {
                throw GlanceErrors.OwnerChangeNeedsAdmin();
            }
            if (key == "visibility" && operation.Op != PatchOp.Remove)
            {
                policy.EnforceVisibility(caller, image, operation.Value!.Text);
            }
            policy.Enforce(ImagePolicyDefaults.ModifyImage, caller, image);
            switch (operation.Op)
            {
                case PatchOp.Remove:
                    Remove(caller, image, key, policy);
                    break;
                case PatchOp.Replace:
                    if (!ImageProperties.IsBase(key) && !Readable(caller, image, key, policy))
                    {
                        throw GlanceErrors.PropertyDoesNotExist(key);
                    }
                    Set(caller, image, key, operation, policy);
                    break;
                case PatchOp.Add:
                    if (version == PatchMediaVersion.V20 && (ImageProperties.IsBase(key) || Readable(caller, image, key, policy)))
                    {
                        throw GlanceErrors.PropertyAlreadyPresent(key);
                    }
                    Set(caller, image, key, operation, policy);
                    break;
            }
        }
    }

    /// <summary>Glance's deserializer: every key and value is checked before any operation runs.</summary>
    private static void Validate(Image image, IReadOnlyList<PatchOperation> operations)
    {
        var scratch = Image.Restore(image.ToSnapshot());
        foreach (var operation in operations)
        {
            if (operation.Property == "id")
            {
                throw GlanceErrors.AttributeReadOnly("id");
            }
            ImageAttributeWriter.EnsureWritableKey(operation.Property);
            if (operation.Op != PatchOp.Remove)
            {
                ImageAttributeWriter.Write(scratch, operation.Property, operation.Value!);
            }
        }
    }

    private static void Set(Caller caller, Image image, string key, PatchOperation operation, ImagePolicy policy)
    {
        if (FormatProperties.Contains(key) && image.Status is not (ImageStatus.Queued or ImageStatus.Importing))
        {
            throw GlanceErrors.FormatChangeNeedsQueuedImage(key);
        }
        if (!ImageProperties.IsBase(key))
        {
            // An existing property the caller cannot read cannot be updated either: Glance would take it for a new
            // one and fail with a 500 on saving; overwriting it would let create rights change what update forbids.
            var exists = image.ExtraProperties.ContainsKey(key);
            if (exists && !policy.AllowsProperty(caller, key, PropertyOperation.Read))
            {
                throw GlanceErrors.AttributeReserved(key);
            }
            policy.EnsurePropertyAllowed(caller, key, exists ? PropertyOperation.Update : PropertyOperation.Create);
        }
        var ownerBefore = image.Owner;
        ImageAttributeWriter.Write(image, key, operation.Value!);
        if (key == "owner" && image.Owner != ownerBefore && !policy.IsAdmin(caller))
        {
            throw GlanceErrors.OwnerChangeNeedsAdmin();
        }
    }

    private static void Remove(Caller caller, Image image, string key, ImagePolicy policy)
    {
        if (ImageProperties.IsBase(key))
        {
            throw GlanceErrors.PropertyNotRemovable(key);
        }
        if (!Readable(caller, image, key, policy))
        {
            throw GlanceErrors.PropertyDoesNotExist(key);
        }
        policy.EnsurePropertyAllowed(caller, key, PropertyOperation.Delete);
        image.RemoveProperty(key);
    }

    /// <summary>Whether the caller sees this extra property: one it may not read does not exist for it (409 on replace and remove).</summary>
    private static bool Readable(Caller caller, Image image, string key, ImagePolicy policy) =>
        image.ExtraProperties.ContainsKey(key) && policy.AllowsProperty(caller, key, PropertyOperation.Read);
}

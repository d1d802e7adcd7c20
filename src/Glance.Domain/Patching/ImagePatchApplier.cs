using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Policy;

namespace Glance.Domain.Patching;

/// <summary>
/// Applies parsed JSON-patch operations to an image with Glance's semantics (images.py _do_add/_do_replace/
/// _do_remove). All operations apply to the in-memory image; the caller saves once, so a failure anywhere
/// leaves nothing stored.
/// </summary>
public static class ImagePatchApplier
{
    private static readonly HashSet<string> FormatProperties = new(StringComparer.Ordinal) { "disk_format", "container_format" };

    public static void Apply(Caller caller, Image image, IReadOnlyList<PatchOperation> operations, PatchMediaVersion version)
    {
        foreach (var operation in operations)
        {
            var key = operation.Property;
            if (key == "id")
            {
                throw GlanceException.Forbidden("Attribute 'id' is read-only.");
            }
            ImageAttributeWriter.EnsureWritableKey(key);
            switch (operation.Op)
            {
                case PatchOp.Remove:
                    Remove(image, key);
                    break;
                case PatchOp.Replace:
                    if (!ImageProperties.IsBase(key) && !image.ExtraProperties.ContainsKey(key))
                    {
                        throw PropertyDoesNotExist(key);
                    }
                    Set(caller, image, key, operation);
                    break;
                case PatchOp.Add:
                    if (version == PatchMediaVersion.V20 && (ImageProperties.IsBase(key) || image.ExtraProperties.ContainsKey(key)))
                    {
                        throw GlanceException.Detail(GlanceErrorKind.Conflict, $"Property {key} already present.");
                    }
                    Set(caller, image, key, operation);
                    break;
            }
        }
    }

    private static void Set(Caller caller, Image image, string key, PatchOperation operation)
    {
        var value = operation.Value!.Value;
        if (FormatProperties.Contains(key) && image.Status is not (ImageStatus.Queued or ImageStatus.Importing))
        {
            throw GlanceException.Forbidden($"Attribute {key} can be only replaced for a queued image.");
        }
        var ownerBefore = image.Owner;
        var visibilityBefore = image.Visibility;
        ImageAttributeWriter.Write(image, key, value);
        if (key == "owner" && image.Owner != ownerBefore && !caller.IsAdmin)
        {
            throw GlanceException.Detail(GlanceErrorKind.Forbidden, "Owner can't be updated by non admin.");
        }
        if (key == "visibility" && image.Visibility != visibilityBefore)
        {
            ImagePolicy.EnsureCanSetVisibility(caller, image.Visibility);
        }
    }

    private static void Remove(Image image, string key)
    {
        if (ImageProperties.IsBase(key))
        {
            throw GlanceException.Detail(GlanceErrorKind.Forbidden, $"Property {key} may not be removed.");
        }
        if (!image.ExtraProperties.Remove(key))
        {
            throw PropertyDoesNotExist(key);
        }
    }

    private static GlanceException PropertyDoesNotExist(string key) =>
        GlanceException.Detail(GlanceErrorKind.Conflict, $"Property {key} does not exist.");
}

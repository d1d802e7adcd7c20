using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;

namespace Glance.Domain.Policy;

/// <summary>
/// Glance's default image rules, evaluated in one place. Use cases call these explicitly; a caller who may
/// not even see an image gets 404, never 403 (Glance hides existence).
/// </summary>
public static class ImagePolicy
{
    /// <summary>glance/db/utils.py is_image_visible: a member of a shared image sees it whatever its member status.</summary>
    public static bool CanSee(Caller caller, Image image, ImageMember? membership = null) =>
        caller.IsAdmin
        || image.Owner is null
        || image.Visibility is ImageVisibility.Public or ImageVisibility.Community
        || (caller.ProjectId is not null && image.Owner == caller.ProjectId)
        || (image.Visibility == ImageVisibility.Shared && membership is not null && membership.MemberId == caller.ProjectId);

    public static void EnsureVisible(Caller caller, Image image, ImageMember? membership = null)
    {
        if (image.IsDeleted || !CanSee(caller, image, membership))
        {
            throw GlanceException.ImageNotFound(image.Id);
        }
    }

    /// <summary>modify_image / delete_image: admin, or a member of the owning project.</summary>
    public static bool CanModify(Caller caller, Image image) =>
        caller.IsAdmin || (caller.ProjectId is not null && image.Owner == caller.ProjectId && IsMember(caller));

    /// <summary>For an image the caller can see (callers check that first, with its membership).</summary>
    public static void EnsureCanModify(Caller caller, Image image, string action)
    {
        if (!CanModify(caller, image))
        {
            throw GlanceException.Forbidden("You do not own this image");
        }
    }

    /// <summary>add_image: admin, or a member creating in its own project.</summary>
    public static void EnsureCanCreate(Caller caller, string? owner)
    {
        if (caller.IsAdmin)
        {
            return;
        }
        if (!IsMember(caller))
        {
            throw GlanceException.Forbidden("You are not authorized to complete add_image action.");
        }
        if (owner != caller.ProjectId)
        {
            throw GlanceException.Forbidden($"You are not permitted to create images owned by '{owner}'.");
        }
    }

    /// <summary>publicize_image is admin-only; communitize_image needs a member.</summary>
    public static void EnsureCanSetVisibility(Caller caller, string visibility)
    {
        if (visibility == ImageVisibility.Public && !caller.IsAdmin)
        {
            throw GlanceException.Forbidden("You are not authorized to complete publicize_image action.");
        }
        if (visibility == ImageVisibility.Community && !caller.IsAdmin && !IsMember(caller))
        {
            throw GlanceException.Forbidden("You are not authorized to complete communitize_image action.");
        }
    }

    public static void EnsureCanList(Caller caller)
    {
        if (!caller.IsAdmin && !caller.HasRole("reader") && !IsMember(caller))
        {
            throw GlanceException.Forbidden("You are not authorized to complete get_images action.");
        }
    }

    // Keystone's implied roles: member implies reader, admin implies member.
    private static bool IsMember(Caller caller) => caller.IsAdmin || caller.HasRole("member");
}

using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;

namespace Glance.Domain.Policy;

/// <summary>
/// Which images a list request returns before filters and the per-image get_image rule: the database's scope in
/// Glance (glance/db/sqlalchemy/api.py _select_images_query and image_get_all).
/// </summary>
public static class ImageListScope
{
    /// <param name="callerIsAdmin">Glance's context.is_admin (<see cref="ImagePolicy.IsAdmin"/>).</param>
    /// <param name="memberStatus">The member_status filter: pending, accepted (Glance's default), rejected or all.</param>
    /// <param name="membership">The caller's membership of this image, when it is a shared image the caller does not own.</param>
    public static bool Includes(
        Caller caller, bool callerIsAdmin, Image image, string? visibilityFilter, string memberStatus, ImageMember? membership)
    {
        var owned = caller.ProjectId is not null && image.Owner == caller.ProjectId;
        // A regular user's candidates: public and community images, its own, and shared images it is a member of
        // with the requested status. An admin's: every image.
        var candidate = callerIsAdmin
            || image.Visibility is ImageVisibility.Public or ImageVisibility.Community
            || owned
            || (image.Visibility == ImageVisibility.Shared && membership is not null
                && (memberStatus == "all" || membership.Status == memberStatus));
        return candidate && visibilityFilter switch
        {
            // Without a visibility filter, community images are listed only to their owner, admins included.
            null => image.Visibility != ImageVisibility.Community || owned,
            "all" => true,
            _ => image.Visibility == visibilityFilter,
        };
    }
}

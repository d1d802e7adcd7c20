using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;

namespace Glance.Domain.Policy;

/// <summary>Which images a list request returns before filters: Glance's default-list rules.</summary>
public static class ImageListScope
{
    /// <param name="memberStatus">The member_status filter: pending, accepted (Glance's default), rejected or all.</param>
    /// <param name="membership">The caller's membership of this image, when it is a shared image the caller does not own.</param>
    public static bool Includes(Caller caller, Image image, string? visibilityFilter, string memberStatus, ImageMember? membership)
    {
        var owned = caller.ProjectId is not null && image.Owner == caller.ProjectId;
        var sharedWithCaller = image.Visibility == ImageVisibility.Shared && membership is not null
            && (memberStatus == "all" || membership.Status == memberStatus);
        return visibilityFilter switch
        {
            // Admins see every image; others see public, their own and what was shared with them (accepted by
            // default). Community images are listed only to their owner unless asked for explicitly.
            null => caller.IsAdmin || image.Visibility == ImageVisibility.Public || owned || sharedWithCaller,
            "all" => ImagePolicy.CanSee(caller, image, membership),
            ImageVisibility.Public => image.Visibility == ImageVisibility.Public,
            ImageVisibility.Community => image.Visibility == ImageVisibility.Community,
            ImageVisibility.Shared => image.Visibility == ImageVisibility.Shared && (caller.IsAdmin || owned || sharedWithCaller),
            _ => image.Visibility == visibilityFilter && (caller.IsAdmin || owned),
        };
    }
}

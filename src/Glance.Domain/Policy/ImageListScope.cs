using Glance.Domain.Identity;
using Glance.Domain.Images;

namespace Glance.Domain.Policy;

/// <summary>Which images a list request returns before filters: Glance's default-list rules.</summary>
public static class ImageListScope
{
    public static bool Includes(Caller caller, Image image, string? visibilityFilter)
    {
        var owned = caller.ProjectId is not null && image.Owner == caller.ProjectId;
        return visibilityFilter switch
        {
            // Admins see every image; others see public, their own, and (with sharing) accepted shares.
            // Community images are listed only to their owner unless asked for explicitly.
            null => caller.IsAdmin || image.Visibility == ImageVisibility.Public || owned,
            "all" => ImagePolicy.CanSee(caller, image),
            ImageVisibility.Public => image.Visibility == ImageVisibility.Public,
            ImageVisibility.Community => image.Visibility == ImageVisibility.Community,
            _ => image.Visibility == visibilityFilter && (caller.IsAdmin || owned),
        };
    }
}

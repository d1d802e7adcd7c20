using Glance.Domain.Images;
using Glance.Domain.Members;

namespace Glance.Domain.Listing;

/// <summary>An image as a list read it, with the listing caller's membership when it came from a member scope.</summary>
public sealed record ListedImage(Image Image, ImageMember? Membership);

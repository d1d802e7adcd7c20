using Glance.Domain.Images;

namespace Glance.Domain.Members;

/// <summary>An image and the projects it is shared with, as one read returns them.</summary>
public sealed record ImageWithMembers(Image Image, IReadOnlyList<ImageMember> Members)
{
    public ImageMember? MemberOf(string project) => Members.FirstOrDefault(m => m.MemberId == project);
}

namespace Glance.Domain.Members;

/// <summary>Section <c>Glance:Members</c>; bound at start, so a value that is not a number stops the service.</summary>
public sealed class ImageMemberOptions
{
    public const string SectionName = "Glance:Members";

    /// <summary>Members per image; negative means unlimited (Glance's image_member_quota).</summary>
    public int ImageMemberQuota { get; set; } = 128;
}

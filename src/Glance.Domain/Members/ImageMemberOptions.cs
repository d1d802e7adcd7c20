namespace Glance.Domain.Members;

/// <summary>Section <c>Glance:Members</c>.</summary>
public sealed class ImageMemberOptions
{
    public const string SectionName = "Glance:Members";

    /// <summary>Members per image; negative means unlimited (Glance's image_member_quota).</summary>
    public int ImageMemberQuota { get; set; } = 128;
}

namespace Glance.Domain.Members;

/// <summary>A project an image is shared with, and whether it accepted the share.</summary>
public sealed record ImageMember(string ImageId, string MemberId, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> Statuses { get; } = [Pending, Accepted, Rejected];
}

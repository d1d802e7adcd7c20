using Glance.Domain.Identity;
using Glance.Domain.Images;

namespace Glance.Functions.Tests;

internal static class TestImages
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static Caller Member(string project) => new(project, "u-" + project, new HashSet<string> { "member", "reader" });

    public static Caller Admin { get; } = new("admin-project", "admin", new HashSet<string> { "admin", "member", "reader" });

    public static Image Owned(string owner, string visibility = ImageVisibility.Shared) =>
        new(Guid.NewGuid().ToString(), Now) { Owner = owner, Visibility = visibility };
}

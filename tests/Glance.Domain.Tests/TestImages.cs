using Glance.Domain.Application;
using System.Text.Json;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Moq;

namespace Glance.Domain.Tests;

internal static class TestImages
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static Caller Member(string project) => new(project, "u-" + project, new HashSet<string> { "member", "reader" });

    public static Caller Admin { get; } = new("admin-project", "admin", new HashSet<string> { "admin", "member", "reader" });

    public static Image Owned(string owner, string visibility = ImageVisibility.Shared) =>
        new(Guid.NewGuid().ToString(), Now) { Owner = owner, Visibility = visibility };

    /// <summary>Glance's default: no project limits. Strict, so a use case that reads usage anyway fails the test.</summary>
    public static ImageUpdater Updater() => new(new ImageServiceOptions(), TimeProvider.System);

    public static ProjectQuotas Unlimited() => new(new Mock<IProjectUsage>(MockBehavior.Strict).Object, new ProjectQuotaOptions());

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Ports;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests;

/// <summary>The usage adapter against Azurite: it counts the owner's copies in the listing index, and nothing else.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class TableProjectUsageTests(GlanceService service)
{
    private const long MiB = 1024 * 1024;

    private IImageRepository Repository => service.Trusted.App.Services.GetRequiredService<IImageRepository>();

    private IProjectUsage Usage => service.Trusted.App.Services.GetRequiredService<IProjectUsage>();

    private async Task<Image> AddAsync(string owner, Func<Image, Image>? shape = null)
    {
        var image = new Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow) { Owner = owner, DiskFormat = "raw", ContainerFormat = "bare" };
        image = shape?.Invoke(image) ?? image;
        await Repository.AddAsync(image, []);
        return image;
    }

    private static Image Active(Image image, long size) => Image.Restore(image.ToSnapshot() with { Status = ImageStatus.Active, Size = size });

    [Fact]
    public async Task GetAsync_CountsTheProjectsOwnImagesAsGlanceDoes_NotThoseSharedWithItOrDeleted()
    {
        // A project id that is escaped in the partition key (but valid in the member row's key).
        var project = "usage " + Guid.NewGuid().ToString("N")[..8] + " é";
        await AddAsync(project, i => Active(i, 3 * MiB));
        await AddAsync(project, i => Active(i, MiB / 2));
        await AddAsync(project);
        await AddAsync(project, i =>
        {
            i.Stage("lease", DateTimeOffset.UtcNow);
            i.MarkStaged("lease", 2 * MiB, DateTimeOffset.UtcNow);
            return i;
        });
        var deleted = await AddAsync(project, i => Active(i, 100 * MiB));
        var stored = (await Repository.FindAsync(deleted.Id))!;
        stored.MarkDeleted(DateTimeOffset.UtcNow);
        await Repository.SaveAsync(stored, []);
        var shared = await AddAsync("usage-other", i => Active(i, 50 * MiB));
        var now = DateTimeOffset.UtcNow;
        var member = new ImageMember(shared.Id, project, ImageMember.Accepted, now, now);
        await service.Trusted.App.Services.GetRequiredService<IImageMemberRepository>()
            .AddAsync((await Repository.FindAsync(shared.Id))!, member, ImageEvents.MemberCreate(member, now));

        var usage = await Usage.GetAsync(project);

        Assert.Equal(4, usage.ImageCount);
        Assert.Equal(1, usage.UploadingCount);
        Assert.Equal(3 * MiB + MiB / 2, usage.StoredBytes);
        Assert.Equal(2 * MiB, usage.StagedBytes);
    }

    [Fact]
    public async Task GetAsync_ProjectWithoutImages_IsNone()
    {
        var usage = await Usage.GetAsync("usage-empty-" + Guid.NewGuid().ToString("N"));

        Assert.Equal(Glance.Domain.Quotas.ProjectUsage.None, usage);
    }
}

using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Restore;

/// <summary>POST /v2/images/{id}/actions/restore: who may, when, and what it is charged.</summary>
public sealed class ImageRestorationTests
{
    private const long MiB = 1024 * 1024;

    private readonly Mock<IImageRepository> _images = new(MockBehavior.Strict);
    private readonly Mock<IProjectUsage> _usage = new(MockBehavior.Strict);
    private readonly ProjectQuotaOptions _limits = new();
    private readonly FakeTimeProvider _clock = new(TestImages.Now.AddDays(1));
    private readonly List<(Image Image, IReadOnlyList<ImageEvent> Events)> _saved = [];
    private readonly ImageRestoration _restoration;

    public ImageRestorationTests()
    {
        var options = new ImageServiceOptions();
        _restoration = new ImageRestoration(_images.Object, new ImageAccess(_images.Object, ImagePolicy.Default), ImagePolicy.Default,
            new ProjectQuotas(_usage.Object, _limits), options, new ImageUpdater(_images.Object, options, _clock), _clock);
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((Image image, IReadOnlyList<ImageEvent> events, CancellationToken _) => _saved.Add((image, events)))
            .Returns(Task.CompletedTask);
    }

    private Image Holding(Image image, params ImageMember[] members)
    {
        // A fresh copy at each read, as storage hands out.
        _images.Holds(image.Id, () => Image.Restore(image.ToSnapshot()), () => members);
        return image;
    }

    private async Task<GlanceException> RefusedAsync(Caller caller, string imageId)
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => _restoration.RestoreAsync(caller, imageId));
        Assert.Empty(_saved);
        return error;
    }

    [Fact]
    public async Task RestoreAsync_OwnerWithinTheWindow_SavesTheImageAsItWasWithImageRestore()
    {
        var image = Holding(RetainedImages.Deleted(RetainedImages.WithBytes("p1")));

        await _restoration.RestoreAsync(TestImages.Member("p1"), image.Id.ToUpperInvariant());

        var (saved, events) = Assert.Single(_saved);
        Assert.Equal((image.Id, ImageStatus.Active, 3 * MiB), (saved.Id, saved.Status, saved.Size!.Value));
        Assert.Equal(["image.restore"], events.Select(e => e.Type));
    }

    [Fact]
    public async Task RestoreAsync_Admin_RestoresAnotherProjectsImage()
    {
        var image = Holding(RetainedImages.Deleted(RetainedImages.WithBytes("p1")));

        await _restoration.RestoreAsync(TestImages.Admin, image.Id);

        Assert.Equal(ImageStatus.Active, Assert.Single(_saved).Image.Status);
    }

    [Fact]
    public async Task RestoreAsync_AnotherProjectOrAMemberOfTheImage_IsNotFound()
    {
        var shared = RetainedImages.WithBytes("p1");
        var image = Holding(RetainedImages.Deleted(shared), new ImageMember(shared.Id, "p2", ImageMember.Accepted, TestImages.Now, TestImages.Now));

        Assert.Equal(GlanceErrorKind.NotFound, (await RefusedAsync(TestImages.Member("p2"), image.Id)).Kind);
        Assert.Equal(GlanceErrorKind.NotFound, (await RefusedAsync(TestImages.Member("p3"), image.Id)).Kind);
    }

    [Fact]
    public async Task RestoreAsync_ReaderOfTheOwningProject_IsForbiddenByRestoreImage()
    {
        var image = Holding(RetainedImages.Deleted(RetainedImages.WithBytes("p1")));
        var reader = new Caller("p1", "u", new HashSet<string> { "reader" });

        var error = await RefusedAsync(reader, image.Id);

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
        Assert.Contains("restore_image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreAsync_RuleOverridden_DecidesWhoRestores()
    {
        var policy = new ImagePolicy(new Dictionary<string, string> { [ImagePolicyDefaults.RestoreImage] = "role:admin" });
        var options = new ImageServiceOptions();
        var restoration = new ImageRestoration(_images.Object, new ImageAccess(_images.Object, policy), policy,
            new ProjectQuotas(_usage.Object, _limits), options, new ImageUpdater(_images.Object, options, _clock), _clock);
        var image = Holding(RetainedImages.Deleted(RetainedImages.WithBytes("p1")));

        var error = await Assert.ThrowsAsync<GlanceException>(() => restoration.RestoreAsync(TestImages.Member("p1"), image.Id));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
    }

    [Fact]
    public async Task RestoreAsync_AfterTheWindow_OrDeletedWithoutOne_IsNotFound()
    {
        var expired = Holding(RetainedImages.Deleted(RetainedImages.WithBytes("p1"), TimeSpan.FromHours(1)));
        var unretained = RetainedImages.WithBytes("p1");
        unretained.MarkDeleted(TestImages.Now);
        Holding(unretained);

        Assert.Equal(GlanceErrorKind.NotFound, (await RefusedAsync(TestImages.Member("p1"), expired.Id)).Kind);
        Assert.Equal(GlanceErrorKind.NotFound, (await RefusedAsync(TestImages.Member("p1"), unretained.Id)).Kind);
    }

    [Fact]
    public async Task RestoreAsync_UnknownId_IsNotFound()
    {
        var id = Guid.NewGuid().ToString();
        _images.Holds(id, (Image?)null);

        Assert.Equal(GlanceErrorKind.NotFound, (await RefusedAsync(TestImages.Member("p1"), id)).Kind);
    }

    [Fact]
    public async Task RestoreAsync_LiveImage_IsConflictForItsOwnerAndNotFoundForOthers()
    {
        var image = Holding(RetainedImages.WithBytes("p1"));

        Assert.Equal(GlanceErrorKind.Conflict, (await RefusedAsync(TestImages.Member("p1"), image.Id)).Kind);
        Assert.Equal(GlanceErrorKind.NotFound, (await RefusedAsync(TestImages.Member("p2"), image.Id)).Kind);
    }

    [Fact]
    public async Task RestoreAsync_OverTheProjectsImageCount_IsRequestEntityTooLarge()
    {
        _limits.Defaults.ImageCountTotal = 2;
        _usage.Setup(u => u.GetAsync("p1", It.IsAny<CancellationToken>())).ReturnsAsync(new ProjectUsage(2, 0, 0, 0));
        var image = Holding(RetainedImages.Deleted(RetainedImages.WithBytes("p1")));

        var error = await RefusedAsync(TestImages.Member("p1"), image.Id);

        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("image_count_total is over limit of 2 due to current usage 2 and delta 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreAsync_BytesOverTheProjectsSizeLimit_IsRequestEntityTooLarge_AQueuedImageIsNot()
    {
        _limits.Defaults.ImageSizeTotal = 4;
        _usage.Setup(u => u.GetAsync("p1", It.IsAny<CancellationToken>())).ReturnsAsync(new ProjectUsage(1, 0, 2 * MiB, 0));
        var active = Holding(RetainedImages.Deleted(RetainedImages.WithBytes("p1")));
        var queued = Holding(RetainedImages.Deleted(TestImages.Owned("p1")));

        var error = await RefusedAsync(TestImages.Member("p1"), active.Id);
        await _restoration.RestoreAsync(TestImages.Member("p1"), queued.Id);

        Assert.Contains("image_size_total is over limit of 4 due to current usage 2 and delta 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(queued.Id, Assert.Single(_saved).Image.Id);
    }
}

using Glance.Domain.Application;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Restore;

/// <summary>DELETE with and without a retention window, and the status=deleted list that finds what may be restored.</summary>
public sealed class RetainedDeleteTests
{
    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IDataUrlIssuer> _urls = new();
    private readonly ImageServiceOptions _options = new();
    private readonly FakeTimeProvider _clock = new(TestImages.Now);
    private readonly ImageService _service;

    public RetainedDeleteTests()
    {
        _service = new ImageService(_images.Object, new ImageAccess(_images.Object, ImagePolicy.Default), ImagePolicy.Default, _data.Object, _urls.Object,
            _options, TestImages.Unlimited(), new ImageUpdater(_images.Object, _options, _clock), _clock);
        // As the repository does: the after-commit work runs once the change is committed.
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<Func<Task>>(), It.IsAny<CancellationToken>()))
            .Returns((Image _, IReadOnlyList<ImageEvent> _, Func<Task> afterCommit, CancellationToken _) => afterCommit());
    }

    private Image Held(Image image)
    {
        _images.Holds(image.Id, image);
        return image;
    }

    [Fact]
    public async Task DeleteAsync_RetentionOff_DeletesTheBytesAsGlanceDoes()
    {
        var image = Held(RetainedImages.WithBytes("p1"));

        await _service.DeleteAsync(TestImages.Member("p1"), image.Id);

        Assert.Null(image.RestorableUntil);
        _data.Verify(d => d.DeleteAsync(image.Id, "lease", It.IsAny<CancellationToken>()), Times.Once);
        _urls.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DeleteAsync_RetentionOn_KeepsSealedBytesAndEndsEveryUrl()
    {
        _options.DeletedRetention = TimeSpan.FromHours(2);
        var image = Held(RetainedImages.WithBytes("p1"));

        await _service.DeleteAsync(TestImages.Member("p1"), image.Id);

        Assert.Equal((ImageStatus.Deleted, TestImages.Now.AddHours(2)), (image.Status, image.RestorableUntil!.Value));
        _images.Verify(r => r.SaveAsync(image, It.Is<IReadOnlyList<ImageEvent>>(e => e.Single().Type == "image.delete"), It.IsAny<Func<Task>>(),
            It.IsAny<CancellationToken>()));
        _urls.Verify(u => u.RevokeDownloadUrlsAsync(image.Id, It.IsAny<CancellationToken>()), Times.Once);
        _data.Verify(d => d.DeleteUploadAsync(image.Id, It.IsAny<CancellationToken>()), Times.Once);
        _data.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DeleteAsync_RetentionOnMidUpload_DeletesTheIncompleteBytesAndKeepsTheRecord()
    {
        _options.DeletedRetention = TimeSpan.FromHours(2);
        var image = Held(Image.Restore(RetainedImages.WithBytes("p1").ToSnapshot() with { Status = ImageStatus.Saving, Size = null }));

        await _service.DeleteAsync(TestImages.Member("p1"), image.Id);

        Assert.True(image.IsRestorable(TestImages.Now));
        _data.Verify(d => d.DeleteAsync(image.Id, "lease", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ListAsync_StatusDeleted_ReadsTheCallersRetainedScopeAndShowsOnlyWhatMayStillBeRestored()
    {
        var restorable = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));
        var expired = RetainedImages.Deleted(RetainedImages.WithBytes("p1"), TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(5));
        _images.Setup(r => r.ListNewestFirstAsync(It.IsAny<IReadOnlyList<ListingScope>>(), It.IsAny<IReadOnlyList<ImageFieldMatch>>(), null, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(new[] { restorable, expired }.Select(i => new ListedImage(i, null)).ToAsyncEnumerable());
        var query = TestImages.Query(filter: new ImageFilterBuilder().OneOf("status", ["deleted"]).Build());

        var page = await _service.ListAsync(TestImages.Member("p1"), query);

        Assert.Equal([restorable.Id], page.Images.Select(i => i.Id));
        _images.Verify(r => r.ListNewestFirstAsync(
            It.Is<IReadOnlyList<ListingScope>>(s => s.SequenceEqual(new[] { ListingScope.RetainedOwnedBy("p1") })),
            It.IsAny<IReadOnlyList<ImageFieldMatch>>(), null, It.IsAny<int>(), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ListAsync_WithoutStatusDeleted_NeverShowsADeletedImage()
    {
        var restorable = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));
        _images.Setup(r => r.ListNewestFirstAsync(It.IsAny<IReadOnlyList<ListingScope>>(), It.IsAny<IReadOnlyList<ImageFieldMatch>>(), null, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(new[] { new ListedImage(restorable, null) }.ToAsyncEnumerable());
        var mixed = TestImages.Query(filter: new ImageFilterBuilder().OneOf("status", ["deleted", "active"]).Build());

        Assert.Empty((await _service.ListAsync(TestImages.Member("p1"), TestImages.Query())).Images);
        Assert.Empty((await _service.ListAsync(TestImages.Member("p1"), mixed)).Images);
    }

    [Theory]
    [InlineData(new[] { "deleted" }, true)]
    [InlineData(new[] { "deleted", "deleted" }, true)]
    [InlineData(new[] { "deleted", "active" }, false)]
    [InlineData(new[] { "active" }, false)]
    public void ImageFilter_StatusValues_ListDeletedOnlyWhenNothingElseIsAskedFor(string[] statuses, bool listsDeleted)
    {
        Assert.Equal(listsDeleted, new ImageFilterBuilder().OneOf("status", statuses).Build().ListsDeleted);
    }

    [Fact]
    public void ListingScopes_OfARetainedImage_AreItsRetainedScopesUntilItsRetentionEnds()
    {
        var image = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));
        image.SetProperty(ImageFamilies.Property, "debian-12");

        Assert.Equal([ListingScope.RetainedEverything, ListingScope.RetainedOwnedBy("p1")], ListingScope.Of(image, []).Select(s => s.Scope));
        image.EndRetention();
        Assert.Empty(ListingScope.Of(image, []));
    }
}

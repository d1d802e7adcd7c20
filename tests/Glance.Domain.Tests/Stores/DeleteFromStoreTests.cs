using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Stores;
using Moq;

namespace Glance.Domain.Tests.Stores;

/// <summary>DELETE /v2/stores/{store}/{image}: Glance's order of answers, and the copy deleted after the image stops naming it.</summary>
public sealed class DeleteFromStoreTests
{
    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly ImageDataOptions _options = new()
    {
        Stores = new([new ImageStore("cheap", null, "azure_blob", 0, []), new ImageStore("fast", null, "azure_blob", 0, [])], "fast", multistore: true),
    };

    private ImageDataService Service()
    {
        var tasks = new Mock<IImageTaskRepository>();
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, tasks.Object, options: _options);
        return new ImageDataService(new ImageAccess(_images.Object, ImagePolicy.Default), ImagePolicy.Default, _images.Object, _data.Object,
            Mock.Of<IDataUrlIssuer>(), tasks.Object, recorder, flow, TestImages.Unlimited(), _options, TimeProvider.System);
    }

    private Image Stored(params string[] stores)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare", Owner = "p1" };
        image.BeginSaving("lease", TestImages.Now, stores[0]);
        image.Activate(new ImageDataFacts(3, "m", "sha512", "h", new Glance.FormatInspection.ImageFormatInspector().Finish()), 3, TestImages.Now, stores);
        _images.Holds(image.Id, image);
        return image;
    }

    [Fact]
    public async Task DeleteFromStore_WithoutMultistore_IsAPlain404()
    {
        _options.Stores = ImageStoreCatalog.Single;

        var e = await Assert.ThrowsAsync<GlanceException>(() => Service().DeleteFromStoreAsync(TestImages.Admin, "fast", Guid.NewGuid().ToString()));

        Assert.Equal(GlanceErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task DeleteFromStore_UnknownStore_IsAConflictBeforeTheImageIsLookedFor()
    {
        var e = await Assert.ThrowsAsync<GlanceException>(() => Service().DeleteFromStoreAsync(TestImages.Admin, "bogus", Guid.NewGuid().ToString()));

        Assert.Equal(GlanceErrorKind.Conflict, e.Kind);
        _images.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DeleteFromStore_AsTheOwningMember_IsForbidden()
    {
        var image = Stored("fast", "cheap");

        var e = await Assert.ThrowsAsync<GlanceException>(() => Service().DeleteFromStoreAsync(TestImages.Member("p1"), "cheap", image.Id));

        Assert.Equal(GlanceErrorKind.NotAllowed, e.Kind);
        _data.Verify(d => d.DeleteCopyAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DeleteFromStore_OneOfTwo_SavesTheImageThenDeletesThatCopy()
    {
        var image = Stored("fast", "cheap");
        var order = new List<string>();
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<Events.ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<Image, IReadOnlyList<Events.ImageEvent>, CancellationToken>((saved, _, _) => order.Add("save " + string.Join(",", saved.Stores)))
            .Returns(Task.CompletedTask);
        _data.Setup(d => d.DeleteCopyAsync(image.Id, "fast", It.IsAny<CancellationToken>())).Callback(() => order.Add("delete fast")).Returns(Task.CompletedTask);

        await Service().DeleteFromStoreAsync(TestImages.Admin, "fast", image.Id);

        Assert.Equal(["save cheap", "delete fast"], order);
    }
}

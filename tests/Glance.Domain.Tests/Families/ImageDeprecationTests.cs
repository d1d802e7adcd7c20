using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Patching;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Families;

/// <summary>Deprecation: the lifecycle properties take only what they mean, a change of the flag is an event, an obsolete image is an administrator's.</summary>
public sealed class ImageDeprecationTests
{
    private static readonly DateTimeOffset Now = TestImages.Now;
    private readonly Mock<IImageRepository> _repository = new();
    private readonly List<IReadOnlyList<ImageEvent>> _saved = [];

    private ImageService Images()
    {
        var options = new ImageServiceOptions();
        _repository.Setup(r => r.SaveAsync(It.IsAny<Image>(), Capture.In(_saved), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return new ImageService(_repository.Object, new ImageAccess(_repository.Object, ImagePolicy.Default), ImagePolicy.Default, Mock.Of<IImageDataStore>(),
            Mock.Of<IDataUrlIssuer>(), options, TestImages.Unlimited(), new ImageUpdater(_repository.Object, options, TimeProvider.System), new FakeTimeProvider(Now));
    }

    private Image Stored(params (string Key, string Value)[] extra)
    {
        var image = Image.Restore(new Image(Guid.NewGuid().ToString(), Now.AddDays(-30)) { Owner = "p1" }.ToSnapshot() with
        {
            Status = ImageStatus.Active, Size = 4096,
        });
        foreach (var (key, value) in extra)
        {
            image.SetProperty(key, value);
        }
        _repository.Holds(image.Id, image);
        return image;
    }

    [Theory]
    [InlineData("os_deprecated", "yes", "Property os_deprecated must be true or false.")]
    [InlineData("os_replacement_image", "debian-13", "Property os_replacement_image must be an image id.")]
    [InlineData("os_obsolete_at", "next week", "Property os_obsolete_at must be a UTC time such as 2027-01-31T00:00:00Z.")]
    [InlineData("os_obsolete_at", "2027-01-31T00:00:00+02:00", "Property os_obsolete_at must be a UTC time such as 2027-01-31T00:00:00Z.")]
    public async Task Patch_ALifecyclePropertyWithAWrongValue_Is400(string key, string value, string message)
    {
        var image = Stored();

        var e = await Assert.ThrowsAsync<GlanceException>(() => Images().UpdateAsync(TestImages.Member("p1"), image.Id,
            TestImages.Patch($$"""[{"op":"add","path":"/{{key}}","value":"{{value}}"}]"""), PatchMediaVersion.V21));

        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task Patch_DeprecatingAndUndeprecating_AreEventsOfTheirOwn()
    {
        var image = Stored();
        var replacement = Guid.NewGuid().ToString();

        await Images().UpdateAsync(TestImages.Member("p1"), image.Id, TestImages.Patch($$"""
            [{"op":"add","path":"/os_deprecated","value":"true"},{"op":"add","path":"/os_replacement_image","value":"{{replacement}}"},
             {"op":"add","path":"/os_obsolete_at","value":"2027-01-31T00:00:00Z"}]
            """), PatchMediaVersion.V21);
        await Images().UpdateAsync(TestImages.Member("p1"), image.Id, TestImages.Patch("""[{"op":"replace","path":"/os_deprecated","value":"false"}]"""), PatchMediaVersion.V21);
        await Images().UpdateAsync(TestImages.Member("p1"), image.Id, TestImages.Patch("""[{"op":"add","path":"/k","value":"v"}]"""), PatchMediaVersion.V21);

        Assert.Equal([["image.update", "image.deprecate"], ["image.update", "image.undeprecate"], ["image.update"]],
            _saved.Select(events => events.Select(e => e.Type).ToArray()));
    }

    [Fact]
    public void Obsolete_OnlyADeprecatedImagePastItsDate()
    {
        Assert.True(ImageFamilies.IsObsolete(Stored(("os_deprecated", "true"), ("os_obsolete_at", "2026-01-01T00:00:00Z")), Now));
        Assert.False(ImageFamilies.IsObsolete(Stored(("os_deprecated", "true"), ("os_obsolete_at", "2027-01-01T00:00:00Z")), Now));
        Assert.False(ImageFamilies.IsObsolete(Stored(("os_deprecated", "false"), ("os_obsolete_at", "2026-01-01T00:00:00Z")), Now));
        Assert.False(ImageFamilies.IsObsolete(Stored(("os_deprecated", "true")), Now));
    }

    [Fact]
    public async Task Download_OfAnObsoleteImage_IsRefusedToItsOwnerAndServedToAnAdministrator()
    {
        var replacement = Guid.NewGuid().ToString();
        var image = Stored(("os_deprecated", "true"), ("os_obsolete_at", "2026-11-01T00:00:00Z"), ("os_replacement_image", replacement));
        var tasks = Mock.Of<IImageTaskRepository>();
        var (recorder, flow) = TestImages.DataFlow(_repository.Object, Mock.Of<IImageDataStore>(), tasks);
        var data = new ImageDataService(new ImageAccess(_repository.Object, ImagePolicy.Default), ImagePolicy.Default, _repository.Object,
            Mock.Of<IImageDataStore>(), Mock.Of<IDataUrlIssuer>(), tasks, recorder, flow, TestImages.Unlimited(), new ImageDataOptions(), new FakeTimeProvider(Now));

        var e = await Assert.ThrowsAsync<GlanceException>(() => data.GetDownloadableAsync(TestImages.Member("p1"), image.Id));
        var served = await data.GetDownloadableAsync(TestImages.Admin, image.Id);

        Assert.Equal(GlanceErrorKind.NotAllowed, e.Kind);
        Assert.Equal($"Image {image.Id} is obsolete since 2026-11-01T00:00:00Z: use image {replacement} instead.", e.Message);
        Assert.Same(image, served);
    }
}

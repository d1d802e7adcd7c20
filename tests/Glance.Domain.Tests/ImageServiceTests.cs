using Glance.Domain.Members;
using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Patching;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Moq;

namespace Glance.Domain.Tests;

public sealed class ImageServiceTests
{
    private readonly Mock<IImageRepository> _repository = new(MockBehavior.Strict);
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IDataUrlIssuer> _urls = new();
    private readonly Mock<IImageMemberRepository> _members = new();
    private readonly ImageServiceOptions _options = new();
    private readonly ImageService _service;

    public ImageServiceTests()
    {
        _service = new ImageService(
            _repository.Object, new ImageAccess(_repository.Object, ImagePolicy.Default), ImagePolicy.Default, _data.Object, _urls.Object, _options, TestImages.Unlimited(), new ImageUpdater(_repository.Object, _options, TimeProvider.System), TimeProvider.System);
    }

    [Fact]
    public async Task CreateAsync_Member_OwnsTheNewQueuedSharedImage()
    {
        _repository.Setup(r => r.AddAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var image = await _service.CreateAsync(TestImages.Member("p1"), TestImages.Create("""{"name":"n","min_ram":1,"tags":["t"],"k":"v"}"""));

        Assert.Equal("p1", image.Owner);
        Assert.Equal(ImageStatus.Queued, image.Status);
        Assert.Equal(ImageVisibility.Shared, image.Visibility);
        Assert.Equal("v", image.ExtraProperties["k"]);
        _repository.Verify(r => r.AddAsync(image, It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("""{"status":"active"}""", GlanceErrorKind.NotAllowed)]
    [InlineData("""{"self":"x"}""", GlanceErrorKind.NotAllowed)]
    [InlineData("""{"location":"x"}""", GlanceErrorKind.NotAllowed)]
    [InlineData("""{"os_glance_x":"1"}""", GlanceErrorKind.NotAllowed)]
    [InlineData("""{"owner":"other"}""", GlanceErrorKind.NotAllowed)]
    [InlineData("""{"visibility":"public"}""", GlanceErrorKind.NotAllowed)]
    [InlineData("""{"id":"bad"}""", GlanceErrorKind.Invalid)]
    [InlineData("""{"min_ram":1.5}""", GlanceErrorKind.Invalid)]
    [InlineData("""{"protected":"yes"}""", GlanceErrorKind.Invalid)]
    [InlineData("""{"foo":null}""", GlanceErrorKind.Invalid)]
    [InlineData("""{"tags":"a"}""", GlanceErrorKind.Invalid)]
    public async Task CreateAsync_InvalidBody_FailsWithoutStoring(string json, GlanceErrorKind kind)
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.CreateAsync(TestImages.Member("p1"), TestImages.Create(json)));

        Assert.Equal(kind, error.Kind);
        _repository.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CreateAsync_IdSentTwice_TheLastCountsAsAJsonLookupReadsIt()
    {
        _repository.Setup(r => r.AddAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var image = await _service.CreateAsync(TestImages.Admin,
            TestImages.Create("""{"id":"bad","id":"c65343ef-c21b-4710-830f-470cfaa2edb5"}"""));

        Assert.Equal("c65343ef-c21b-4710-830f-470cfaa2edb5", image.Id);
    }

    [Fact]
    public async Task CreateAsync_TooManyProperties_IsRequestEntityTooLarge()
    {
        _options.ImagePropertyQuota = 2;

        var error = await Assert.ThrowsAsync<GlanceException>(() =>
            _service.CreateAsync(TestImages.Member("p1"), TestImages.Create("""{"a":"1","b":"2","c":"3"}""")));

        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_IsConflict()
    {
        _repository.Setup(r => r.AddAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConcurrencyConflictException("taken"));

        var error = await Assert.ThrowsAsync<GlanceException>(() =>
            _service.CreateAsync(TestImages.Admin, TestImages.Create("""{"id":"c65343ef-c21b-4710-830f-470cfaa2edb5"}""")));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task GetAsync_OtherProjectsSharedImage_IsNotFound()
    {
        var image = TestImages.Owned("p1");
        _repository.Holds(image.Id, image);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.GetAsync(TestImages.Member("p2"), image.Id));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task UpdateAsync_LostRace_ReappliesToTheNewerImage()
    {
        var id = Guid.NewGuid().ToString();
        var first = Stored(id, ("a", "1"));
        var second = Stored(id, ("a", "1"), ("b", "2"));
        // The first attempt decides on the state this instance saw last; its commit finds it old, and the retry reads.
        _repository.Setup(r => r.FindToChangeAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new ImageWithMembers(first, []));
        _repository.Setup(r => r.FindWithMembersAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new ImageWithMembers(second, []));
        _repository.SetupSequence(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConcurrencyConflictException("stale"))
            .Returns(Task.CompletedTask);
        var operations = TestImages.Patch("""[{"op":"add","path":"/c","value":"3"}]""");

        var image = await _service.UpdateAsync(TestImages.Member("p1"), id, operations, PatchMediaVersion.V21);

        Assert.Equal(["a", "b", "c"], image.ExtraProperties.Keys);
        _repository.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task UpdateAsync_AlwaysLosingTheRace_IsConflictAfterTheConfiguredAttempts()
    {
        _options.UpdateAttempts = 3;
        var id = Guid.NewGuid().ToString();
        _repository.Holds(id, () => Stored(id));
        _repository.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException("stale"));
        var operations = TestImages.Patch("""[{"op":"add","path":"/c","value":"3"}]""");

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.UpdateAsync(TestImages.Member("p1"), id, operations, PatchMediaVersion.V21));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
        _repository.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task UpdateAsync_MemberOfAnotherProjectOnPublicImage_IsForbidden()
    {
        var image = TestImages.Owned("p1", ImageVisibility.Public);
        _repository.Holds(image.Id, image);
        var operations = TestImages.Patch("""[{"op":"add","path":"/c","value":"3"}]""");

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.UpdateAsync(TestImages.Member("p2"), image.Id, operations, PatchMediaVersion.V21));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
    }

    [Fact]
    public async Task DeleteAsync_ProtectedImage_IsForbiddenAndNothingIsSaved()
    {
        var image = TestImages.Owned("p1");
        image.ChangeProtection(true);
        _repository.Holds(image.Id, image);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.DeleteAsync(TestImages.Member("p1"), image.Id));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
        _repository.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DeleteAsync_DeletedImage_IsNotFound()
    {
        var image = TestImages.Owned("p1");
        image.MarkDeleted(TestImages.Now);
        _repository.Holds(image.Id, image);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.DeleteAsync(TestImages.Member("p1"), image.Id));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task ListAsync_DefaultOrder_StopsAfterAFullPageAndSaysThereIsMore()
    {
        var images = Enumerable.Range(0, 5).Select(_ => TestImages.Owned("p1")).ToList();
        _repository.Setup(r => r.ListNewestFirstAsync(It.IsAny<IReadOnlyList<ListingScope>>(), It.IsAny<IReadOnlyList<ImageFieldMatch>>(), null, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(images.Select(i => new ListedImage(i, null)).ToAsyncEnumerable());
        var query = TestImages.Query(limit: 2);

        var page = await _service.ListAsync(TestImages.Member("p1"), query);

        Assert.Equal(images.Take(2), page.Images);
        Assert.True(page.HasMore);
        _repository.Verify(r => r.ListNewestFirstAsync(
            It.Is<IReadOnlyList<ListingScope>>(s => s.SequenceEqual(new[] { ListingScope.Public, ListingScope.OwnedBy("p1"), ListingScope.SharedWith("p1") })),
            It.IsAny<IReadOnlyList<ImageFieldMatch>>(), null, 2, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ListAsync_NonAdmin_SeesPublicAndOwnButNotOthersSharedOrCommunity()
    {
        var own = TestImages.Owned("p1", ImageVisibility.Private);
        var ownCommunity = TestImages.Owned("p1", ImageVisibility.Community);
        var publicImage = TestImages.Owned("p2", ImageVisibility.Public);
        var othersShared = TestImages.Owned("p2");
        var othersCommunity = TestImages.Owned("p2", ImageVisibility.Community);
        var hidden = TestImages.Owned("p1");
        hidden.ChangeHidden(true);
        _repository.Setup(r => r.ListNewestFirstAsync(It.IsAny<IReadOnlyList<ListingScope>>(), It.IsAny<IReadOnlyList<ImageFieldMatch>>(), null, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(new[] { own, ownCommunity, publicImage, othersShared, othersCommunity, hidden }.Select(i => new ListedImage(i, null)).ToAsyncEnumerable());
        var query = TestImages.Query();

        var page = await _service.ListAsync(TestImages.Member("p1"), query);

        Assert.Equal([own, ownCommunity, publicImage], page.Images);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task ListAsync_UnknownMarker_IsBadRequest()
    {
        var marker = Guid.NewGuid().ToString();
        _repository.Holds(marker, (Image?)null);
        var query = TestImages.Query(marker: marker);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _service.ListAsync(TestImages.Member("p1"), query));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public async Task ListAsync_SortByNameAscendingWithMarker_ContinuesAfterTheMarker()
    {
        var images = new[] { "c", "a", "b" }.Select(n => { var i = TestImages.Owned("p1"); i.Rename(n); return i; }).ToList();
        _repository.Setup(r => r.ListNewestFirstAsync(It.IsAny<IReadOnlyList<ListingScope>>(), It.IsAny<IReadOnlyList<ImageFieldMatch>>(), null, It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(images.Select(i => new ListedImage(i, null)).ToAsyncEnumerable());
        _repository.Holds(images[1].Id, images[1]);
        var query = TestImages.Query(limit: 1, marker: images[1].Id, sort: [new("name", false), new("created_at", false), new("id", false)]);

        var page = await _service.ListAsync(TestImages.Member("p1"), query);

        Assert.Equal("b", Assert.Single(page.Images).Name);
        Assert.True(page.HasMore);
    }

    private static Image Stored(string id, params (string Key, string Value)[] extra)
    {
        var image = new Image(id, TestImages.Now) { Owner = "p1" };
        foreach (var (key, value) in extra)
        {
            image.SetProperty(key, value);
        }
        return image;
    }
}

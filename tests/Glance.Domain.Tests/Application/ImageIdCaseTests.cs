using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Members;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Moq;

namespace Glance.Domain.Tests.Application;

/// <summary>An image id names one image whatever its case: stored lower-case, looked up lower-case.</summary>
public sealed class ImageIdCaseTests
{
    private const string Lower = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeee1";

    private readonly Mock<IImageRepository> _images = new(MockBehavior.Strict);
    private readonly Mock<IImageMemberRepository> _members = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly ImageService _service;
    private readonly ImageMemberService _memberService;
    private readonly ImageDataService _dataService;

    public ImageIdCaseTests()
    {
        var access = new ImageAccess(_images.Object, ImagePolicy.Default);
        _service = new ImageService(_images.Object, access, ImagePolicy.Default, _data.Object, Mock.Of<IDataUrlIssuer>(), new ImageServiceOptions(), TestImages.Unlimited(), TestImages.Updater(_images.Object), TimeProvider.System);
        _memberService = new ImageMemberService(access, _members.Object, ImagePolicy.Default, Mock.Of<IDataUrlIssuer>(), new ImageMemberOptions(), TestImages.Updater(_images.Object), TimeProvider.System);
        var options = new ImageDataOptions();
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, options: options);
        _dataService = new ImageDataService(access, ImagePolicy.Default, _images.Object, _data.Object, Mock.Of<IDataUrlIssuer>(), _tasks.Object,
            recorder, flow, TestImages.Unlimited(), options, TimeProvider.System);
    }

    private Image Stored()
    {
        var image = new Image(Lower, TestImages.Now) { Owner = "p1" };
        _images.Holds(Lower, image);
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<Func<Task>>(), It.IsAny<CancellationToken>()))
            .Returns((Image _, IReadOnlyList<ImageEvent> _, Func<Task> afterCommit, CancellationToken _) => afterCommit());
        return image;
    }

    [Theory]
    [InlineData("AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEE1")]
    [InlineData("AaAaAaAa-bBbB-4cCc-8DdD-eEeEeEeEeEe1")]
    public async Task CreateAsync_ClientChosenIdInUpperOrMixedCase_IsStoredLowerCase(string id)
    {
        _images.Setup(r => r.AddAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var image = await _service.CreateAsync(TestImages.Member("p1"), TestImages.Create($$"""{"id":"{{id}}"}"""));

        Assert.Equal(Lower, image.Id);
        _images.Verify(r => r.AddAsync(It.Is<Image>(i => i.Id == Lower), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEE1")]
    [InlineData("AaAaAaAa-bBbB-4cCc-8DdD-eEeEeEeEeEe1")]
    [InlineData(Lower)]
    public async Task GetAsync_IdInAnyCase_FindsTheImage(string id)
    {
        Stored();

        var image = await _service.GetAsync(TestImages.Member("p1"), id);

        Assert.Equal(Lower, image.Id);
    }

    [Fact]
    public async Task AddTagAsync_UpperCaseId_SavesTheLowerCaseImage()
    {
        Stored();

        await _service.AddTagAsync(TestImages.Member("p1"), Lower.ToUpperInvariant(), "t");

        _images.Verify(r => r.SaveAsync(It.Is<Image>(i => i.Id == Lower && i.Tags.Contains("t")), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DeleteAsync_UpperCaseId_DeletesTheLowerCaseImageAndBlob()
    {
        Stored();

        await _service.DeleteAsync(TestImages.Member("p1"), Lower.ToUpperInvariant());

        _data.Verify(d => d.DeleteAsync(Lower, It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ListAsync_UpperCaseMarker_FindsTheMarkerImage()
    {
        Stored();
        _images.Setup(r => r.ListNewestFirstAsync(
                It.IsAny<IReadOnlyList<ListingScope>>(), It.IsAny<IReadOnlyList<ImageFieldMatch>>(), It.IsAny<ImageCursor?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncEnumerable.Empty<ListedImage>());

        var page = await _service.ListAsync(TestImages.Member("p1"), TestImages.Query(marker: Lower.ToUpperInvariant()));

        Assert.Empty(page.Images);
    }

    [Fact]
    public async Task AddMemberAsync_UpperCaseId_RecordsTheMemberOfTheLowerCaseImage()
    {
        Stored().ChangeVisibility(ImageVisibility.Shared);

        var member = await _memberService.AddAsync(TestImages.Member("p1"), Lower.ToUpperInvariant(), "Project-B");

        Assert.Equal(Lower, member.ImageId);
        // Member ids are project ids, kept as given: Glance compares them as strings.
        Assert.Equal("Project-B", member.MemberId);
        _members.Verify(m => m.AddAsync(It.IsAny<Image>(), It.Is<ImageMember>(x => x.ImageId == Lower), It.IsAny<ImageEvent>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ListTasksAsync_UpperCaseId_ListsTheTasksOfTheLowerCaseImage()
    {
        Stored();
        _tasks.Setup(t => t.ListAsync(Lower, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        await _dataService.ListTasksAsync(TestImages.Member("p1"), Lower.ToUpperInvariant());

        _tasks.Verify(t => t.ListAsync(Lower, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}

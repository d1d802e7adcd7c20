using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Members;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Moq;

namespace Glance.Domain.Tests.Application;

/// <summary>GET /v2/images/{id}/tasks shows a task to whom Glance's tasks_get_by_image does, its input redacted.</summary>
public sealed class ImageTaskVisibilityTests
{
    private const string SasUri = "https://files.example.com/disk.img?sv=2024&sig=SECRET";

    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly Mock<IImportQueue> _queue = new();
    private readonly Mock<IWebDownloader> _downloader = new();
    private readonly List<ImageTask> _savedTasks = [];
    private readonly ImageDataService _dataService;
    private readonly ImageImportService _importService;

    public ImageTaskVisibilityTests()
    {
        var options = new ImageDataOptions();
        var access = new ImageAccess(_images.Object, ImagePolicy.Default);
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, TestImages.Unlimited(), options, TimeProvider.System);
        _dataService = new ImageDataService(access, ImagePolicy.Default, _images.Object, _data.Object, Mock.Of<IDataUrlIssuer>(), _tasks.Object,
            recorder, flow, TestImages.Unlimited(), options, TimeProvider.System);
        _importService = new ImageImportService(access, ImagePolicy.Default, _data.Object, recorder, _downloader.Object, _queue.Object, flow,
            TestImages.Unlimited(), options, TimeProvider.System);
        _tasks.Setup(t => t.SaveAsync(Capture.In(_savedTasks), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
    }

    private Image Stored(string visibility, params ImageTask[] tasks)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now)
        {
            Owner = "p1", Visibility = visibility, DiskFormat = "raw", ContainerFormat = "bare",
        };
        _images.Holds(image.Id, image, new ImageMember(image.Id, "p2", ImageMember.Accepted, TestImages.Now, TestImages.Now));
        _tasks.Setup(t => t.ListAsync(image.Id, It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(tasks.Select(t => t with { ImageId = image.Id }).ToList());
        return image;
    }

    private static ImageTask WebDownloadBy(string? project) =>
        ImageTask.Start("placeholder", new ImageTaskInput("web-download", SasUri),
            Caller.WithoutRoles(project, "u-" + project), "req-1", TestImages.Now);

    [Theory]
    [InlineData("p1")]
    [InlineData("admin")]
    public async Task ListTasksAsync_OwnerOrAdmin_SeesTheOwnersTasks(string who)
    {
        var image = Stored(ImageVisibility.Shared, WebDownloadBy("p1"));
        var caller = who == "admin" ? TestImages.Admin : TestImages.Member(who);

        var tasks = await _dataService.ListTasksAsync(caller, image.Id);

        var task = Assert.Single(tasks);
        Assert.Equal("u-p1", task.User);
        Assert.Equal("req-1", task.RequestId);
    }

    [Theory]
    [InlineData(ImageVisibility.Shared, "p2")]
    [InlineData(ImageVisibility.Community, "p3")]
    [InlineData(ImageVisibility.Public, "p3")]
    public async Task ListTasksAsync_MemberOrViewerOfAnotherProject_GetsNoTasks(string visibility, string project)
    {
        var image = Stored(visibility, WebDownloadBy("p1"));

        var tasks = await _dataService.ListTasksAsync(TestImages.Member(project), image.Id);

        Assert.Empty(tasks);
    }

    [Fact]
    public async Task ListTasksAsync_TaskWithoutOwner_IsShownToEveryoneWhoSeesTheImage()
    {
        // Glance's _is_task_visible: a task started by a caller without a project (noauth) has no owner.
        var image = Stored(ImageVisibility.Community, WebDownloadBy(null), WebDownloadBy("p1"));

        var tasks = await _dataService.ListTasksAsync(TestImages.Member("p3"), image.Id);

        Assert.Null(Assert.Single(tasks).Owner);
    }

    [Fact]
    public async Task ListTasksAsync_ImageTheCallerCannotSee_IsNotFound()
    {
        var image = Stored(ImageVisibility.Private, WebDownloadBy("p1"));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _dataService.ListTasksAsync(TestImages.Member("p3"), image.Id));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
        Assert.Equal("The resource could not be found.", error.Message);
    }

    [Fact]
    public async Task ListTasksAsync_TaskStoredWithTheWholeUri_ShowsItWithoutTheQuery()
    {
        var image = Stored(ImageVisibility.Shared, WebDownloadBy("p1"));

        var task = Assert.Single(await _dataService.ListTasksAsync(TestImages.Member("p1"), image.Id));

        Assert.Equal("https://files.example.com/disk.img", task.Input.Uri);
        Assert.Equal(ImportRequest.WebDownload, task.Method);
    }

    [Fact]
    public async Task AcceptImportAsync_WebDownloadWithASasToken_StoresTheUriWithoutItsQuery()
    {
        var image = Stored(ImageVisibility.Shared);

        await _importService.AcceptImportAsync(TestImages.Member("p1"), image.Id, new ImportRequest(ImportRequest.WebDownload, new Uri(SasUri)), "req-1");

        Assert.NotEmpty(_savedTasks);
        Assert.All(_savedTasks, t => Assert.Equal(new ImageTaskInput("web-download", "https://files.example.com/disk.img"), t.Input));
        // The whole URI travels only in the job, for the download itself.
        _queue.Verify(q => q.EnqueueAsync(It.Is<ImportJob>(j => j.Source == new Uri(SasUri)), It.IsAny<CancellationToken>()), Times.Once);
    }
}

using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Glance.Domain.Tasks;
using Moq;

namespace Glance.Domain.Tests.Quotas;

/// <summary>The use cases call the project quotas where Glance does, and a refusal leaves nothing behind.</summary>
public sealed class QuotaEnforcementTests
{
    private const long MiB = 1024 * 1024;

    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly Mock<IProjectUsage> _usage = new(MockBehavior.Strict);
    private readonly ProjectQuotaOptions _limits = new();
    private readonly List<ImageTask> _savedTasks = [];
    private readonly ImageService _imageService;
    private readonly ImageDataService _dataService;
    private readonly ImageImportService _importService;

    public QuotaEnforcementTests()
    {
        var quotas = new ProjectQuotas(_usage.Object, _limits);
        var dataOptions = new ImageDataOptions();
        var access = new ImageAccess(_images.Object, ImagePolicy.Default);
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, quotas, dataOptions, TimeProvider.System);
        _imageService = new ImageService(_images.Object, access, ImagePolicy.Default, _data.Object, Mock.Of<IDataUrlIssuer>(), new ImageServiceOptions(), quotas, TestImages.Updater(_images.Object), TimeProvider.System);
        _dataService = new ImageDataService(access, ImagePolicy.Default, _images.Object, _data.Object, Mock.Of<IDataUrlIssuer>(), _tasks.Object,
            recorder, flow, quotas, dataOptions, TimeProvider.System);
        _importService = new ImageImportService(access, ImagePolicy.Default, _data.Object, recorder, Mock.Of<IWebDownloader>(), Mock.Of<IImportQueue>(), flow, quotas,
            dataOptions, TimeProvider.System);
        _data.Setup(d => d.WriteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns((string _, string _, Stream content, CancellationToken token) => content.CopyToAsync(Stream.Null, token));
        _data.Setup(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _tasks.Setup(t => t.SaveAsync(Capture.In(_savedTasks), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
    }

    private Image Stored(Action<Image>? arrange = null)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare", Owner = "p1" };
        arrange?.Invoke(image);
        _images.Holds(image.Id, image);
        return image;
    }

    private void Using(ProjectUsage usage) => _usage.Setup(u => u.GetAsync("p1", It.IsAny<CancellationToken>())).ReturnsAsync(usage);

    private void VerifyNothingSaved() =>
        _images.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);

    /// <summary>Refused with 413 before a byte was read: the image still queued, nothing saved, the data store never called.</summary>
    private async Task<GlanceException> AssertRefusedBeforeAnyByteAsync(Image image, Func<Task> refused)
    {
        var error = await Assert.ThrowsAsync<GlanceException>(refused);
        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
        Assert.Equal(ImageStatus.Queued, image.Status);
        VerifyNothingSaved();
        _data.VerifyNoOtherCalls();
        return error;
    }

    [Fact]
    public async Task CreateAsync_ProjectAtImageCountTotal_Is413AndStoresNothing()
    {
        _limits.Defaults.ImageCountTotal = 3;
        Using(new ProjectUsage(3, 0, 0, 0));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _imageService.CreateAsync(TestImages.Member("p1"), TestImages.Create("""{"name":"n"}""")));

        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
        _images.Verify(r => r.AddAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task CreateAsync_ProjectOverrideAboveTheDefault_Creates()
    {
        _limits.Defaults.ImageCountTotal = 3;
        _limits.Projects["p1"] = new ProjectLimits { ImageCountTotal = 4 };
        Using(new ProjectUsage(3, 0, 0, 0));

        var image = await _imageService.CreateAsync(TestImages.Member("p1"), TestImages.Create("""{"name":"n"}"""));

        _images.Verify(r => r.AddAsync(image, It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UploadAsync_ProjectAlreadyOverImageSizeTotal_Is413BeforeAnyByte()
    {
        _limits.Defaults.ImageSizeTotal = 1;
        Using(new ProjectUsage(2, 0, 2 * MiB, 0));
        var image = Stored();

        await AssertRefusedBeforeAnyByteAsync(image, () =>
            _dataService.UploadAsync(TestImages.Member("p1"), image.Id, new MemoryStream(new byte[10]), null));
    }

    [Fact]
    public async Task UploadAsync_BytesOvershootingImageSizeTotal_Are413DeletedAndTheImageQueued()
    {
        _limits.Defaults.ImageSizeTotal = 1;
        Using(new ProjectUsage(1, 0, 0, 0));
        var image = Stored();
        string? lease = null;
        _data.Setup(d => d.CreateSealedAsync(image.Id, It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string l, CancellationToken _) => lease = l).Returns(Task.CompletedTask);

        var error = await Assert.ThrowsAsync<GlanceException>(() =>
            _dataService.UploadAsync(TestImages.Member("p1"), image.Id, new MemoryStream(new byte[2 * MiB]), null));

        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
        Assert.EndsWith("[Resource image_size_total is over limit of 1 due to current usage 0 and delta 2]", error.Message);
        Assert.Equal(ImageStatus.Queued, image.Status);
        Assert.Null(image.Size);
        _data.Verify(d => d.DeleteSealedAsync(image.Id, lease!, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task IssueUploadUrlAsync_DeclaredSizeOverImageSizeTotal_Is413AndTheImageStaysQueued()
    {
        _limits.Projects["p1"] = new ProjectLimits { ImageSizeTotal = 1 };
        Using(new ProjectUsage(1, 0, 0, 0));
        var image = Stored();

        var error = await Assert.ThrowsAsync<GlanceException>(() =>
            _dataService.IssueUploadUrlAsync(TestImages.Member("p1"), image.Id, new UploadExpectations(2 * MiB, null, null, null)));

        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
        Assert.Equal(ImageStatus.Queued, image.Status);
        VerifyNothingSaved();
    }

    [Fact]
    public async Task ValidateUploadAsync_UploadOvershootingImageSizeTotal_FailsTheTaskDeletesTheBytesAndQueuesTheImage()
    {
        _limits.Defaults.ImageSizeTotal = 1;
        Using(new ProjectUsage(1, 1, 0, 0));
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        var lease = image.DataLeaseId!;
        _data.Setup(d => d.FreezeUploadAsync(image.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new UploadedBlob("s1", true, 3 * MiB));
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[3 * MiB]));

        await _dataService.ValidateUploadAsync(image.Id);

        Assert.Equal(ImageStatus.Queued, image.Status);
        Assert.Equal(["processing", "failure"], _savedTasks.Select(t => t.Status));
        Assert.EndsWith("[Resource image_size_total is over limit of 1 due to current usage 0 and delta 3]", _savedTasks[^1].Message);
        _data.Verify(d => d.DeleteSealedAsync(image.Id, lease, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ValidateUploadAsync_UploadWithinImageSizeTotal_Activates()
    {
        _limits.Defaults.ImageSizeTotal = 1;
        Using(new ProjectUsage(1, 1, 0, 0));
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        _data.Setup(d => d.FreezeUploadAsync(image.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new UploadedBlob("s1", true, MiB + 1));
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[MiB + 1]));

        await _dataService.ValidateUploadAsync(image.Id);

        Assert.Equal(ImageStatus.Active, image.Status);
        Assert.Equal(["processing", "success"], _savedTasks.Select(t => t.Status));
    }

    [Fact]
    public async Task StageAsync_ProjectAtImageCountUploading_Is413BeforeAnyByte()
    {
        _limits.Defaults.ImageCountUploading = 1;
        Using(new ProjectUsage(2, 1, 0, 0));
        var image = Stored();

        var error = await AssertRefusedBeforeAnyByteAsync(image, () =>
            _importService.StageAsync(TestImages.Member("p1"), image.Id, new MemoryStream(new byte[10])));

        Assert.EndsWith("[Resource image_count_uploading is over limit of 1 due to current usage 2 and delta 0]", error.Message);
    }

    [Fact]
    public async Task AcceptImportAsync_GlanceDirectStagedSizeOverImageSizeTotal_Is413AndKeepsTheStagedData()
    {
        _limits.Defaults.ImageSizeTotal = 2;
        Using(new ProjectUsage(1, 1, 0, 3 * MiB));
        var image = Stored(i =>
        {
            i.Stage("lease", TestImages.Now);
            i.MarkStaged("lease", 3 * MiB, TestImages.Now);
        });

        var error = await Assert.ThrowsAsync<GlanceException>(() =>
            _importService.AcceptImportAsync(TestImages.Member("p1"), image.Id, new ImportRequest(ImportRequest.GlanceDirect, null), "req-1"));

        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
        Assert.Equal(ImageStatus.Uploading, image.Status);
        Assert.True(image.DataStaged);
        Assert.Empty(_savedTasks);
        VerifyNothingSaved();
        _data.Verify(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}

using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Moq;

namespace Glance.Domain.Tests.Data;

public sealed class ImageDataServiceTests
{
    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly ImageDataService _service;

    public ImageDataServiceTests()
    {
        var options = new ImageDataOptions();
        var activation = new ImageActivation(_images.Object, _data.Object, TestImages.Unlimited(), options, TimeProvider.System);
        var access = new ImageAccess(_images.Object, Mock.Of<IImageMemberRepository>(), ImagePolicy.Default);
        var recorder = new ImageTaskRecorder(_tasks.Object, _images.Object, activation, TimeProvider.System);
        _service = new ImageDataService(access, ImagePolicy.Default, _images.Object, _data.Object, Mock.Of<IDataUrlIssuer>(), _tasks.Object, recorder, activation, TestImages.Unlimited(), options, TimeProvider.System);
    }

    private Image Stored(Action<Image> arrange)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare", Owner = "p1", Version = "v" };
        arrange(image);
        _images.Setup(r => r.FindAsync(image.Id, It.IsAny<CancellationToken>())).ReturnsAsync(image);
        return image;
    }

    [Fact]
    public async Task ValidateUploadAsync_AnotherDeliverySealedTheBlobFirst_DoesNothing()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        _data.Setup(d => d.TrySealAsync(image.Id, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        await _service.ValidateUploadAsync(image.Id);

        _images.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
        _tasks.Verify(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()), Times.Never);
        _data.Verify(d => d.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ValidateUploadAsync_ActiveImage_LeavesItsSealedBytesAlone()
    {
        var image = Stored(i => i.BeginSaving("lease", TestImages.Now));

        await _service.ValidateUploadAsync(image.Id);

        _data.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ValidateUploadAsync_BlobForAQueuedImage_IsDeleted()
    {
        var image = Stored(_ => { });

        await _service.ValidateUploadAsync(image.Id);

        // Only an unsealed blob: a sealed one belongs to an operation of the service.
        _data.Verify(d => d.DeleteUnsealedAsync(image.Id, It.IsAny<CancellationToken>()), Times.Once);
        _data.Verify(d => d.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _images.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ValidateUploadAsync_RedeliveryAfterAnotherDeliveryBeganValidating_DoesNothing()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        image.BeginImport("other-task", image.DataLeaseId!, TestImages.Now);
        _data.Setup(d => d.TrySealAsync(image.Id, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await _service.ValidateUploadAsync(image.Id);

        _data.Verify(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _tasks.Verify(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ValidateUploadAsync_GoodBytes_ActivateAndRecordASuccessfulTask()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        _data.Setup(d => d.TrySealAsync(image.Id, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));
        var saved = new List<ImageTask>();
        _tasks.Setup(t => t.SaveAsync(Capture.In(saved), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await _service.ValidateUploadAsync(image.Id);

        Assert.Equal(ImageStatus.Active, image.Status);
        Assert.Equal(4096, image.Size);
        Assert.Null(image.ImportTask);
        Assert.Equal(["processing", "success"], saved.Select(t => t.Status));
    }

    [Fact]
    public async Task ValidateUploadAsync_StorageFailsMidRead_LeavesTheTaskProcessingAndTheSealedBytesForATakeover()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        _data.Setup(d => d.TrySealAsync(image.Id, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("connection reset"));
        var saved = new List<ImageTask>();
        _tasks.Setup(t => t.SaveAsync(Capture.In(saved), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(() => _service.ValidateUploadAsync(image.Id));

        Assert.Equal(ImageStatus.Importing, image.Status);
        Assert.Equal(["processing"], saved.Select(t => t.Status));
        _data.Verify(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ValidateUploadAsync_BytesRefused_FailTheTaskAndDeleteThem()
    {
        var image = Stored(i => i.AwaitDirectUpload(new UploadExpectations(16, null, null, null), TestImages.Now));
        _data.Setup(d => d.TrySealAsync(image.Id, It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));
        var saved = new List<ImageTask>();
        _tasks.Setup(t => t.SaveAsync(Capture.In(saved), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await _service.ValidateUploadAsync(image.Id);

        Assert.Equal(ImageStatus.Queued, image.Status);
        Assert.Equal(["processing", "failure"], saved.Select(t => t.Status));
        _data.Verify(d => d.DeleteSealedAsync(image.Id, It.IsAny<string>(), It.IsAny<CancellationToken>()));
    }
}

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
        var access = new ImageAccess(_images.Object, ImagePolicy.Default);
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, options: options);
        _service = new ImageDataService(access, ImagePolicy.Default, _images.Object, _data.Object, Mock.Of<IDataUrlIssuer>(), _tasks.Object, recorder, flow, TestImages.Unlimited(), options, TimeProvider.System);
    }

    private Image Stored(Action<Image> arrange)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare", Owner = "p1" };
        arrange(image);
        _images.Holds(image.Id, image);
        return image;
    }

    private void Uploaded(Image image, long length, bool blockBlob = true) =>
        _data.Setup(d => d.FreezeUploadAsync(image.Id, It.IsAny<CancellationToken>())).ReturnsAsync(new UploadedBlob("snap", blockBlob, length));

    [Fact]
    public async Task ValidateUploadAsync_NothingUploadedYet_DoesNothing()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));

        await _service.ValidateUploadAsync(image.Id);

        _images.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
        _tasks.Verify(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()), Times.Never);
        _data.Verify(d => d.PromoteUploadAsync(It.IsAny<string>(), It.IsAny<UploadedBlob>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ValidateUploadAsync_ImageTheServiceIsWriting_TouchesNothing()
    {
        var image = Stored(i => i.BeginSaving("lease", TestImages.Now));

        await _service.ValidateUploadAsync(image.Id);

        _data.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("queued")]
    [InlineData("active")]
    public async Task ValidateUploadAsync_UploadNobodyExpects_IsDeletedFromTheUploadAreaOnly(string status)
    {
        var image = Stored(i =>
        {
            if (status == "active")
            {
                i.BeginSaving("lease", TestImages.Now);
                i.Activate(new ImageDataFacts(3, "c", "sha512", "h", new Glance.FormatInspection.ImageFormatInspector().Finish()), 3, TestImages.Now);
            }
        });

        await _service.ValidateUploadAsync(image.Id);

        _data.Verify(d => d.DeleteUploadAsync(image.Id, It.IsAny<CancellationToken>()), Times.Once);
        _data.VerifyNoOtherCalls();
        _images.Verify(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ValidateUploadAsync_RedeliveryAfterAnotherDeliveryBeganValidating_DoesNothing()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        image.BeginImport("other-task", image.DataLeaseId!, TestImages.Now);
        Uploaded(image, 4096);

        await _service.ValidateUploadAsync(image.Id);

        _data.VerifyNoOtherCalls();
        _tasks.Verify(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ValidateUploadAsync_GoodBytes_PromoteHashTheServedCopyActivateAndClearTheUploadArea()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        var lease = image.DataLeaseId!;
        Uploaded(image, 4096);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));
        var saved = new List<ImageTask>();
        _tasks.Setup(t => t.SaveAsync(Capture.In(saved), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await _service.ValidateUploadAsync(image.Id);

        Assert.Equal(ImageStatus.Active, image.Status);
        Assert.Equal(4096, image.Size);
        Assert.Null(image.ImportTask);
        Assert.Equal(["processing", "success"], saved.Select(t => t.Status));
        _data.Verify(d => d.PromoteUploadAsync(image.Id, It.Is<UploadedBlob>(u => u.Snapshot == "snap"), lease, It.IsAny<CancellationToken>()), Times.Once);
        _data.Verify(d => d.DeleteUploadAsync(image.Id, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ValidateUploadAsync_StorageFailsMidRead_LeavesTheTaskProcessingAndTheSealedBytesForATakeover()
    {
        var image = Stored(i => i.AwaitDirectUpload(UploadExpectations.None, TestImages.Now));
        Uploaded(image, 4096);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("connection reset"));
        var saved = new List<ImageTask>();
        _tasks.Setup(t => t.SaveAsync(Capture.In(saved), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(() => _service.ValidateUploadAsync(image.Id));

        Assert.Equal(ImageStatus.Importing, image.Status);
        Assert.Equal(["processing"], saved.Select(t => t.Status));
        _data.Verify(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _data.Verify(d => d.DeleteUploadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    public static TheoryData<string, long, bool, long?> RefusedBeforeReading => new()
    {
        { "a page blob", 4096, false, null },
        { "a length other than declared", 4096, true, 16 },
        { "a length over the image size cap", 2L * 1024 * 1024 * 1024 * 1024, true, null },
    };

    [Theory]
    [MemberData(nameof(RefusedBeforeReading))]
    public async Task ValidateUploadAsync_UploadThatCannotBeTheImage_IsRefusedBeforeAByteIsRead(string what, long length, bool blockBlob, long? declared)
    {
        var image = Stored(i => i.AwaitDirectUpload(new UploadExpectations(declared, null, null, null), TestImages.Now));
        Uploaded(image, length, blockBlob);
        var saved = new List<ImageTask>();
        _tasks.Setup(t => t.SaveAsync(Capture.In(saved), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await _service.ValidateUploadAsync(image.Id);

        Assert.Equal((what, ImageStatus.Queued), (what, image.Status));
        Assert.Equal(["processing", "failure"], saved.Select(t => t.Status));
        _data.Verify(d => d.PromoteUploadAsync(It.IsAny<string>(), It.IsAny<UploadedBlob>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _data.Verify(d => d.OpenReadAsync(It.IsAny<string>(), It.IsAny<long>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()), Times.Never);
        _data.Verify(d => d.DeleteUploadAsync(image.Id, It.IsAny<CancellationToken>()), Times.AtLeastOnce);
    }
}

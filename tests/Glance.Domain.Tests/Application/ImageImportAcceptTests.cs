using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Application;

/// <summary>POST /import up to its 202: checks, a pending task, the image importing, a queued job; no byte is read.</summary>
public sealed class ImageImportAcceptTests
{
    private readonly FakeTimeProvider _clock = new(TestImages.Now);
    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IWebDownloader> _downloader = new();
    private readonly Mock<IImportQueue> _queue = new();
    private readonly List<string> _writes = [];
    private readonly List<ImageEvent> _events = [];
    private readonly ImageImportService _imports;

    public ImageImportAcceptTests()
    {
        var options = new ImageDataOptions();
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, TestImages.Unlimited(), options, _clock);
        var access = new ImageAccess(_images.Object, ImagePolicy.Default);
        _imports = new ImageImportService(access, ImagePolicy.Default, _data.Object, recorder, _downloader.Object, _queue.Object, flow,
            TestImages.Unlimited(), options, _clock);
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((Image image, IReadOnlyList<ImageEvent> events, CancellationToken _) =>
            {
                _writes.Add("image:" + image.Status.ToWire());
                _events.AddRange(events);
            })
            .Returns(Task.CompletedTask);
        _tasks.Setup(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Callback((ImageTask task, CancellationToken _) => _writes.Add("task:" + task.Status))
            .Returns(Task.CompletedTask);
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<ImportJob>(), It.IsAny<CancellationToken>()))
            .Callback((ImportJob job, CancellationToken _) => _writes.Add("queued:" + job.ImageId))
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task AcceptImportAsync_StagedImage_RecordsAPendingTaskMovesToImportingAndQueuesTheJob()
    {
        var image = Stored(i =>
        {
            i.Stage("lease", TestImages.Now);
            i.MarkStaged("lease", 4096, TestImages.Now);
        });

        var task = (await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, new ImportRequest(ImportRequest.GlanceDirect, null), "req-1"))!;

        Assert.Equal(["image:importing", "task:pending", "queued:" + image.Id], _writes);
        Assert.Equal((ImageTask.Pending, image.Id, "req-1"), (task.Status, task.ImageId, task.RequestId));
        _queue.Verify(q => q.EnqueueAsync(new ImportJob(image.Id, task.Id), It.IsAny<CancellationToken>()));
        Assert.Equal(["image.update", "image.prepare", "task.create"], _events.Select(e => e.Type));
        _data.Verify(d => d.OpenReadAsync(It.IsAny<string>(), It.IsAny<long>(), It.IsAny<long?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AcceptImportAsync_WebDownload_ChecksTheUriButDoesNotConnect()
    {
        var image = Stored(_ => { });
        var uri = new Uri("http://mirror.example/disk.raw");

        var task = (await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, new ImportRequest(ImportRequest.WebDownload, uri), null))!;

        Assert.Equal(["image:importing", "task:pending", "queued:" + image.Id], _writes);
        Assert.Equal(uri, task.Uri);
        _downloader.Verify(d => d.EnsureAllowedAsync(uri, It.IsAny<CancellationToken>()));
        _downloader.Verify(d => d.OpenAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AcceptImportAsync_NotStaged_Is409AndQueuesNothing()
    {
        var image = Stored(_ => { });

        var e = await Assert.ThrowsAsync<GlanceException>(() =>
            _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, new ImportRequest(ImportRequest.GlanceDirect, null), null));

        Assert.Equal(GlanceErrorKind.Conflict, e.Kind);
        Assert.Empty(_writes);
    }

    [Fact]
    public async Task AcceptImportAsync_ImportAlreadyPending_Is409AndQueuesNothing()
    {
        var image = Stored(i => i.BeginImport("pending-task", "lease", TestImages.Now));

        var e = await Assert.ThrowsAsync<GlanceException>(() =>
            _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, new ImportRequest(ImportRequest.WebDownload, new Uri("http://mirror.example/x")), null));

        Assert.Equal(GlanceErrorKind.Conflict, e.Kind);
        Assert.Empty(_writes);
    }

    [Fact]
    public async Task AcceptImportAsync_QueueUnreachable_FailsWithTheLockHeldByThePendingTaskForTheRecovery()
    {
        var image = Stored(_ => { });
        _queue.Setup(q => q.EnqueueAsync(It.IsAny<ImportJob>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("queue down"));

        await Assert.ThrowsAsync<IOException>(() =>
            _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id, new ImportRequest(ImportRequest.WebDownload, new Uri("http://mirror.example/x")), null));

        Assert.Equal(["image:importing", "task:pending"], _writes);
    }

    [Fact]
    public async Task AcceptImportAsync_ClientGoneOnceTheImageIsImporting_StillRecordsAndQueuesTheJobUncancelled()
    {
        var image = Stored(_ => { });
        using var request = new CancellationTokenSource();
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback(request.Cancel)
            .Returns(Task.CompletedTask);

        var task = (await _imports.AcceptImportAsync(TestImages.Member("p1"), image.Id,
            new ImportRequest(ImportRequest.WebDownload, new Uri("http://mirror.example/x")), null, request.Token))!;

        _tasks.Verify(t => t.SaveAsync(task, CancellationToken.None));
        _queue.Verify(q => q.EnqueueAsync(It.Is<ImportJob>(j => j.ImageId == image.Id && j.TaskId == task.Id), CancellationToken.None));
    }

    private Image Stored(Action<Image> arrange)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { Owner = "p1", DiskFormat = "raw", ContainerFormat = "bare" };
        arrange(image);
        _images.Holds(image.Id, () => Image.Restore(image.ToSnapshot()));
        return image;
    }
}

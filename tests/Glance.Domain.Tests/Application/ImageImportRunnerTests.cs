using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Moq;

namespace Glance.Domain.Tests.Application;

/// <summary>The queue trigger's use case: one delivery runs an accepted import; every other delivery does nothing.</summary>
public sealed class ImageImportRunnerTests
{
    private readonly Mock<IImageRepository> _images = new();
    private readonly Mock<IImageTaskRepository> _tasks = new();
    private readonly Mock<IImageDataStore> _data = new();
    private readonly Mock<IWebDownloader> _downloader = new();
    private readonly List<string> _writes = [];
    private readonly List<ImageTask> _savedTasks = [];
    private readonly WebDownloadOptions _webOptions = new() { IdleReadTimeout = TimeSpan.FromMilliseconds(300), MaxDuration = TimeSpan.FromSeconds(30) };
    private readonly ImageImportRunner _runner;

    public ImageImportRunnerTests()
    {
        var options = new ImageDataOptions();
        var clock = TimeProvider.System;
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, TestImages.Unlimited(), options, clock);
        _runner = new ImageImportRunner(_images.Object, _tasks.Object, recorder, flow, new ImageStoreCopier(_data.Object, flow, recorder, options, clock),
            _data.Object, options, _downloader.Object, _webOptions, clock, Mock.Of<IImageLocations>());
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((Image image, IReadOnlyList<ImageEvent> _, CancellationToken _) => _writes.Add("image:" + image.Status.ToWire()))
            .Returns(Task.CompletedTask);
        _tasks.Setup(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Callback((ImageTask task, CancellationToken _) =>
            {
                _writes.Add("task:" + task.Status);
                _savedTasks.Add(task);
            })
            .Returns(Task.CompletedTask);
        _tasks.Setup(t => t.TryReplaceAsync(It.IsAny<ImageTask>(), It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Callback((ImageTask _, ImageTask next, CancellationToken _) => _writes.Add("begin:" + next.Status))
            .ReturnsAsync(true);
        _data.Setup(d => d.WriteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns((string _, string _, Stream content, CancellationToken token) => content.CopyToAsync(Stream.Null, token));
        _data.Setup(d => d.DeleteSealedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    [Fact]
    public async Task RunAsync_PendingGlanceDirectImport_BeginsTheTaskActivatesTheImageAndSucceeds()
    {
        var (image, task) = Accepted(ImportRequest.GlanceDirect);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));

        var outcome = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal(ImportRunOutcome.Ran, outcome);
        Assert.Equal(["begin:processing", "image:active", "task:success"], _writes);
        _images.Verify(r => r.AppendEventsAsync(image.Id, It.Is<IReadOnlyList<ImageEvent>>(e => e.Any(x => x.Type == "task.processing")), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task RunAsync_PendingWebDownload_ActivatesFromTheDownloadedBytes()
    {
        var (image, task) = Accepted(ImportRequest.WebDownload);
        _downloader.Setup(d => d.OpenAsync(new Uri("http://mirror.example/disk.raw"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new MemoryStream(new byte[4096]));

        var outcome = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal(ImportRunOutcome.Ran, outcome);
        Assert.Equal(["begin:processing", "image:active", "task:success"], _writes);
        _data.Verify(d => d.CreateSealedAsync(image.Id, "lease", It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task RunAsync_WebDownloadSourceStalls_FailsTheTaskWithTheIdleTimeoutThenQueuesTheImage()
    {
        var (image, task) = Accepted(ImportRequest.WebDownload);
        _downloader.Setup(d => d.OpenAsync(It.IsAny<Uri>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => new StallingStream(100));

        var outcome = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal(ImportRunOutcome.Ran, outcome);
        Assert.Equal(["begin:processing", "task:failure", "image:queued"], _writes);
        var failed = _savedTasks.Single(t => t.Status == ImageTask.Failure);
        Assert.Equal("Web-download of http://mirror.example/disk.raw failed: no data arrived for 0.3 seconds after 100 bytes.", failed.Message);
        _data.Verify(d => d.DeleteSealedAsync(image.Id, "lease", It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData(ImageTask.Success)]
    [InlineData(ImageTask.Failure)]
    public async Task RunAsync_TaskAlreadyFinished_DoesNothing(string status)
    {
        var (image, task) = Accepted(ImportRequest.GlanceDirect, task => task with { Status = status });

        var outcome = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal(ImportRunOutcome.Finished, outcome);
        AssertNothingDone();
    }

    [Fact]
    public async Task RunAsync_TaskNoLongerStored_DoesNothing()
    {
        var outcome = await _runner.RunAsync(new ImportJob("img", "expired"));

        Assert.Equal(ImportRunOutcome.Finished, outcome);
        AssertNothingDone();
    }

    [Fact]
    public async Task RunAsync_LockTakenOverByAnotherTask_DoesNothing()
    {
        var (image, task) = Accepted(ImportRequest.GlanceDirect);
        var takenOver = Image.Restore(image.ToSnapshot());
        takenOver.TakeOverImport(task.Id, "newer-task", TestImages.Now.AddHours(5));
        _images.Holds(image.Id, takenOver);

        var outcome = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal(ImportRunOutcome.NotImporting, outcome);
        AssertNothingDone();
    }

    [Fact]
    public async Task RunAsync_ImageDeletedMeanwhile_DoesNothing()
    {
        var (image, task) = Accepted(ImportRequest.GlanceDirect);
        var deleted = Image.Restore(image.ToSnapshot());
        deleted.MarkDeleted(TestImages.Now.AddMinutes(1));
        _images.Holds(image.Id, deleted);

        var outcome = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal(ImportRunOutcome.NotImporting, outcome);
        AssertNothingDone();
    }

    [Fact]
    public async Task RunAsync_TaskAlreadyProcessing_DoesNothingAndLeavesItToItsWorkerOrTheRecovery()
    {
        var (image, task) = Accepted(ImportRequest.GlanceDirect, task => task.Begin(TestImages.Now));

        var outcome = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal(ImportRunOutcome.AlreadyBegun, outcome);
        AssertNothingDone();
    }

    [Fact]
    public async Task RunAsync_AnotherDeliveryBeginsTheTaskFirst_DoesNothing()
    {
        var (image, task) = Accepted(ImportRequest.GlanceDirect);
        _tasks.Setup(t => t.TryReplaceAsync(It.IsAny<ImageTask>(), It.IsAny<ImageTask>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var outcome = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal(ImportRunOutcome.AlreadyBegun, outcome);
        AssertNothingDone();
    }

    [Fact]
    public async Task RunAsync_DeliveredTwice_RunsTheImportOnce()
    {
        var (image, task) = Accepted(ImportRequest.GlanceDirect);
        _data.Setup(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => new MemoryStream(new byte[4096]));
        _tasks.Setup(t => t.FindAsync(image.Id, task.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => _savedTasks.LastOrDefault(t => t.Id == task.Id) ?? task);

        var first = await _runner.RunAsync(new ImportJob(image.Id, task.Id));
        var second = await _runner.RunAsync(new ImportJob(image.Id, task.Id));

        Assert.Equal((ImportRunOutcome.Ran, ImportRunOutcome.Finished), (first, second));
        _data.Verify(d => d.OpenReadAsync(image.Id, 0, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    private void AssertNothingDone()
    {
        Assert.Empty(_writes);
        _data.VerifyNoOtherCalls();
        _downloader.VerifyNoOtherCalls();
    }

    /// <summary>An image importing under a pending task, as AcceptImportAsync leaves it.</summary>
    private (Image Image, ImageTask Task) Accepted(string method, Func<ImageTask, ImageTask>? arrange = null)
    {
        var input = method == ImportRequest.WebDownload
            ? new ImageTaskInput("web-download", "http://mirror.example/disk.raw")
            : new ImageTaskInput("glance-direct", null);
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { Owner = "p1", DiskFormat = "raw", ContainerFormat = "bare" };
        var task = ImageTask.Accept(image.Id, input, TestImages.Member("p1"), "req-1", TestImages.Now);
        image.BeginImport(task.Id, "lease", TestImages.Now);
        task = arrange?.Invoke(task) ?? task;
        _images.Holds(image.Id, () => Image.Restore(image.ToSnapshot()));
        _tasks.Setup(t => t.FindAsync(image.Id, task.Id, It.IsAny<CancellationToken>())).ReturnsAsync(task);
        return (image, task);
    }

    /// <summary>A source that sends some bytes, then nothing, until the reader gives up.</summary>
    private sealed class StallingStream(int bytesBeforeStall) : MemoryStream(new byte[bytesBeforeStall])
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position < Length)
            {
                return await base.ReadAsync(buffer, cancellationToken);
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }
}

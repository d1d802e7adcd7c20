using Glance.Domain.Application;
using Glance.Domain.Data;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;
using Moq;

namespace Glance.Domain.Tests.Application;

/// <summary>
/// The validation of an upload through a URL, step by step: seal the upload, begin the import, read and hash,
/// activate or fail, record the task. Storage is a copy the test holds, so a concurrent writer can change it between
/// a read and a save, as in Table Storage.
/// </summary>
public sealed class UploadValidationFlowTests
{
    private readonly Mock<IImageRepository> _images = new(MockBehavior.Strict);
    private readonly Mock<IImageDataStore> _data = new(MockBehavior.Strict);
    private readonly Mock<IImageTaskRepository> _tasks = new(MockBehavior.Strict);
    private readonly List<string> _steps = [];
    private readonly List<ImageTask> _savedTasks = [];
    private readonly List<(ImageStatus Status, IReadOnlyList<ImageEvent> Events)> _savedImages = [];
    private readonly ImageDataService _service;
    private readonly string _lease;
    private ImageSnapshot _stored;

    /// <summary>Another writer that gets in before a save: it changes what is stored and the save loses the race.</summary>
    private Func<Image, bool>? _concurrentWriter;

    public UploadValidationFlowTests()
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare", Owner = "p1" };
        image.AwaitDirectUpload(UploadExpectations.None, TestImages.Now);
        _stored = image.ToSnapshot();
        _lease = image.DataLeaseId!;
        var id = image.Id;

        _images.Setup(r => r.FindAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(() => Image.Restore(_stored));
        _images.Setup(r => r.SaveAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>()))
            .Returns((Image saved, IReadOnlyList<ImageEvent> events, CancellationToken _) =>
            {
                if (_concurrentWriter?.Invoke(saved) == true)
                {
                    _concurrentWriter = null;
                    throw new ConcurrencyConflictException("changed meanwhile");
                }
                _stored = saved.ToSnapshot();
                _savedImages.Add((saved.Status, events));
                _steps.Add("image " + saved.Status.ToWire());
                return Task.CompletedTask;
            });
        _images.Setup(r => r.AppendEventsAsync(id, It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _tasks.Setup(t => t.SaveAsync(It.IsAny<ImageTask>(), It.IsAny<CancellationToken>()))
            .Returns((ImageTask task, CancellationToken _) =>
            {
                _savedTasks.Add(task);
                _steps.Add("task " + task.Status);
                return Task.CompletedTask;
            });
        _data.Setup(d => d.FreezeUploadAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(() => Step("seal", new UploadedBlob("snap", true, 4096)));
        _data.Setup(d => d.PromoteUploadAsync(id, It.IsAny<UploadedBlob>(), _lease, It.IsAny<CancellationToken>())).Returns(() => Step("promote", Task.CompletedTask));
        _data.Setup(d => d.OpenReadAsync(id, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() => Step<Stream>("read", new MemoryStream(new byte[4096])));
        _data.Setup(d => d.DeleteSealedAsync(id, _lease, It.IsAny<CancellationToken>())).ReturnsAsync(() => Step("delete sealed", true));
        _data.Setup(d => d.DeleteUploadAsync(id, It.IsAny<CancellationToken>())).Returns(() => Step("delete upload", Task.CompletedTask));
        _data.Setup(d => d.DeleteAsync(id, It.IsAny<CancellationToken>())).Returns(() => Step("delete all", Task.CompletedTask));

        var options = new ImageDataOptions();
        var (recorder, flow) = TestImages.DataFlow(_images.Object, _data.Object, _tasks.Object, options: options);
        _service = new ImageDataService(new ImageAccess(_images.Object, ImagePolicy.Default), ImagePolicy.Default, _images.Object, _data.Object,
            Mock.Of<IDataUrlIssuer>(), _tasks.Object, recorder, flow, TestImages.Unlimited(), options, TimeProvider.System);
    }

    private string ImageId => _stored.Id;

    private T Step<T>(string name, T result)
    {
        _steps.Add(name);
        return result;
    }

    [Fact]
    public async Task ValidateUploadAsync_GoodBytes_SealsBeginsReadsActivatesThenRecordsInThatOrder()
    {
        Assert.True(await _service.ValidateUploadAsync(ImageId));

        Assert.Equal(
            ["seal", "image importing", "task processing", "promote", "read", "image active", "task success", "delete upload"],
            _steps);
        Assert.Equal(["image.update", "image.prepare", "task.create", "task.processing"], _savedImages[0].Events.Select(e => e.Type));
        Assert.Equal(["image.update", "image.upload", "image.activate"], _savedImages[1].Events.Select(e => e.Type));
    }

    [Fact]
    public async Task ValidateUploadAsync_BytesRejected_RecordsTheReasonThenQueuesTheImageAgainWithIt()
    {
        _stored = _stored with { DiskFormat = "qcow2" };

        Assert.True(await _service.ValidateUploadAsync(ImageId));

        Assert.Equal(
            ["seal", "image importing", "task processing", "promote", "read", "task failure", "delete sealed", "delete upload", "image queued", "delete upload"],
            _steps);
        var reason = _savedTasks[^1].Message;
        Assert.Contains("does not match the content", reason);
        var failed = Assert.Single(_savedImages[^1].Events, e => e.Type == "image.upload");
        Assert.Equal(new EventPayload.Failure(reason!), failed.Payload);
        Assert.Equal(ImageStatus.Queued, _stored.Status);
        Assert.Null(_stored.DataLeaseId);
    }

    [Fact]
    public async Task ValidateUploadAsync_ActivationLosesTheRaceToAChangeThatRefusesTheBytes_FailsOnTheNewStateAndKeepsTheChange()
    {
        // A PATCH of disk_format lands between the activation's read and its save: the bytes are judged again on it.
        _concurrentWriter = image =>
        {
            if (image.Status != ImageStatus.Active)
            {
                return false;
            }
            _stored = _stored with { DiskFormat = "qcow2" };
            return true;
        };

        Assert.True(await _service.ValidateUploadAsync(ImageId));

        Assert.DoesNotContain("image active", _steps);
        Assert.Equal(ImageTask.Failure, _savedTasks[^1].Status);
        Assert.Contains("disk_format qcow2 does not match the content", _savedTasks[^1].Message);
        Assert.Equal(ImageStatus.Queued, _stored.Status);
        Assert.Equal("qcow2", _stored.DiskFormat);
        Assert.True(_steps.IndexOf("task failure") < _steps.IndexOf("image queued"));
    }

    [Fact]
    public async Task ValidateUploadAsync_AnotherDeliveryBeginsTheImportFirst_StopsBeforeRecordingOrReading()
    {
        _concurrentWriter = image =>
        {
            var other = Image.Restore(_stored);
            other.BeginImport("other-task", _lease, TestImages.Now);
            _stored = other.ToSnapshot();
            return true;
        };

        Assert.False(await _service.ValidateUploadAsync(ImageId));

        Assert.Equal(["seal"], _steps);
        Assert.Equal(ImageStatus.Importing, _stored.Status);
    }

    [Fact]
    public async Task ValidateUploadAsync_ImageDeletedWhileItsBytesAreRead_FailsTheTaskAndLeavesNoBytes()
    {
        _data.Setup(d => d.OpenReadAsync(ImageId, 0, null, It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            var deleted = Image.Restore(_stored);
            deleted.MarkDeleted(TestImages.Now);
            _stored = deleted.ToSnapshot();
            return Step<Stream>("read", new MemoryStream(new byte[4096]));
        });

        Assert.True(await _service.ValidateUploadAsync(ImageId));

        Assert.Equal(
            ["seal", "image importing", "task processing", "promote", "read", "delete all", "task failure", "delete sealed", "delete upload", "delete upload"],
            _steps);
        Assert.Contains("was deleted", _savedTasks[^1].Message);
        Assert.Equal(ImageStatus.Deleted, _stored.Status);
    }
}

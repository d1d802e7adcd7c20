using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;
using Moq;

namespace Glance.Domain.Tests.Quotas;

public sealed class ProjectQuotasTests
{
    private const long MiB = 1024 * 1024;

    private readonly Mock<IProjectUsage> _usage = new(MockBehavior.Strict);
    private readonly ProjectQuotaOptions _options = new();
    private readonly ProjectQuotas _quotas;

    public ProjectQuotasTests()
    {
        _quotas = new ProjectQuotas(_usage.Object, _options);
    }

    private void Using(string? project, ProjectUsage usage) =>
        _usage.Setup(u => u.GetAsync(project, It.IsAny<CancellationToken>())).ReturnsAsync(usage);

    private static Image Queued(string owner) => new(Guid.NewGuid().ToString(), TestImages.Now) { Owner = owner, DiskFormat = "raw", ContainerFormat = "bare" };

    [Fact]
    public void LimitOf_ProjectOverride_BeatsTheDefault()
    {
        _options.Defaults.ImageCountTotal = 5;
        _options.Projects["big"] = new ProjectLimits { ImageCountTotal = 50 };
        _options.Projects["free"] = new ProjectLimits { ImageCountTotal = -1 };

        Assert.Equal(50, _options.LimitOf("big", QuotaResources.ImageCountTotal));
        Assert.Equal(-1, _options.LimitOf("free", QuotaResources.ImageCountTotal));
        Assert.Equal(5, _options.LimitOf("other", QuotaResources.ImageCountTotal));
        Assert.Equal(5, _options.LimitOf(null, QuotaResources.ImageCountTotal));
    }

    [Fact]
    public void LimitOf_OverrideOfAnotherResource_FallsBackToTheDefaultForThisOne()
    {
        _options.Defaults.ImageSizeTotal = 10;
        _options.Projects["p1"] = new ProjectLimits { ImageCountTotal = 3 };

        Assert.Equal(10, _options.LimitOf("p1", QuotaResources.ImageSizeTotal));
        Assert.Equal(-1, _options.LimitOf("p1", QuotaResources.ImageStageTotal));
    }

    [Fact]
    public void LimitOf_NegativeDefault_IsUnlimitedAsMinusOne()
    {
        _options.Defaults.ImageStageTotal = -20;

        Assert.Equal(-1, _options.LimitOf("p1", QuotaResources.ImageStageTotal));
    }

    [Fact]
    public void ProjectUsage_CountsAsGlanceDoes()
    {
        var usage = ProjectUsage.None
            .Add(ImageStatus.Active, 3 * MiB)
            .Add(ImageStatus.Deactivated, MiB / 2)
            .Add(ImageStatus.Queued, null)
            .Add(ImageStatus.Saving, null)
            .Add(ImageStatus.Uploading, 2 * MiB)
            .Add(ImageStatus.Importing, MiB)
            .Add(ImageStatus.Killed, 7 * MiB)
            .Add(ImageStatus.Deleted, 7 * MiB);

        Assert.Equal(6, usage.Of(QuotaResources.ImageCountTotal));
        Assert.Equal(3, usage.Of(QuotaResources.ImageCountUploading));
        // 3.5 MiB stored, rounded down as Glance's usage // units.Mi.
        Assert.Equal(3, usage.Of(QuotaResources.ImageSizeTotal));
        Assert.Equal(3, usage.Of(QuotaResources.ImageStageTotal));
    }

    [Fact]
    public async Task EnsureCanCreateAsync_AllUnlimited_ReadsNoUsage()
    {
        await _quotas.EnsureCanCreateAsync("p1");
        await _quotas.EnsureCanUploadAsync(Queued("p1"), 10 * MiB);
        await _quotas.EnsureCanStageAsync(Queued("p1"));
        await _quotas.EnsureDataFitsAsync(Queued("p1"), 10 * MiB);

        _usage.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task EnsureCanCreateAsync_BelowTheLimit_Passes()
    {
        _options.Defaults.ImageCountTotal = 2;
        Using("p1", new ProjectUsage(1, 0, 0, 0));

        await _quotas.EnsureCanCreateAsync("p1");
    }

    [Fact]
    public async Task EnsureCanCreateAsync_AtTheLimit_Is413WithGlancesMessage()
    {
        _options.Defaults.ImageCountTotal = 2;
        Using("p1", new ProjectUsage(2, 0, 0, 0));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _quotas.EnsureCanCreateAsync("p1"));

        Assert.Equal(GlanceErrorKind.LimitExceeded, error.Kind);
        Assert.Equal(
            "The request returned a 413 Request Entity Too Large. This generally means that rate limiting or a quota threshold was breached.\n\n" +
            "The response body:\nProject p1 is over a limit for [Resource image_count_total is over limit of 2 due to current usage 2 and delta 1]",
            error.Message);
    }

    [Fact]
    public async Task EnsureCanCreateAsync_NoProject_UsesTheDefaultsAndTheOwnerlessImages()
    {
        _options.Defaults.ImageCountTotal = 0;
        Using(null, ProjectUsage.None);

        var error = await Assert.ThrowsAsync<GlanceException>(() => _quotas.EnsureCanCreateAsync(null));

        Assert.Contains("Project None is over a limit for [Resource image_count_total is over limit of 0 due to current usage 0 and delta 1]", error.Message);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(MiB + MiB / 2, true)]
    [InlineData(2 * MiB, false)]
    public async Task EnsureCanUploadAsync_DeclaredSize_CountsInMiBRoundedDown(long? declared, bool passes)
    {
        _options.Projects["p1"] = new ProjectLimits { ImageSizeTotal = 2 };
        Using("p1", new ProjectUsage(3, 0, MiB, 0));

        var attempt = _quotas.EnsureCanUploadAsync(Queued("p1"), declared);

        if (passes)
        {
            await attempt;
        }
        else
        {
            var error = await Assert.ThrowsAsync<GlanceException>(() => attempt);
            Assert.EndsWith("[Resource image_size_total is over limit of 2 due to current usage 1 and delta 2]", error.Message);
        }
    }

    [Fact]
    public async Task EnsureCanUploadAsync_UsageAlreadyOverTheLimit_Is413EvenWithoutASize()
    {
        _options.Defaults.ImageSizeTotal = 1;
        Using("p1", new ProjectUsage(2, 0, 2 * MiB, 0));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _quotas.EnsureCanUploadAsync(Queued("p1"), null));

        Assert.EndsWith("[Resource image_size_total is over limit of 1 due to current usage 2 and delta 0]", error.Message);
    }

    [Fact]
    public async Task EnsureCanUploadAsync_AnotherImageUploading_CountsThisOneTooAsGlanceDoesAfterSaving()
    {
        _options.Defaults.ImageCountUploading = 1;
        Using("p1", new ProjectUsage(2, 1, 0, 0));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _quotas.EnsureCanUploadAsync(Queued("p1"), null));

        Assert.EndsWith("[Resource image_count_uploading is over limit of 1 due to current usage 2 and delta 0]", error.Message);
    }

    [Fact]
    public async Task EnsureCanUploadAsync_ThisImageAlreadyUploading_IsNotCountedTwice()
    {
        _options.Defaults.ImageCountUploading = 1;
        var image = Queued("p1");
        image.AwaitDirectUpload(UploadExpectations.None, TestImages.Now);
        Using("p1", new ProjectUsage(1, 1, 0, 0));

        await _quotas.EnsureCanUploadAsync(image, null);
    }

    [Fact]
    public async Task EnsureCanUploadAsync_SizeAndCountBothOver_ReportsTheSizeFirstAsGlanceChecksIt()
    {
        _options.Defaults.ImageSizeTotal = 0;
        _options.Defaults.ImageCountUploading = 0;
        Using("p1", new ProjectUsage(1, 0, MiB, 0));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _quotas.EnsureCanUploadAsync(Queued("p1"), null));

        Assert.Contains("Resource image_size_total", error.Message);
        Assert.DoesNotContain("image_count_uploading", error.Message);
    }

    [Fact]
    public async Task EnsureCanStageAsync_StagedDataOverTheLimit_Is413()
    {
        _options.Defaults.ImageStageTotal = 1;
        Using("p1", new ProjectUsage(3, 1, 0, 2 * MiB));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _quotas.EnsureCanStageAsync(Queued("p1")));

        Assert.EndsWith("[Resource image_stage_total is over limit of 1 due to current usage 2 and delta 0]", error.Message);
    }

    [Fact]
    public async Task EnsureCanImportAsync_GlanceDirect_AsksForTheStagedSize()
    {
        _options.Defaults.ImageSizeTotal = 4;
        var image = Queued("p1");
        image.Stage("lease", TestImages.Now);
        image.MarkStaged("lease", 3 * MiB, TestImages.Now);
        Using("p1", new ProjectUsage(2, 1, 2 * MiB, 3 * MiB));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _quotas.EnsureCanImportAsync(image, ImportRequest.GlanceDirect));

        Assert.EndsWith("[Resource image_size_total is over limit of 4 due to current usage 2 and delta 3]", error.Message);
    }

    [Fact]
    public async Task EnsureCanImportAsync_WebDownload_ChecksStagingAndUploadingToo()
    {
        _options.Defaults.ImageCountUploading = 0;
        Using("p1", new ProjectUsage(1, 0, 0, 0));

        var error = await Assert.ThrowsAsync<GlanceException>(() => _quotas.EnsureCanImportAsync(Queued("p1"), ImportRequest.WebDownload));

        Assert.EndsWith("[Resource image_count_uploading is over limit of 0 due to current usage 1 and delta 0]", error.Message);
    }

    [Theory]
    [InlineData(2 * MiB - 1, true)]
    [InlineData(2 * MiB, false)]
    public async Task EnsureDataFitsAsync_TheArrivedSize_IsTheDelta(long bytes, bool passes)
    {
        _options.Projects["p1"] = new ProjectLimits { ImageSizeTotal = 2 };
        Using("p1", new ProjectUsage(2, 1, MiB, 0));

        var attempt = _quotas.EnsureDataFitsAsync(Queued("p1"), bytes);

        if (passes)
        {
            await attempt;
        }
        else
        {
            Assert.Equal(GlanceErrorKind.LimitExceeded, (await Assert.ThrowsAsync<GlanceException>(() => attempt)).Kind);
        }
    }

    [Fact]
    public async Task ReportAsync_EveryResourceInGlancesOrder_UnlimitedAsMinusOne()
    {
        _options.Defaults.ImageCountTotal = 10;
        _options.Projects["p1"] = new ProjectLimits { ImageSizeTotal = 100 };
        Using("p1", new ProjectUsage(4, 1, 5 * MiB + 1, MiB));

        var report = await _quotas.ReportAsync("p1");

        Assert.Equal(
            [
                new QuotaUsage(QuotaResources.ImageSizeTotal, 100, 5),
                new QuotaUsage(QuotaResources.ImageStageTotal, -1, 1),
                new QuotaUsage(QuotaResources.ImageCountTotal, 10, 4),
                new QuotaUsage(QuotaResources.ImageCountUploading, -1, 1),
            ],
            report);
    }
}

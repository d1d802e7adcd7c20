using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Tasks;

namespace Glance.Domain.Tests;

/// <summary>Glance's import lock (os_glance_import_task) and its takeover.</summary>
public sealed class ImageImportLockTests
{
    private static Image Importing(string taskId)
    {
        var image = new Image("img", TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare" };
        image.BeginImport(taskId, "lease", TestImages.Now);
        return image;
    }

    [Fact]
    public void TakeOverImport_StaleTaskHoldsTheLock_MovesItAndKeepsTheBytesAndStatus()
    {
        var image = Importing("stale");

        image.TakeOverImport("stale", "next", TestImages.Now.AddHours(5));

        Assert.Equal("next", image.ImportTask);
        Assert.Equal(ImageStatus.Importing, image.Status);
        Assert.Equal("lease", image.DataLeaseId);
        Assert.Equal(TestImages.Now.AddHours(5), image.UpdatedAt);
    }

    [Fact]
    public void TakeOverImport_AnotherTaskHoldsTheLock_IsAConflict()
    {
        var image = Importing("newer");

        var e = Assert.Throws<GlanceException>(() => image.TakeOverImport("stale", "next", TestImages.Now));

        Assert.Equal(GlanceErrorKind.Conflict, e.Kind);
        Assert.Equal("newer", image.ImportTask);
    }

    [Fact]
    public void TakeOverImport_ImageNoLongerImporting_IsAConflict()
    {
        var image = Importing("stale");
        image.ReturnToQueued(TestImages.Now);

        Assert.Equal(GlanceErrorKind.Conflict, Assert.Throws<GlanceException>(() => image.TakeOverImport("stale", "next", TestImages.Now)).Kind);
    }

    [Theory]
    [InlineData("upload-url", null, true)]
    [InlineData("glance-direct", null, true)]
    [InlineData("web-download", "http://x/", false)]
    [InlineData(null, null, false)]
    public void CanRunAgain_OnlyTasksThatReadCompleteSealedBytes(string? method, string? uri, bool canRunAgain)
    {
        var task = ImageTask.Start("img", new ImageTaskInput(method, uri), TestImages.Member("p1"), null, TestImages.Now);

        Assert.Equal(canRunAgain, task.CanRunAgain);
    }
}

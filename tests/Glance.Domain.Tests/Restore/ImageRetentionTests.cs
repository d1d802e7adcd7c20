using Glance.Domain.Errors;
using Glance.Domain.Images;

namespace Glance.Domain.Tests.Restore;

/// <summary>The image aggregate through delete, restore and the end of its retention.</summary>
public sealed class ImageRetentionTests
{
    private static readonly DateTimeOffset WithinWindow = TestImages.Now.AddDays(1);

    [Fact]
    public void MarkDeleted_WithoutRetention_IsGlancesDeleteAndCannotBeRestored()
    {
        var image = RetainedImages.WithBytes("p1");

        image.MarkDeleted(TestImages.Now);

        Assert.Equal((ImageStatus.Deleted, TestImages.Now), (image.Status, image.DeletedAt));
        Assert.Null(image.RestorableUntil);
        Assert.False(image.RetainsData);
        Assert.Equal(GlanceErrorKind.NotFound, Assert.Throws<GlanceException>(() => image.Undelete(WithinWindow)).Kind);
    }

    [Fact]
    public void Undelete_WithinTheWindow_BringsBackStatusDataPropertiesAndTags()
    {
        var image = RetainedImages.WithBytes("p1", ImageStatus.Deactivated);
        image.SetProperty("k", "v");
        image.AddTag("t");
        RetainedImages.Deleted(image);
        Assert.True(image.RetainsData);

        image.Undelete(WithinWindow);

        Assert.Equal(ImageStatus.Deactivated, image.Status);
        Assert.Equal((3L * 1024 * 1024, "c", "h", "lease"), (image.Size!.Value, image.Checksum, image.OsHashValue, image.DataLeaseId));
        Assert.Equal("v", image.ExtraProperties["k"]);
        Assert.Equal(["t"], image.Tags);
        Assert.Equal((null, null, null), (image.DeletedAt, image.RestorableUntil, image.StatusBeforeDeletion));
        Assert.Equal(WithinWindow, image.UpdatedAt);
    }

    [Fact]
    public void Undelete_OfAnImageDeletedMidUpload_ComesBackQueuedWithoutData()
    {
        var image = TestImages.Owned("p1");
        image = Image.Restore(image.ToSnapshot() with { DiskFormat = "raw", ContainerFormat = "bare" });
        image.AwaitDirectUpload(new Glance.Domain.Data.UploadExpectations(5, null, null, null), TestImages.Now);
        RetainedImages.Deleted(image);
        Assert.False(image.RetainsData);

        image.Undelete(WithinWindow);

        Assert.Equal(ImageStatus.Queued, image.Status);
        Assert.Equal((null, null, false), (image.DataLeaseId, image.Size, image.AwaitsDirectUpload));
    }

    [Fact]
    public void Undelete_AtTheEndOfTheWindow_IsNotFound()
    {
        var image = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));

        var error = Assert.Throws<GlanceException>(() => image.Undelete(TestImages.Now + RetainedImages.Window));

        Assert.Equal(GlanceErrorKind.NotFound, error.Kind);
        Assert.True(image.IsDeleted);
    }

    [Fact]
    public void Undelete_ImageNotDeleted_IsConflict()
    {
        var error = Assert.Throws<GlanceException>(() => RetainedImages.WithBytes("p1").Undelete(WithinWindow));

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void EndRetention_WithinTheWindow_ImageCanNoLongerBeRestored()
    {
        var image = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));

        image.EndRetention();

        Assert.False(image.IsRestorable(WithinWindow));
        Assert.False(image.RetainsData);
        Assert.Equal(GlanceErrorKind.NotFound, Assert.Throws<GlanceException>(() => image.Undelete(WithinWindow)).Kind);
    }

    [Fact]
    public void Snapshot_OfARetainedImage_KeepsItsWindowAndFormerStatus()
    {
        var image = RetainedImages.Deleted(RetainedImages.WithBytes("p1"));

        var copy = Image.Restore(image.ToSnapshot());

        Assert.Equal((TestImages.Now + RetainedImages.Window, ImageStatus.Active), (copy.RestorableUntil!.Value, copy.StatusBeforeDeletion!.Value));
    }

    [Theory]
    [InlineData(ImageStatus.Active, ImageStatus.Active)]
    [InlineData(ImageStatus.Deactivated, ImageStatus.Deactivated)]
    [InlineData(ImageStatus.Queued, ImageStatus.Queued)]
    [InlineData(ImageStatus.Saving, ImageStatus.Queued)]
    [InlineData(ImageStatus.Uploading, ImageStatus.Queued)]
    [InlineData(ImageStatus.Importing, ImageStatus.Queued)]
    [InlineData(ImageStatus.Killed, ImageStatus.Queued)]
    [InlineData(ImageStatus.PendingDelete, ImageStatus.Queued)]
    public void RestoredStatus_OfEachStatusDeletedFrom_IsItselfOnlyWhenNoBytesWereLost(ImageStatus deletedFrom, ImageStatus restored)
    {
        Assert.Equal(restored, ImageStatusTransitions.RestoredStatus(deletedFrom));
    }
}

using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Stores;

namespace Glance.Domain.Tests.Stores;

/// <summary>What an image records of its stores, and Glance's import bookkeeping.</summary>
public sealed class ImageStoresTests
{
    private static readonly ImageDataFacts Facts = new(3, "md5", "sha512", "hash", new Glance.FormatInspection.ImageFormatInspector().Finish());

    private static ImageStoreCatalog TwoStores() =>
        new([new ImageStore("cheap", "c", "azure_blob", 0, []), new ImageStore("fast", null, "azure_blob", 0, [])], "fast", multistore: true);

    private static Image Active(params string[] stores)
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare" };
        image.BeginSaving("lease", TestImages.Now, stores.Length > 0 ? stores[0] : null);
        image.Activate(Facts, 3, TestImages.Now, stores.Length > 0 ? stores : null);
        return image;
    }

    [Fact]
    public void Activate_AfterSavingIntoAStore_RecordsThatStore()
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare" };
        image.BeginSaving("lease", TestImages.Now, "cheap");

        image.Activate(Facts, 3, TestImages.Now);

        Assert.Equal(["cheap"], image.Stores);
        Assert.Null(image.DataStore);
    }

    [Fact]
    public void Activate_WithoutMultistore_RecordsNoStore()
    {
        Assert.Empty(Active().Stores);
    }

    [Fact]
    public void ReturnToQueued_ForgetsTheStores()
    {
        var image = new Image(Guid.NewGuid().ToString(), TestImages.Now) { DiskFormat = "raw", ContainerFormat = "bare" };
        image.BeginSaving("lease", TestImages.Now, "cheap");

        image.ReturnToQueued(TestImages.Now);

        Assert.Empty(image.Stores);
        Assert.Null(image.DataStore);
    }

    [Fact]
    public void AddStore_KeepsTheOrderOfArrival_AndIgnoresARepeat()
    {
        var image = Active("fast");

        image.AddStore("cheap", TestImages.Now);
        image.AddStore("cheap", TestImages.Now);

        Assert.Equal(["fast", "cheap"], image.Stores);
    }

    [Fact]
    public void RemoveStore_TheOnlyStore_IsForbidden()
    {
        var e = Assert.Throws<GlanceException>(() => Active("fast").RemoveStore("cheap", TestImages.Now));

        Assert.Equal(GlanceErrorKind.NotAllowed, e.Kind);
        Assert.StartsWith("Cannot delete image data from the only store", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveStore_AStoreNotHoldingIt_IsNotFound()
    {
        var e = Assert.Throws<GlanceException>(() => Active("fast", "cheap").RemoveStore("other", TestImages.Now));

        Assert.Equal(GlanceErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public void RemoveStore_NotActive_IsAConflictFirst()
    {
        var image = Active("fast", "cheap");
        image.Deactivate(TestImages.Now);

        var e = Assert.Throws<GlanceException>(() => image.RemoveStore("cheap", TestImages.Now));

        Assert.Equal(GlanceErrorKind.Conflict, e.Kind);
    }

    [Fact]
    public void RemoveStore_OneOfTwo_LeavesTheOther()
    {
        var image = Active("fast", "cheap");

        image.RemoveStore("fast", TestImages.Now);

        Assert.Equal(["cheap"], image.Stores);
    }

    [Fact]
    public void ImportBookkeeping_IsGlancesSortedCommaLists()
    {
        var image = Active("fast");
        image.BeginImportingTo(["fast", "cheap"]);
        Assert.Equal("cheap,fast", image.ExtraProperties[Image.ImportingToStoresProperty]);
        Assert.Equal("", image.ExtraProperties[Image.FailedImportProperty]);

        image.FinishImportTo("cheap", succeeded: false);
        image.FinishImportTo("fast", succeeded: true);

        Assert.Equal("", image.ExtraProperties[Image.ImportingToStoresProperty]);
        Assert.Equal("cheap", image.ExtraProperties[Image.FailedImportProperty]);
        image.BeginImportingTo(["cheap"]);
        Assert.Equal("", image.ExtraProperties[Image.FailedImportProperty]);
    }

    [Fact]
    public void Snapshot_RoundTripsTheStores()
    {
        var image = Active("fast", "cheap");

        var restored = Image.Restore(image.ToSnapshot());

        Assert.Equal(["fast", "cheap"], restored.Stores);
    }

    [Theory]
    [InlineData(null, "fast")]
    [InlineData("cheap", "cheap")]
    public void ForUpload_NamedOrDefault(string? requested, string expected)
    {
        Assert.Equal(expected, TwoStores().ForUpload(requested));
    }

    [Fact]
    public void ForUpload_UnknownStore_IsGlances400()
    {
        var e = Assert.Throws<GlanceException>(() => TwoStores().ForUpload("bogus"));

        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
        Assert.Equal("Store for identifier bogus not found", e.Message);
    }

    [Fact]
    public void ForUpload_WithoutMultistore_IgnoresTheHeader()
    {
        Assert.Null(ImageStoreCatalog.Single.ForUpload("bogus"));
    }
}

using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Patching;
using Glance.Domain.Policy;

namespace Glance.Domain.Tests;

public sealed class ImagePatchApplierTests
{
    private static void Apply(Image image, string json, PatchMediaVersion version = PatchMediaVersion.V21, Identity.Caller? caller = null) =>
        ImagePatchApplier.Apply(caller ?? TestImages.Member("p1"), image, TestImages.Patch(json), version, ImagePolicy.Default);

    private static GlanceException Fails(Image image, string json, PatchMediaVersion version = PatchMediaVersion.V21, Identity.Caller? caller = null) =>
        Assert.Throws<GlanceException>(() => Apply(image, json, version, caller));

    [Fact]
    public void Apply_V21Add_IsAnUpsert()
    {
        var image = TestImages.Owned("p1");
        image.SetProperty("k", "old");

        Apply(image, """[{"op":"add","path":"/k","value":"new"},{"op":"add","path":"/name","value":"n"}]""");

        Assert.Equal("new", image.ExtraProperties["k"]);
        Assert.Equal("n", image.Name);
    }

    [Fact]
    public void Apply_V20AddOfExistingProperty_IsConflict()
    {
        var image = TestImages.Owned("p1");
        image.SetProperty("k", "old");

        var error = Fails(image, """[{"add":"/k","value":"new"}]""", PatchMediaVersion.V20);

        Assert.Equal(GlanceErrorKind.Conflict, error.Kind);
        Assert.Equal("Property k already present.", error.Message);
    }

    [Theory]
    [InlineData("""[{"op":"replace","path":"/missing","value":"x"}]""", GlanceErrorKind.Conflict, "Property missing does not exist.")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""", GlanceErrorKind.Conflict, "Property missing does not exist.")]
    [InlineData("""[{"op":"remove","path":"/name"}]""", GlanceErrorKind.NotAllowed, "Property name may not be removed.")]
    [InlineData("""[{"op":"replace","path":"/status","value":"active"}]""", GlanceErrorKind.NotAllowed, "Attribute 'status' is read-only.")]
    [InlineData("""[{"op":"replace","path":"/id","value":"x"}]""", GlanceErrorKind.NotAllowed, "Attribute 'id' is read-only.")]
    [InlineData("""[{"op":"add","path":"/deleted","value":"x"}]""", GlanceErrorKind.NotAllowed, "Attribute 'deleted' is reserved.")]
    [InlineData("""[{"op":"add","path":"/os_glance_x","value":"x"}]""", GlanceErrorKind.NotAllowed, "Attribute 'os_glance_x' is reserved.")]
    [InlineData("""[{"op":"add","path":"/min_ram","value":-1}]""", GlanceErrorKind.Invalid, null)]
    [InlineData("""[{"op":"add","path":"/min_ram","value":"5"}]""", GlanceErrorKind.Invalid, null)]
    [InlineData("""[{"op":"add","path":"/k","value":5}]""", GlanceErrorKind.Invalid, null)]
    [InlineData("""[{"op":"add","path":"/visibility","value":"bogus"}]""", GlanceErrorKind.Invalid, null)]
    [InlineData("""[{"op":"replace","path":"/owner","value":"p2"}]""", GlanceErrorKind.NotAllowed, null)]
    [InlineData("""[{"op":"replace","path":"/visibility","value":"public"}]""", GlanceErrorKind.NotAllowed, "You are not authorized to complete publicize_image action.")]
    public void Apply_InvalidChange_FailsAsGlanceDoes(string json, GlanceErrorKind kind, string? message)
    {
        var image = TestImages.Owned("p1");

        var error = Fails(image, json);

        Assert.Equal(kind, error.Kind);
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/name","value":"\ud83d\ude00"}]""", "Name can't contain 4 byte unicode characters.")]
    [InlineData("""[{"op":"add","path":"/os_distro","value":"a\ud83d\ude00"}]""", "Os_Distro can't contain 4 byte unicode characters.")]
    [InlineData("""[{"op":"add","path":"/\ud83d\ude00","value":"x"}]""", "Property names can't contain 4 byte unicode.")]
    [InlineData("""[{"op":"add","path":"/tags","value":["\ud83d\ude00"]}]""", "Param values can't contain 4 byte unicode.")]
    public void Apply_CharacterOutsideTheBasicPlane_IsRefusedAsGlanceDoes(string json, string message)
    {
        var image = TestImages.Owned("p1");

        var error = Fails(image, json);

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal(message, error.Message);
        Assert.Null(image.Name);
        Assert.Empty(image.ExtraProperties);
        Assert.Empty(image.Tags);
    }

    [Fact]
    public void Apply_DiskFormatOnActiveImage_IsForbidden()
    {
        var image = TestImages.Owned("p1");
        image.ChangeDiskFormat("raw");
        image.ChangeContainerFormat("bare");
        image.ChangeStatus(ImageStatus.Active, TestImages.Now);

        var error = Fails(image, """[{"op":"replace","path":"/disk_format","value":"qcow2"}]""");

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
    }

    [Fact]
    public void Apply_AdminChangesOwnerAndVisibility_Succeeds()
    {
        var image = TestImages.Owned("p1");

        Apply(image, """[{"op":"replace","path":"/owner","value":"p2"},{"op":"replace","path":"/visibility","value":"public"}]""", caller: TestImages.Admin);

        Assert.Equal("p2", image.Owner);
        Assert.Equal("public", image.Visibility);
    }

    [Fact]
    public void Apply_Tags_ReplacesWithDeduplicatedSet()
    {
        var image = TestImages.Owned("p1");

        Apply(image, """[{"op":"replace","path":"/tags","value":["b","a","b"]}]""");

        Assert.Equal(["b", "a"], image.Tags);
    }

    [Fact]
    public void Apply_RemoveExtraProperty_RemovesIt()
    {
        var image = TestImages.Owned("p1");
        image.SetProperty("k", "v");

        Apply(image, """[{"op":"remove","path":"/k"}]""");

        Assert.Empty(image.ExtraProperties);
    }
}

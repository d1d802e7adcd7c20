using Glance.Domain.Errors;
using Glance.Domain.Images;

namespace Glance.Domain.Tests;

public sealed class ImageStatusTransitionsTests
{
    // Glance's valid_state_targets (glance/domain/__init__.py), written out independently of the code under test.
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["queued"] = ["saving", "uploading", "importing", "active", "deleted"],
        ["saving"] = ["active", "killed", "deleted", "queued"],
        ["uploading"] = ["importing", "queued", "deleted"],
        ["importing"] = ["active", "deleted", "queued"],
        ["active"] = ["pending_delete", "deleted", "deactivated"],
        ["killed"] = ["deleted"],
        ["pending_delete"] = ["deleted", "active"],
        ["deactivated"] = ["active", "deleted"],
        ["deleted"] = [],
    };

    public static TheoryData<ImageStatus, ImageStatus> EveryPair()
    {
        var data = new TheoryData<ImageStatus, ImageStatus>();
        foreach (var from in Enum.GetValues<ImageStatus>())
        {
            foreach (var to in Enum.GetValues<ImageStatus>())
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void IsAllowed_EveryPair_MatchesGlanceTable(ImageStatus from, ImageStatus to)
    {
        var expected = Expected[from.ToWire()].Contains(to.ToWire());

        Assert.Equal(expected, ImageStatusTransitions.IsAllowed(from, to));
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EnsureAllowed_EveryPair_ThrowsConflictExactlyWhenNotAllowed(ImageStatus from, ImageStatus to)
    {
        var allowed = Expected[from.ToWire()].Contains(to.ToWire());

        var error = Record.Exception(() => ImageStatusTransitions.EnsureAllowed(from, to));

        if (allowed)
        {
            Assert.Null(error);
        }
        else
        {
            var glanceError = Assert.IsType<GlanceException>(error);
            Assert.Equal(GlanceErrorKind.Conflict, glanceError.Kind);
        }
    }

    [Fact]
    public void ChangeStatus_BackToQueued_ClearsSizes()
    {
        var image = new Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);
        image.ChangeStatus(ImageStatus.Saving, DateTimeOffset.UtcNow);
        image.RecordData(10, 20, "md5", "sha512", "hash");

        image.ChangeStatus(ImageStatus.Queued, DateTimeOffset.UtcNow);

        Assert.Null(image.Size);
        Assert.Null(image.VirtualSize);
    }

    [Fact]
    public void MarkDeleted_AlreadyDeleted_IsBadRequest()
    {
        var image = new Image(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow);
        image.MarkDeleted(DateTimeOffset.UtcNow);

        var error = Assert.Throws<GlanceException>(() => image.MarkDeleted(DateTimeOffset.UtcNow));

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void WireNames_RoundTrip_ForEveryStatus()
    {
        foreach (var status in Enum.GetValues<ImageStatus>())
        {
            Assert.True(ImageStatusNames.TryParse(status.ToWire(), out var parsed));
            Assert.Equal(status, parsed);
        }
        Assert.False(ImageStatusNames.TryParse("bogus", out _));
    }
}

using Glance.Domain.Images;
using Glance.Domain.Listing;

namespace Glance.Domain.Tests.Listing;

/// <summary>How typed list conditions match images, and which of them a repository may narrow its reads with.</summary>
public sealed class ImageFilterBuilderTests
{
    [Fact]
    public void Build_ExactMatchesOnly_IsNarrowedCompletelyWithOsHiddenAndMemberStatus()
    {
        var filter = new ImageFilterBuilder().OneOf("disk_format", ["raw", "qcow2"]).Protected(false).Build();

        Assert.Equal(
            ["disk_format=raw|qcow2", "protected=false", "os_hidden=false", "member_status=accepted"],
            filter.Narrowing.Select(m => m.Field + "=" + string.Join("|", m.Values)));
        Assert.True(filter.IsNarrowedCompletely);
    }

    [Fact]
    public void Build_TagPropertyOrRange_IsNotNarrowedCompletely()
    {
        Assert.False(new ImageFilterBuilder().Tag("x").Build().IsNarrowedCompletely);
        Assert.False(new ImageFilterBuilder().Property("hw_arch", "x86_64").Build().IsNarrowedCompletely);
        Assert.False(new ImageFilterBuilder().AtLeast("min_ram", 1).Build().IsNarrowedCompletely);
        Assert.DoesNotContain(new ImageFilterBuilder { MemberStatus = "all" }.Build().Narrowing, m => m.Field == "member_status");
    }

    [Fact]
    public void Build_Conditions_AllMustHold()
    {
        var image = TestImages.Owned("p1");
        image.ChangeDiskFormat("qcow2");
        image.RequireMinimumRam(64);
        image.AddTag("x");

        Assert.True(new ImageFilterBuilder().OneOf("disk_format", ["qcow2"]).AtLeast("min_ram", 64).Tag("x").Build().Matches(image));
        Assert.False(new ImageFilterBuilder().OneOf("disk_format", ["qcow2"]).AtMost("min_ram", 63).Build().Matches(image));
        Assert.False(new ImageFilterBuilder { OsHidden = true }.Build().Matches(image));
        Assert.True(new ImageFilterBuilder().NumberEquals("min_ram", "64.0").Build().Matches(image));
    }

    [Theory]
    [InlineData(TimeComparison.Equal, 0, true)]
    [InlineData(TimeComparison.NotEqual, 0, false)]
    [InlineData(TimeComparison.After, -1, true)]
    [InlineData(TimeComparison.AtOrAfter, 0, true)]
    [InlineData(TimeComparison.Before, 0, false)]
    [InlineData(TimeComparison.AtOrBefore, 1, true)]
    public void Time_ComparedToTheStoredMicrosecond(TimeComparison comparison, int microsecondsFromCreation, bool matches)
    {
        var image = new Image("i1", TestImages.Now.AddTicks(1234567));
        var when = TestImages.Now.UtcDateTime.AddTicks(1234560 + microsecondsFromCreation * 10L);

        Assert.Equal(matches, new ImageFilterBuilder().Time("created_at", comparison, when).Build().Matches(image));
    }
}

namespace Glance.Upload.Tests;

public sealed class UploadUrlTests
{
    private static readonly DateTimeOffset Issued = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsNearExpiry_HourLongUrl_RenewsFiveMinutesBefore()
    {
        var url = new UploadUrl(new Uri("http://blob/x"), Issued, Issued.AddHours(1));

        Assert.False(url.IsNearExpiry(Issued.AddMinutes(54)));
        Assert.True(url.IsNearExpiry(Issued.AddMinutes(55)));
    }

    [Fact]
    public void IsNearExpiry_ShortUrl_RenewsInItsLastQuarter()
    {
        var url = new UploadUrl(new Uri("http://blob/x"), Issued, Issued.AddMinutes(4));

        Assert.False(url.IsNearExpiry(Issued.AddMinutes(2.9)));
        Assert.True(url.IsNearExpiry(Issued.AddMinutes(3)));
    }
}

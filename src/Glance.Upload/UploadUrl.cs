namespace Glance.Upload;

/// <summary>A SAS URL for the image's blob, from POST /v2/images/{id}/upload-url, and when it stops working.</summary>
internal sealed record UploadUrl(Uri Url, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// True when a request started now might outlive the URL: the last quarter of its lifetime, at most 5 minutes
    /// (a block at a slow line's speed must still finish, and clocks differ).
    /// </summary>
    public bool IsNearExpiry(DateTimeOffset now) =>
        now >= ExpiresAt - TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, (ExpiresAt - IssuedAt).Ticks / 4));
}

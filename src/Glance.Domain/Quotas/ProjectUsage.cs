using Glance.Domain.Images;

namespace Glance.Domain.Quotas;

/// <summary>
/// What a project's images use, counted as Glance's database layer counts it (the user_get_* functions of
/// glance/db/sqlalchemy/api.py): images that are neither deleted nor killed; those in an upload state; the bytes of
/// those whose data is in the store (active or deactivated: Glance multiplies size by the live locations, and an image
/// here has one blob); the bytes staged (uploading or importing with a size: staged data waiting for its import).
/// </summary>
public sealed record ProjectUsage(long ImageCount, long UploadingCount, long StoredBytes, long StagedBytes)
{
    private const long MiB = 1024 * 1024;

    public static ProjectUsage None { get; } = new(0, 0, 0, 0);

    /// <summary>This usage with one more of the project's images counted.</summary>
    public ProjectUsage Add(ImageStatus status, long? size)
    {
        if (status is ImageStatus.Deleted or ImageStatus.Killed)
        {
            return this;
        }
        var bytes = size is > 0 ? size.Value : 0;
        return new ProjectUsage(
            ImageCount + 1,
            UploadingCount + (IsUploading(status) ? 1 : 0),
            StoredBytes + (status is ImageStatus.Active or ImageStatus.Deactivated ? bytes : 0),
            StagedBytes + (status is ImageStatus.Uploading or ImageStatus.Importing ? bytes : 0));
    }

    /// <summary>The states image_count_uploading counts.</summary>
    public static bool IsUploading(ImageStatus status) => status is ImageStatus.Saving or ImageStatus.Uploading or ImageStatus.Importing;

    /// <summary>The figure a limit is compared with: counts as they are, sizes in MiB rounded down (Glance: usage // units.Mi).</summary>
    public long Of(string resource) => resource switch
    {
        QuotaResources.ImageSizeTotal => ToMiB(StoredBytes),
        QuotaResources.ImageStageTotal => ToMiB(StagedBytes),
        QuotaResources.ImageCountTotal => ImageCount,
        QuotaResources.ImageCountUploading => UploadingCount,
        _ => throw new ArgumentOutOfRangeException(nameof(resource), resource, "Not a quota resource."),
    };

    /// <summary>Bytes as MiB, rounded down, as Glance turns both usage and a requested size into a quota figure.</summary>
    public static long ToMiB(long bytes) => bytes / MiB;
}

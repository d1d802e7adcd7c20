using System.Globalization;
using Glance.Domain.Listing;

namespace Glance.Storage.Tables;

/// <summary>
/// Row keys of the creation-order index: inverted creation ticks then the id, so that an ascending range
/// read returns the newest image first. Images created in the same 100 ns tick order by id ascending.
/// </summary>
internal static class ImageIndexKeys
{
    public const string CreatedPartition = "created";

    public static string RowKey(DateTimeOffset createdAt, string imageId) =>
        (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + imageId;

    public static string RowKey(ImageCursor cursor) => RowKey(cursor.CreatedAt, cursor.ImageId);
}

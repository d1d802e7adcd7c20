namespace Glance.Storage.Tables;

/// <summary>
/// Row keys of the rows in an image's partition of the images table. They sort "event:" (the outbox, see EventRows) &lt;
/// "image:" &lt; "listing:" &lt; "member:", so one range read takes the events alone or the image, marker and members
/// without the events.
/// The image row, the listing marker and the events carry the image id although the partition key already names the
/// image: Azure does not need it, but Azurite looks an entity up through its RowKey index alone, so a row key that
/// every image shares ("image") makes each point read and write in the emulator walk every image (10k upserts took
/// 4 s at 10k images and over 30 s at 30k; with distinct row keys 0.5-1 s at any size).
/// </summary>
internal static class ImagePartitionRows
{
    public const string ImagePrefix = "image:";
    public const string ImageEnd = "image;";
    public const string ListingMarkerPrefix = "listing:";
    public const string ListingMarkerEnd = "listing;";

    public static string Image(string imageId) => ImagePrefix + imageId;

    public static bool IsImage(string rowKey) => rowKey.StartsWith(ImagePrefix, StringComparison.Ordinal);

    public static string ListingMarker(string imageId) => ListingMarkerPrefix + imageId;

    public static bool IsListingMarker(string rowKey) => rowKey.StartsWith(ListingMarkerPrefix, StringComparison.Ordinal);
}

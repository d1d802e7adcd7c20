namespace Glance.Domain.Images;

/// <summary>Glance's wire names for <see cref="ImageStatus"/>.</summary>
public static class ImageStatusNames
{
    public static string ToWire(this ImageStatus status) => status switch
    {
        ImageStatus.Queued => "queued",
        ImageStatus.Saving => "saving",
        ImageStatus.Active => "active",
        ImageStatus.Killed => "killed",
        ImageStatus.Deleted => "deleted",
        ImageStatus.Uploading => "uploading",
        ImageStatus.Importing => "importing",
        ImageStatus.PendingDelete => "pending_delete",
        ImageStatus.Deactivated => "deactivated",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static IReadOnlyList<string> All { get; } = Enum.GetValues<ImageStatus>().Select(ToWire).ToArray();

    public static bool TryParse(string? value, out ImageStatus status)
    {
        foreach (var candidate in Enum.GetValues<ImageStatus>())
        {
            if (string.Equals(candidate.ToWire(), value, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }
}

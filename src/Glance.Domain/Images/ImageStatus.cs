namespace Glance.Domain.Images;

public enum ImageStatus
{
    Queued,
    Saving,
    Active,
    Killed,
    Deleted,
    Uploading,
    Importing,
    PendingDelete,
    Deactivated,
}

namespace Glance.Domain.Images;

/// <summary>
/// The image aggregate: Glance's core properties, its tags and its extra (string) properties.
/// Status changes only through named methods that consult <see cref="ImageStatusTransitions"/>.
/// </summary>
public sealed class Image
{
    public Image(string id, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public string Id { get; }
    public string? Name { get; set; }
    public ImageStatus Status { get; private set; } = ImageStatus.Queued;
    public string Visibility { get; set; } = ImageVisibility.Shared;
    public bool Protected { get; set; }
    public bool OsHidden { get; set; }
    public string? Owner { get; set; }
    public int MinDisk { get; set; }
    public int MinRam { get; set; }
    public string? DiskFormat { get; set; }
    public string? ContainerFormat { get; set; }
    public long? Size { get; private set; }
    public long? VirtualSize { get; private set; }
    public string? Checksum { get; private set; }
    public string? OsHashAlgo { get; private set; }
    public string? OsHashValue { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Tags in insertion order; a set (Glance's image_tags).</summary>
    public List<string> Tags { get; } = [];

    /// <summary>Extra properties in insertion order; values are always strings.</summary>
    public Dictionary<string, string> ExtraProperties { get; } = new(StringComparer.Ordinal);

    /// <summary>The storage concurrency token this copy was read with; saves compare-and-set on it.</summary>
    public string? Version { get; set; }

    public bool IsDeleted => Status == ImageStatus.Deleted;

    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    public void MarkDeleted(DateTimeOffset now)
    {
        ImageStatusTransitions.EnsureAllowed(Status, ImageStatus.Deleted, Errors.GlanceErrorKind.BadRequest);
        Status = ImageStatus.Deleted;
        DeletedAt = now;
        UpdatedAt = now;
    }

    /// <summary>Sets the status through the transition table; going back to queued clears the data facts, as Glance does.</summary>
    public void ChangeStatus(ImageStatus to, DateTimeOffset now)
    {
        ImageStatusTransitions.EnsureAllowed(Status, to);
        Status = to;
        if (to == ImageStatus.Queued)
        {
            Size = null;
            VirtualSize = null;
        }
        UpdatedAt = now;
    }

    public void RecordData(long size, long? virtualSize, string checksum, string osHashAlgo, string osHashValue)
    {
        Size = size;
        VirtualSize = virtualSize;
        Checksum = checksum;
        OsHashAlgo = osHashAlgo;
        OsHashValue = osHashValue;
    }

    /// <summary>Rebuilds an image exactly as stored; only repositories call this.</summary>
    public static Image Restore(ImageSnapshot s)
    {
        var image = new Image(s.Id, s.CreatedAt)
        {
            Name = s.Name,
            Visibility = s.Visibility,
            Protected = s.Protected,
            OsHidden = s.OsHidden,
            Owner = s.Owner,
            MinDisk = s.MinDisk,
            MinRam = s.MinRam,
            DiskFormat = s.DiskFormat,
            ContainerFormat = s.ContainerFormat,
            Version = s.Version,
        };
        image.Status = s.Status;
        image.Size = s.Size;
        image.VirtualSize = s.VirtualSize;
        image.Checksum = s.Checksum;
        image.OsHashAlgo = s.OsHashAlgo;
        image.OsHashValue = s.OsHashValue;
        image.UpdatedAt = s.UpdatedAt;
        image.DeletedAt = s.DeletedAt;
        image.Tags.AddRange(s.Tags);
        foreach (var (key, value) in s.ExtraProperties)
        {
            image.ExtraProperties[key] = value;
        }
        return image;
    }

    public ImageSnapshot ToSnapshot() => new(
        Id, Name, Status, Visibility, Protected, OsHidden, Owner, MinDisk, MinRam, DiskFormat, ContainerFormat,
        Size, VirtualSize, Checksum, OsHashAlgo, OsHashValue, CreatedAt, UpdatedAt, DeletedAt,
        [.. Tags], ExtraProperties.ToList(), Version);
}

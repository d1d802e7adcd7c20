using Glance.Domain.Images;
using Glance.Domain.Listing;

namespace Glance.Domain.Ports;

/// <summary>Where image records live. Every save is a compare-and-set on <see cref="Image.Version"/>.</summary>
public interface IImageRepository
{
    /// <summary>Stores a new image; throws <see cref="ConcurrencyConflictException"/> when the id was ever used.</summary>
    Task AddAsync(Image image, CancellationToken cancellationToken = default);

    /// <summary>Reads an image, deleted ones included; null when the id was never used.</summary>
    Task<Image?> FindAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>Writes the image if nobody saved it since it was read; else throws <see cref="ConcurrencyConflictException"/>.</summary>
    Task SaveAsync(Image image, CancellationToken cancellationToken = default);

    /// <summary>Images that are not deleted, newest first (created_at desc, id desc), strictly after <paramref name="after"/>.</summary>
    IAsyncEnumerable<Image> ScanNewestFirstAsync(ImageCursor? after, CancellationToken cancellationToken = default);
}

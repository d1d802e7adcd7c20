using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Members;

namespace Glance.Domain.Ports;

/// <summary>
/// Where image records live. Every save is a compare-and-set against the version the image was read with: save only
/// an image this repository returned (or added).
/// </summary>
public interface IImageRepository
{
    /// <summary>
    /// Stores a new image and the events that report it, in one transaction; throws
    /// <see cref="ConcurrencyConflictException"/> when the id was ever used.
    /// </summary>
    Task AddAsync(Image image, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Reads an image, deleted ones included; null when the id was never used.</summary>
    Task<Image?> FindAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>Reads an image and its members in one read, deleted images included; null when the id was never used.</summary>
    Task<ImageWithMembers?> FindWithMembersAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="FindWithMembersAsync"/>, to decide a change on: it may return the state this process last read or
    /// committed instead of reading, since saving the change refuses a state that is no longer current (and forgets
    /// it, so the next call reads). Never use it to answer a read.
    /// </summary>
    Task<ImageWithMembers?> FindToChangeAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the image and the events that report the change, in one transaction, if nobody saved the image since
    /// it was read; else throws <see cref="ConcurrencyConflictException"/> and writes nothing.
    /// </summary>
    Task SaveAsync(Image image, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="SaveAsync(Image, IReadOnlyList{ImageEvent}, CancellationToken)"/>, and once the change is committed
    /// (never before, never if it is not) runs <paramref name="afterCommit"/> alongside the rest of the save, so that it
    /// adds no round trip of its own.
    /// </summary>
    Task SaveAsync(Image image, IReadOnlyList<ImageEvent> events, Func<Task> afterCommit, CancellationToken cancellationToken = default);

    /// <summary>Commits events that report no change of the image record (a download), in the image's event order.</summary>
    Task AppendEventsAsync(string imageId, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Images that are not deleted and belong to any of <paramref name="scopes"/>, each once, newest first (created_at
    /// desc, id desc), strictly after <paramref name="after"/>; it may leave out images that fail
    /// <paramref name="narrowing"/>. <paramref name="pageSize"/> is how many the caller expects to need: reads fetch
    /// that many at a time.
    /// </summary>
    IAsyncEnumerable<ListedImage> ListNewestFirstAsync(
        IReadOnlyList<ListingScope> scopes, IReadOnlyList<ImageFieldMatch> narrowing, ImageCursor? after, int pageSize,
        CancellationToken cancellationToken = default);

    /// <summary>Ids of images in saving, uploading or importing whose last change is older than <paramref name="cutoff"/>.</summary>
    IAsyncEnumerable<string> FindMidOperationSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}

using Glance.Domain.Events;
using Glance.Domain.Members;

namespace Glance.Domain.Ports;

/// <summary>
/// Image members, kept in the image's own partition; every change is committed with the event that reports it.
/// Saves compare-and-set on <see cref="ImageMember.Version"/>.
/// </summary>
public interface IImageMemberRepository
{
    /// <summary>Adds a member; throws <see cref="ConcurrencyConflictException"/> when it exists.</summary>
    Task AddAsync(ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default);

    Task<ImageMember?> FindAsync(string imageId, string memberId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ImageMember>> ListAsync(string imageId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a member if unchanged since read; else throws <see cref="ConcurrencyConflictException"/>.</summary>
    Task<ImageMember> SaveAsync(ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default);

    /// <summary>Removes a member with the event that reports it; false when there was none.</summary>
    Task<bool> RemoveAsync(ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default);
}

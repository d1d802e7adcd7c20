using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Members;

namespace Glance.Domain.Ports;

/// <summary>
/// Image members, kept in the image's own partition and read with it (<see cref="IImageRepository.FindWithMembersAsync"/>).
/// Every change is committed with the event that reports it, as a compare-and-set against the version
/// the image passed was read with: any change of the image or its members since then throws
/// <see cref="ConcurrencyConflictException"/> and writes nothing.
/// </summary>
public interface IImageMemberRepository
{
    /// <summary>Adds a member that the image read did not have.</summary>
    Task AddAsync(Image image, ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default);

    /// <summary>Replaces a member that the image read had.</summary>
    Task SaveAsync(Image image, ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default);

    /// <summary>Removes a member that the image read had.</summary>
    Task RemoveAsync(Image image, ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default);
}

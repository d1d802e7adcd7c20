using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Ports;
using Moq;

namespace Glance.Domain.Tests;

/// <summary>A mocked repository that holds an image: each of its reads returns it (and its members).</summary>
public static class RepositoryMocks
{
    public static void Holds(this Mock<IImageRepository> repository, string imageId, Image? image, params ImageMember[] members) =>
        repository.Holds(imageId, () => image, () => members);

    /// <param name="image">Called at each read, so a test can hand out a fresh copy each time, as storage does.</param>
    public static void Holds(this Mock<IImageRepository> repository, string imageId, Func<Image?> image, Func<IReadOnlyList<ImageMember>>? members = null)
    {
        repository.Setup(r => r.FindAsync(imageId, It.IsAny<CancellationToken>())).ReturnsAsync(image);
        repository.Setup(r => r.FindWithMembersAsync(imageId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => image() is { } found ? new ImageWithMembers(found, members?.Invoke() ?? []) : null);
        repository.Setup(r => r.FindToChangeAsync(imageId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => image() is { } found ? new ImageWithMembers(found, members?.Invoke() ?? []) : null);
    }
}

using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Glance.Domain.Tests.Metadefs;

/// <summary>A mocked repository holding one namespace with contents, and the content services over it.</summary>
internal sealed class MetadefContentsFixture
{
    public Mock<IMetadefNamespaceRepository> Repository { get; } = new(MockBehavior.Strict);
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    public List<ContentChanges> Saved { get; } = [];

    /// <summary>The events every save carried, in order.</summary>
    public List<MetadefEvent> Events { get; } = [];

    public MetadefAttempts Attempts(ImagePolicy? rules = null) =>
        new(Repository.Object, Policy(rules), new ImageServiceOptions { UpdateAttempts = 3 });

    public static MetadefPolicy Policy(ImagePolicy? rules = null) => new(rules ?? ImagePolicy.Default);

    public MetadefTagService Tags() => new(Repository.Object, Policy(), Attempts(), Clock);

    public MetadefObjectService Objects() => new(Repository.Object, Policy(), Attempts(), Clock);

    public MetadefPropertyService Properties() => new(Repository.Object, Policy(), Attempts(), Clock);

    public MetadefResourceTypeService ResourceTypes() => new(Repository.Object, Policy(), Attempts(), Clock);

    /// <summary>Every read finds <paramref name="detail"/>; every save is recorded.</summary>
    public NamespaceDetail Holds(NamespaceDetail detail)
    {
        Repository.Setup(r => r.FindAsync(detail.Namespace.Name, It.IsAny<bool>(), It.IsAny<CancellationToken>())).ReturnsAsync(detail);
        Repository.Setup(r => r.SaveContentsAsync(It.IsAny<NamespaceDetail>(), It.IsAny<ContentChanges>(), It.IsAny<IReadOnlyList<MetadefEvent>>(), It.IsAny<CancellationToken>()))
            .Callback<NamespaceDetail, ContentChanges, IReadOnlyList<MetadefEvent>, CancellationToken>((_, c, e, _) =>
            {
                Saved.Add(c);
                Events.AddRange(e);
            }).Returns(Task.CompletedTask);
        return detail;
    }

    public static NamespaceDetail Namespace(string owner = "p1", bool isProtected = false, string visibility = NamespaceVisibility.Private) =>
        MetadefCallers.Detail(MetadefCallers.Namespace("ns", owner, visibility, isProtected));

    public static MetadefTag Tag(string name, int minute) => new(name, DateTimeOffset.UnixEpoch.AddMinutes(minute), DateTimeOffset.UnixEpoch.AddMinutes(minute));
}

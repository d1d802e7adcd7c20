using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using Moq;

namespace Glance.Domain.Tests.Application;

/// <summary>A caller without a project may not create (and so own) images; an admin may.</summary>
public sealed class ProjectlessCallerTests
{
    private readonly Mock<IImageRepository> _images = new(MockBehavior.Strict);

    private ImageService Service(ImagePolicy policy) =>
        new(_images.Object, new ImageAccess(_images.Object, policy), policy, Mock.Of<IImageDataStore>(),
            Mock.Of<IDataUrlIssuer>(), new ImageServiceOptions(), TestImages.Unlimited(), TestImages.Updater(_images.Object), TimeProvider.System);

    private static Caller WithoutProject(string roles) => new(null, "u1", roles.Split(',').ToHashSet());

    [Theory]
    [InlineData("member,reader", """{"name":"n"}""")]
    [InlineData("member,reader", """{"owner":null}""")]
    [InlineData("reader", """{}""")]
    [InlineData("", """{}""")]
    public async Task CreateAsync_CallerWithoutProject_IsForbiddenAndStoresNothing(string roles, string body)
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() => Service(ImagePolicy.Default).CreateAsync(WithoutProject(roles), TestImages.Create(body)));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
        Assert.Equal("You are not authorized to complete add_image action.", error.Message);
        Assert.False(error.IsDetail);
        _images.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CreateAsync_CallerWithoutProjectNamingAnOwner_IsForbiddenAsGlanceWordsIt()
    {
        var error = await Assert.ThrowsAsync<GlanceException>(() =>
            Service(ImagePolicy.Default).CreateAsync(WithoutProject("member,reader"), TestImages.Create("""{"owner":"p1"}""")));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
        Assert.Equal("You are not permitted to create images owned by 'p1'", error.Message);
        Assert.True(error.IsDetail);
        _images.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CreateAsync_AddImageOpenToEveryone_StillRefusesACallerWithoutProject()
    {
        var policy = new ImagePolicy(new Dictionary<string, string> { ["add_image"] = "@" });

        var error = await Assert.ThrowsAsync<GlanceException>(() => Service(policy).CreateAsync(WithoutProject("member"), TestImages.Create("{}")));

        Assert.Equal(GlanceErrorKind.NotAllowed, error.Kind);
        _images.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("""{}""", null)]
    [InlineData("""{"owner":"p1"}""", "p1")]
    public async Task CreateAsync_AdminWithoutProject_CreatesTheImage(string body, string? owner)
    {
        _images.Setup(r => r.AddAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var image = await Service(ImagePolicy.Default).CreateAsync(Caller.NoAuthAdmin, TestImages.Create(body));

        Assert.Equal(owner, image.Owner);
    }

    [Fact]
    public async Task CreateAsync_MemberWithProject_StillCreates()
    {
        _images.Setup(r => r.AddAsync(It.IsAny<Image>(), It.IsAny<IReadOnlyList<ImageEvent>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var image = await Service(ImagePolicy.Default).CreateAsync(TestImages.Member("p1"), TestImages.Create("{}"));

        Assert.Equal("p1", image.Owner);
    }
}

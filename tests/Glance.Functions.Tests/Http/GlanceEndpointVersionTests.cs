using System.Text.Json;
using Glance.Authentication;
using Glance.Domain.Identity;
using Microsoft.AspNetCore.Http;
using Moq;

namespace Glance.Functions.Tests.Http;

/// <summary>
/// A version segment only multistore serves (v2.8, v2.10 to v2.13) is the v2 API with stores configured and, without,
/// Glance's 300 with the versions document, before authentication and whatever the route or verb.
/// </summary>
public sealed class GlanceEndpointVersionTests
{
    [Theory]
    [InlineData("/v2.8/images")]
    [InlineData("/v2.10/images/1")]
    [InlineData("/v2.13/info/stores")]
    [InlineData("/v2.12/images/1/")]
    [InlineData("//v2.11//images")]
    public async Task RunAsync_MultistoreVersionWithoutStores_Is300BeforeAuthentication(string path)
    {
        var authenticator = new Mock<ICallerAuthenticator>(MockBehavior.Strict);

        var (status, body, handled) = await RunAsync(TestEndpoints.Create(authenticator.Object), path);

        Assert.Equal(300, status);
        Assert.False(handled);
        Assert.Equal("v2.15", body.GetProperty("versions")[0].GetProperty("id").GetString());
        Assert.DoesNotContain(body.GetProperty("versions").EnumerateArray(), v => v.GetProperty("id").GetString() == "v2.8");
    }

    [Theory]
    [InlineData("/v2.8/images")]
    [InlineData("/v2.13/images/1")]
    [InlineData("/v2.9/images")]
    [InlineData("/v2/images")]
    public async Task RunAsync_MultistoreVersionWithStores_RunsTheHandler(string path)
    {
        var (status, _, handled) = await RunAsync(TestEndpoints.Create(Authenticated(), multistore: true), path);

        Assert.Equal(204, status);
        Assert.True(handled);
    }

    [Theory]
    [InlineData("/v2.9/images")]
    [InlineData("/v2.15/images")]
    [InlineData("/v2.0/images")]
    public async Task RunAsync_VersionEveryDeploymentServes_RunsTheHandler(string path)
    {
        var (status, _, handled) = await RunAsync(TestEndpoints.Create(Authenticated()), path);

        Assert.Equal(204, status);
        Assert.True(handled);
    }

    private static ICallerAuthenticator Authenticated()
    {
        var authenticator = new Mock<ICallerAuthenticator>();
        authenticator.Setup(a => a.AuthenticateAsync(It.IsAny<IRequestHeaders>(), It.IsAny<CancellationToken>())).ReturnsAsync(Caller.Anonymous);
        return authenticator.Object;
    }

    private static async Task<(int Status, JsonElement Body, bool Handled)> RunAsync(Glance.Functions.Http.GlanceEndpoint endpoint, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1");
        context.Response.Body = new MemoryStream();
        var handled = false;

        var result = await endpoint.RunAsync(context.Request, _ =>
        {
            handled = true;
            return Task.FromResult<IResult>(new Glance.Functions.Http.EmptyResult(StatusCodes.Status204NoContent));
        });
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        var body = context.Response.Body.Length == 0 ? default : (await JsonDocument.ParseAsync(context.Response.Body)).RootElement.Clone();
        return (context.Response.StatusCode, body, handled);
    }
}

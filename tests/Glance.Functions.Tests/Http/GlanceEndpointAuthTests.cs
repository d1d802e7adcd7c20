using System.Text.Json;
using Glance.Authentication;
using Glance.Domain.Identity;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Glance.Functions.Tests.Http;

/// <summary>How the endpoint turns an authenticator's answer into Glance's responses.</summary>
public sealed class GlanceEndpointAuthTests
{
    private readonly Mock<ICallerAuthenticator> _authenticator = new();

    private GlanceEndpoint Endpoint() => TestEndpoints.Create(_authenticator.Object);

    private static async Task<(HttpResponse Response, JsonElement Body)> RunAsync(GlanceEndpoint endpoint, bool anonymous = false)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = "/v2/images";
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();
        var result = await endpoint.RunAsync(context.Request, _ => Task.FromResult<IResult>(new EmptyResult(200)), anonymous: anonymous);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var body = context.Response.Body.Length > 0 ? await JsonDocument.ParseAsync(context.Response.Body) : JsonDocument.Parse("null");
        return (context.Response, body.RootElement.Clone());
    }

    [Fact]
    public async Task RunAsync_Unauthenticated_Is401WithGlancesBodyAndTheModesChallenge()
    {
        _authenticator.Setup(a => a.AuthenticateAsync(It.IsAny<IRequestHeaders>(), It.IsAny<CancellationToken>())).ThrowsAsync(Unauthenticated.Exception());
        _authenticator.Setup(a => a.Challenge).Returns("Bearer");

        var (response, body) = await RunAsync(Endpoint());

        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("401 Unauthorized", body.GetProperty("code").GetString());
        Assert.StartsWith(Unauthenticated.Message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnauthenticatedInAModeWithoutChallenge_Is401WithoutWwwAuthenticate()
    {
        _authenticator.Setup(a => a.AuthenticateAsync(It.IsAny<IRequestHeaders>(), It.IsAny<CancellationToken>())).ThrowsAsync(Unauthenticated.Exception());

        var (response, _) = await RunAsync(Endpoint());

        Assert.Equal(401, response.StatusCode);
        Assert.False(response.Headers.ContainsKey("WWW-Authenticate"));
    }

    [Fact]
    public async Task RunAsync_IdentityServiceUnavailable_Is503WithGlancesBody()
    {
        _authenticator.Setup(a => a.AuthenticateAsync(It.IsAny<IRequestHeaders>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AuthServiceUnavailableException("Keystone could not be reached."));

        var (response, body) = await RunAsync(Endpoint());

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("503 Service Unavailable", body.GetProperty("code").GetString());
        Assert.Equal("Service Unavailable", body.GetProperty("title").GetString());
        Assert.DoesNotContain("Keystone", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Anonymous_NeverAsksTheAuthenticator()
    {
        var (response, _) = await RunAsync(Endpoint(), anonymous: true);

        Assert.Equal(200, response.StatusCode);
        _authenticator.Verify(a => a.AuthenticateAsync(It.IsAny<IRequestHeaders>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunAsync_Authenticated_HandsTheCallerToTheHandler()
    {
        var caller = new Caller("p1", "u1", new HashSet<string>(StringComparer.Ordinal) { "member" });
        _authenticator.Setup(a => a.AuthenticateAsync(It.IsAny<IRequestHeaders>(), It.IsAny<CancellationToken>())).ReturnsAsync(caller);
        var context = new DefaultHttpContext();
        Caller? seen = null;

        await Endpoint().RunAsync(context.Request, c =>
        {
            seen = c.Caller;
            return Task.FromResult<IResult>(new EmptyResult(200));
        });

        Assert.Same(caller, seen);
    }
}

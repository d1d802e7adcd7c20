using System.Text.Json;
using Azure;
using Glance.Authentication;
using Glance.Domain.Identity;
using Glance.Functions.Http;
using Glance.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Glance.Functions.Tests.Http;

/// <summary>Storage out of reach is Glance's 503 (try again later), never a 500; other failures stay 500.</summary>
public sealed class GlanceEndpointStorageOutageTests
{
    private static readonly RequestFailedException Refused =
        new(0, "Connection refused (127.0.0.1:10000)", new HttpRequestException("Connection refused"));

    public static TheoryData<string, Exception> Outages() => new()
    {
        { "connection refused", Refused },
        { "server busy", new RequestFailedException(503, "The server is busy.") },
        { "retries exhausted", new AggregateException("Retry failed after 4 tries.", Refused, Refused, Refused, Refused) },
        { "stream cut", new AggregateException(new IOException("Connection reset by peer"), Refused) },
        { "connection reset while sending", new AggregateException(Refused, new System.Net.Sockets.SocketException(107)) },
        { "network timeout", new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout.", new TimeoutException()) },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task RunAsync_StorageUnavailable_Is503WithGlancesBodyAndNoInternals(string outage, Exception failure)
    {
        var (status, body) = await RunAsync(failure);

        Assert.True(status == 503, outage);
        Assert.Equal("503 Service Unavailable", body.GetProperty("code").GetString());
        Assert.Equal("Service Unavailable", body.GetProperty("title").GetString());
        Assert.DoesNotContain("127.0.0.1", body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Retry", body.GetRawText(), StringComparison.Ordinal);
    }

    public static TheoryData<Exception> NotOutages() => new()
    {
        new RequestFailedException(404, "The specified blob does not exist."),
        new AggregateException(new InvalidOperationException("a bug"), Refused),
        new InvalidOperationException("a bug"),
        new OperationCanceledException(),
    };

    [Theory]
    [MemberData(nameof(NotOutages))]
    public async Task RunAsync_OtherFailure_Is500(Exception failure)
    {
        var (status, body) = await RunAsync(failure);

        Assert.Equal(500, status);
        Assert.Equal("500 Internal Server Error", body.GetProperty("code").GetString());
    }

    [Fact]
    public void IsOutage_AggregateOfNothing_IsNotAnOutage() => Assert.False(StorageFailures.IsOutage(new AggregateException()));

    private static async Task<(int Status, JsonElement Body)> RunAsync(Exception failure)
    {
        var authenticator = new Mock<ICallerAuthenticator>();
        authenticator.Setup(a => a.AuthenticateAsync(It.IsAny<IRequestHeaders>(), It.IsAny<CancellationToken>())).ReturnsAsync(Caller.Anonymous);
        var endpoint = TestEndpoints.Create(authenticator.Object);
        var context = new DefaultHttpContext();
        context.Request.Method = "PATCH";
        context.Request.Path = "/v2/images/1";
        context.Request.Headers.Accept = "application/json";
        context.Response.Body = new MemoryStream();

        var result = await endpoint.RunAsync(context.Request, _ => Task.FromException<IResult>(failure));
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        return (context.Response.StatusCode, body.RootElement.Clone());
    }
}

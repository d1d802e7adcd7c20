using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Glance.FunctionsHost.Tests.Infrastructure;
using Glance.FunctionsHost.Tests.Rpc;

namespace Glance.FunctionsHost.Tests;

/// <summary>
/// The queue-triggered import as the host runs it: the host's queue listener takes the message the app enqueued,
/// decodes it as the queues extension does, and invokes the function with its text and binding data.
/// </summary>
[Collection(WorkerSessionCollection.Name)]
public sealed class QueueTriggerTests(WorkerSession session)
{
    private const string FunctionName = "RunImageImport";
    private const string QueueName = "image-imports";
    private const string Connection = "GlanceStorage";

    /// <remarks>
    /// Fails if the function is missing or bound to another queue or connection, if the import enqueues nothing, if
    /// the host could not decode the message, or if the invocation does not activate the image.
    /// </remarks>
    [Fact]
    public async Task QueueTrigger_RunImageImport_ImportsStagedImage()
    {
        var function = session.Functions.SingleOrDefault(f => f.Name == FunctionName);
        Assert.True(function is not null, $"The worker reports no {FunctionName}: {string.Join(", ", session.Functions.Select(f => f.Name))}");
        var trigger = function.Binding("queueTrigger");
        Assert.True(trigger is not null, $"{FunctionName} has no queueTrigger binding.");
        Assert.Equal(QueueName, (string?)trigger["queueName"]);
        Assert.Equal(Connection, (string?)trigger["connection"]);

        var http = new HttpInvocationTests(session);
        using var created = await session.SendHttpAsync(HttpInvocationTests.Json(HttpMethod.Post, "/v2/images", """{"disk_format":"raw","container_format":"bare"}"""));
        var id = (await http.AssertAnsweredAsync(created, HttpStatusCode.Created)).RootElement.GetProperty("id").GetString()!;
        var stage = HttpInvocationTests.WithCaller(new HttpRequestMessage(HttpMethod.Put, $"/v2/images/{id}/stage") { Content = new ByteArrayContent([1, 2, 3, 4]) });
        stage.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var staged = await session.SendHttpAsync(stage);
        await http.AssertAnsweredAsync(staged, HttpStatusCode.NoContent);
        using var imported = await session.SendHttpAsync(HttpInvocationTests.Json(HttpMethod.Post, $"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}"""));
        await http.AssertAnsweredAsync(imported, HttpStatusCode.Accepted);

        var queue = new QueueClient(session.Azurite.ConnectionString, QueueName);
        var message = (await queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5))).Value;
        Assert.True(message is not null, $"The import of {id} put no message on {QueueName}.");
        var text = DecodeAsHost(message.Body.ToString());

        var invocation = await session.InvokeQueueTriggerAsync(FunctionName, text, message.MessageId);

        Assert.True(invocation.Result.Status == StatusResult.Types.Status.Success,
            $"{FunctionName} ended {invocation.Result.Status}: {invocation.Result.Exception?.Message}{Environment.NewLine}{session.Describe()}");
        using var shown = await session.SendHttpAsync(HttpInvocationTests.Get($"/v2/images/{id}"));
        Assert.Equal("active", (await http.AssertAnsweredAsync(shown, HttpStatusCode.OK)).RootElement.GetProperty("status").GetString());
    }

    /// <summary>
    /// What the host's queue listener hands the function: the queues extension decodes base64 unless host.json sets
    /// extensions.queues.messageEncoding to none; a message it cannot decode never reaches the function.
    /// </summary>
    private static string DecodeAsHost(string body)
    {
        var encoding = (string?)JsonNode.Parse(File.ReadAllText(FunctionsBuildOutput.HostJson))?["extensions"]?["queues"]?["messageEncoding"] ?? "base64";
        if (string.Equals(encoding, "none", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(body));
        }
        catch (FormatException)
        {
            Assert.Fail($"The message is not base64, and host.json leaves the queues extension's messageEncoding at base64: the host cannot decode it. Message: {body}");
            throw;
        }
    }
}

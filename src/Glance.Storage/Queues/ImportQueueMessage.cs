using System.Text.Json;
using Azure.Storage.Queues;
using Glance.Domain.Importing;

namespace Glance.Storage.Queues;

/// <summary>
/// The import queue's message, one format for the sender, the queue trigger and the local host:
/// <c>{"imageId": "...", "taskId": "...", "uri": "..."}</c> (uri for web-download only), base64-encoded on the wire.
/// </summary>
public static class ImportQueueMessage
{
    /// <summary>
    /// Base64, because the Functions queue extension decodes base64 by default (host.json keeps its default
    /// <c>messageEncoding</c>); a plain-text message would reach the trigger as a decoding failure.
    /// </summary>
    public static void ConfigureClient(QueueClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MessageEncoding = QueueMessageEncoding.Base64;
    }

    public static string Serialize(ImportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var fields = new Dictionary<string, string> { ["imageId"] = job.ImageId, ["taskId"] = job.TaskId };
        if (job.Source is { } source)
        {
            fields["uri"] = source.OriginalString;
        }
        return JsonSerializer.Serialize(fields);
    }

    /// <summary>The job, or a <see cref="FormatException"/>: a message no sender of ours wrote is poison, kept for a look.</summary>
    public static ImportJob Parse(string message)
    {
        try
        {
            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("imageId", out var imageId) && imageId.ValueKind == JsonValueKind.String && imageId.GetString() is { Length: > 0 } image
                && root.TryGetProperty("taskId", out var taskId) && taskId.ValueKind == JsonValueKind.String && taskId.GetString() is { Length: > 0 } task)
            {
                var source = root.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(uri.GetString(), UriKind.Absolute, out var parsed) ? parsed : null;
                return new ImportJob(image, task, source);
            }
        }
        catch (JsonException)
        {
        }
        throw new FormatException($"Not an import job: {(message.Length > 200 ? message[..200] + "..." : message)}");
    }
}

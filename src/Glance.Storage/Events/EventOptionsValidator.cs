using Microsoft.Extensions.Options;

namespace Glance.Storage.Events;

/// <summary>
/// Where events go must be reachable as written: the topic endpoint and every webhook an absolute http(s) URL, and a
/// topic key only with a topic. Checked at start, so that a typo stops the service instead of every event piling up
/// in the outbox.
/// </summary>
public sealed class EventOptionsValidator : IValidateOptions<EventOptions>
{
    public ValidateOptionsResult Validate(string? name, EventOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.TopicEndpoint) && !IsHttpUrl(options.TopicEndpoint))
        {
            failures.Add($"Glance:Events:TopicEndpoint '{options.TopicEndpoint}' is not an absolute http(s) URL.");
        }
        if (string.IsNullOrEmpty(options.TopicEndpoint) && !string.IsNullOrEmpty(options.TopicKey))
        {
            failures.Add("Glance:Events:TopicKey is set but Glance:Events:TopicEndpoint is not.");
        }
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            if (!IsHttpUrl(options.Webhooks[i]))
            {
                failures.Add($"Glance:Events:Webhooks:{i} '{options.Webhooks[i]}' is not an absolute http(s) URL.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Parsed as the sinks parse it.</summary>
    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is ("https" or "http");
}

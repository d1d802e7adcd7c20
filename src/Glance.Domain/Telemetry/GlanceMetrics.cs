using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Glance.Domain.Telemetry;

/// <summary>
/// The service's own metrics and spans, under one name that the hosts export (OpenTelemetry's AddMeter/AddSource).
/// Static, as .NET's own libraries publish theirs: an instrument nobody listens to costs next to nothing, and
/// the use cases need no extra dependency for it.
/// </summary>
public static class GlanceMetrics
{
    public const string Name = "Glance";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Seconds one validation spent reading and hashing an image's bytes.</summary>
    public static readonly Histogram<double> ValidationDuration =
        Meter.CreateHistogram<double>("glance.validation.duration", "s", "Time to read and hash an image's bytes for validation.");

    /// <summary>Bytes read and hashed by validations.</summary>
    public static readonly Counter<long> ValidationBytes =
        Meter.CreateCounter<long>("glance.validation.bytes", "By", "Image bytes read and hashed by validations.");

    /// <summary>Events sent to Event Grid (and local webhooks).</summary>
    public static readonly Counter<long> EventsPublished =
        Meter.CreateCounter<long>("glance.events.published", "{event}", "Notifications sent.");

    /// <summary>Publish attempts that failed; the events stay in the outbox and are retried with backoff.</summary>
    public static readonly Counter<long> EventPublishFailures =
        Meter.CreateCounter<long>("glance.events.publish_failures", "{batch}", "Notification batches that failed to send and wait for a retry.");

    /// <summary>
    /// Partitions (images, namespaces) a sweep found with events still in their outbox: a steady rise means the fast path
    /// is not keeping up.
    /// </summary>
    public static readonly Counter<long> OutboxBacklog =
        Meter.CreateCounter<long>("glance.outbox.backlog", "{partition}", "Images and namespaces whose outbox a sweep found holding events older than the sweep threshold.");

    /// <summary>Requests refused because the caller's token was missing, invalid or expired.</summary>
    public static readonly Counter<long> AuthRejections =
        Meter.CreateCounter<long>("glance.auth.rejections", "{request}", "Requests refused with 401.");

    /// <summary>Requests answered 503 because the identity service (Keystone, the OIDC issuer) was out of reach.</summary>
    public static readonly Counter<long> AuthUnavailable =
        Meter.CreateCounter<long>("glance.auth.unavailable", "{request}", "Requests answered 503 because the identity service could not be reached.");
}

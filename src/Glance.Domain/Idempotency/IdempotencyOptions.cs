using System.ComponentModel.DataAnnotations;

namespace Glance.Domain.Idempotency;

/// <summary>How long keys are remembered. Section <c>Glance:Idempotency</c>; checked at start.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "Glance:Idempotency";

    /// <summary>How long a succeeded request's answer is given again for the same key (24 hours, as the issue asks).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ErrorMessage = "Glance:Idempotency:Lifetime must be between 00:00:01 and 30.00:00:00.")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// After how long a request that never answered is taken for dead and its key may be claimed again: longer than
    /// Azure's 230 s limit on an HTTP request, so a request still running is never run twice.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Glance:Idempotency:AbandonedAfter must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(5);
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>Counts the SDK calls (before retries) whose query has a given <c>comp=</c> value.</summary>
public sealed class RequestCounter(string comp) : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message)
    {
        var query = message.Request.Uri.Query;
        if (query.Split('?', '&').Contains("comp=" + comp, StringComparer.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _count);
        }
    }
}

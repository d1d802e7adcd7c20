using Azure;

namespace Glance.Storage;

/// <summary>
/// Tells an outage of storage (or of anything the Azure SDK reaches: a connection refused or reset, a network
/// timeout, a 5xx, or all of a retry policy's attempts failing so) from every other failure. Kestrel reports a client
/// that went away with its own exception types, never a SocketException, so that one can only come from a call out.
/// An outage says nothing about the request: the caller may try again later.
/// </summary>
public static class StorageFailures
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        RequestFailedException e => e.Status == 0 || e.Status >= 500,
        // A connection reset while a request was being sent surfaces unwrapped, and is not retried by the SDK.
        System.Net.Sockets.SocketException => true,
        // The SDK's network timeout: a cancellation it made itself, not the caller's.
        OperationCanceledException { InnerException: TimeoutException } => true,
        // A retry policy that gave up reports every attempt's failure; a stream read mid-body fails with an IOException.
        AggregateException e => e.InnerExceptions.Count > 0 && e.InnerExceptions.All(i => i is IOException || IsOutage(i)),
        _ => false,
    };
}

using System.Net;
using Azure;

namespace Glance.Storage.Blobs;

/// <summary>Reads go to the first store holding an image that can serve it: a lost container or copy, or an outage, moves on.</summary>
internal static class StoreFailover
{
    /// <summary>
    /// The first of <paramref name="stores"/> whose <paramref name="use"/> succeeds; a store that lost its container or
    /// its copy (404) or is out of reach is skipped, anything else is thrown at once, as is the last store's failure.
    /// </summary>
    public static async Task<T> FirstAsync<T>(IReadOnlyList<string> stores, Func<string, Task<T>> use)
    {
        ArgumentOutOfRangeException.ThrowIfZero(stores.Count);
        for (var i = 0; ; i++)
        {
            try
            {
                return await use(stores[i]);
            }
            catch (Exception e) when (i < stores.Count - 1
                && (e is RequestFailedException { Status: (int)HttpStatusCode.NotFound } || StorageFailures.IsOutage(e)))
            {
            }
        }
    }
}

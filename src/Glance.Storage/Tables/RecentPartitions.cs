using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// The last state of each image partition this process read or committed, so that the next change of the image can be
/// decided without a read: its compare-and-set on the image row refuses a state that is no longer current (every
/// change of an image or its members writes that row), and a refused state is forgotten, so the retry reads afresh.
/// Never used to answer a read: another instance may have changed the image since. Bounded by
/// <see cref="StorageOptions.RecentPartitions"/>.
/// </summary>
public sealed class RecentPartitions(IOptions<StorageOptions> options) : IDisposable
{
    /// <summary>A state nobody wrote or read for this long is dropped: a change that comes later reads afresh.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _states = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.RecentPartitions) });
    private readonly bool _enabled = options.Value.RecentPartitions > 0;

    internal void Remember(string imageId, PartitionState state)
    {
        if (_enabled)
        {
            _states.Set(imageId, state, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
        }
    }

    /// <summary>The state an image object was just committed with: for its next save, and for the next change of its id.</summary>
    internal void Remember(Glance.Domain.Images.Image image, PartitionState state)
    {
        LoadedImages.Remember(image, state);
        Remember(image.Id, state);
    }

    internal PartitionState? Recall(string imageId) => _states.TryGetValue(imageId, out PartitionState? state) ? state : null;

    internal void Forget(string imageId) => _states.Remove(imageId);

    public void Dispose() => _states.Dispose();
}

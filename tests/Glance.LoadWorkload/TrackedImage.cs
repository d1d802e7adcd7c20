namespace Glance.LoadWorkload;

/// <summary>
/// A client's record of one image it created: the state, metadata and bytes it should have after the client's
/// successful requests, and the notifications those requests committed. Only its own client touches it while the
/// load runs; the audit reads it afterwards.
/// </summary>
internal sealed class TrackedImage(string id, string owner)
{
    public string Id { get; } = id;
    public string Owner { get; } = owner;
    public TrackedState State { get; set; } = TrackedState.Queued;
    public string Name { get; set; } = "";
    public int MinRam { get; set; }
    public HashSet<string> Tags { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>Member project and status.</summary>
    public Dictionary<string, string> Members { get; } = new(StringComparer.Ordinal);

    public long? Size { get; set; }
    public string? Md5 { get; set; }
    public string? Sha512 { get; set; }

    /// <summary>Notifications expected, by type, counted when the request that commits them succeeds.</summary>
    public Dictionary<string, int> ExpectedEvents { get; } = new(StringComparer.Ordinal);

    /// <summary>Set when something went wrong that the audit already reports; its event counts are then not judged.</summary>
    public string? Broken { get; set; }

    public bool IsLive => State != TrackedState.Deleted;

    public void Expect(string type, int count = 1) => ExpectedEvents[type] = ExpectedEvents.GetValueOrDefault(type) + count;
}

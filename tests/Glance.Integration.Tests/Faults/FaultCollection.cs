namespace Glance.Integration.Tests.Faults;

/// <summary>
/// Fault tests stop and start processes and time recoveries in seconds: they run one at a time, after the other
/// collections, so that nothing else competes with them for the machine's cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "faults";
}

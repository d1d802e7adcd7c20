namespace Glance.FormatInspection.Tests.Support;

/// <summary>Tests that assert a time budget run alone, so parallel qemu-img runs do not eat their budget.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedTests
{
    public const string Name = "Timed tests";
}

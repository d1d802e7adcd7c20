namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>The tests that share one started worker (starting one takes seconds on a shared machine).</summary>
[CollectionDefinition(Name)]
public sealed class WorkerSessionCollection : ICollectionFixture<WorkerSession>
{
    public const string Name = "Worker under the fake host";
}

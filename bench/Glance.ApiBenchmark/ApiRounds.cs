namespace Glance.Benchmarks;

/// <summary>
/// Times the floors and the requests in rounds, each round every floor and every request once in a shuffled order, so
/// that neither a drift of a busy machine nor what ran just before (a burst of concurrent reads, another request's
/// work after its answer) favours one over another; the first rounds warm up JIT, connections and Azurite and are
/// discarded. The images a round shows, renames and deletes are created before its timed steps and removed after.
/// </summary>
internal sealed class ApiRounds(TableFloors floors, ImagesApi api, int concurrency)
{
    public const int WarmUpRounds = 20;
    public const int ParallelUpserts = 4;
    public const int ListLimit = 20;

    private readonly Random _order = new(20261206);

    /// <summary>Creates the project's images a list pages through: more than a page, so every list answers a full one.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < ListLimit; i++)
        {
            await api.CreateAsync($"listed-{i}", cancellationToken);
        }
    }

    /// <param name="roundDone">Called after each round with its number; the warm-up rounds are numbered below 0.</param>
    public async Task<Samples> RunAsync(int reps, Action<int> roundDone, CancellationToken cancellationToken)
    {
        var samples = new Samples();
        for (var round = -WarmUpRounds; round < reps; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RunRoundAsync(round >= 0 ? samples : new Samples(), round, cancellationToken);
            roundDone(round);
        }
        return samples;
    }

    private async Task RunRoundAsync(Samples samples, int round, CancellationToken cancellationToken)
    {
        var (_, floorId) = await floors.TransactionAsync(cancellationToken);
        var (_, shown) = await api.CreateAsync($"shown-{round}", cancellationToken);
        var (_, doomed) = await api.CreateAsync($"doomed-{round}", cancellationToken);
        string? created = null;
        List<Func<Task>> steps =
        [
            async () => samples.Add(Operations.Transaction, (await floors.TransactionAsync(cancellationToken)).Milliseconds),
            async () => samples.Add(Operations.PointRead, await floors.PointReadAsync(floorId, cancellationToken)),
            async () => samples.Add(Operations.Upsert, await floors.UpsertAsync(floorId, cancellationToken)),
            async () => samples.Add(Operations.ParallelUpserts, await floors.ParallelUpsertsAsync(floorId, ParallelUpserts, cancellationToken)),
            async () => samples.Add(Operations.ConcurrentPointReads, await floors.ConcurrentPointReadsAsync(floorId, concurrency, cancellationToken)),
            async () => samples.Add(Operations.TransactionThenCopies, await floors.TransactionThenCopiesAsync(cancellationToken)),
            async () =>
            {
                var (milliseconds, id) = await api.CreateAsync($"bench-{round}", cancellationToken);
                samples.Add(Operations.Create, milliseconds);
                created = id;
            },
            async () => samples.Add(Operations.Show, await api.ShowAsync(shown, cancellationToken)),
            async () => samples.Add(Operations.Patch, await api.RenameAsync(shown, $"renamed-{round}", cancellationToken)),
            async () => samples.Add(Operations.List, await api.ListAsync(ListLimit, cancellationToken)),
            async () => samples.Add(Operations.ConcurrentShow, await api.ShowConcurrentlyAsync(shown, concurrency, cancellationToken)),
            async () => samples.Add(Operations.Versions, await api.VersionsAsync(cancellationToken)),
            async () => samples.Add(Operations.Delete, await api.DeleteAsync(doomed, cancellationToken)),
        ];
        foreach (var step in steps.OrderBy(_ => _order.Next()))
        {
            await step();
        }
        await api.DeleteAsync(shown, cancellationToken);
        await api.DeleteAsync(created!, cancellationToken);
    }
}

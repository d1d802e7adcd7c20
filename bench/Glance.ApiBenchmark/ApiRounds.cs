namespace Glance.Benchmarks;

/// <summary>
/// Times the floors and the requests in alternating rounds (every floor once, then every request once), so a drift of
/// a busy machine hits both alike; the first rounds warm up JIT, connections and Azurite and are discarded.
/// </summary>
internal sealed class ApiRounds(TableFloors floors, ImagesApi api, int concurrency)
{
    public const int WarmUpRounds = 20;
    public const int ParallelUpserts = 4;
    public const int ListLimit = 20;

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
            var target = round >= 0 ? samples : new Samples();
            await TimeFloorsAsync(target, cancellationToken);
            await TimeRequestsAsync(target, round, cancellationToken);
            roundDone(round);
        }
        return samples;
    }

    private async Task TimeFloorsAsync(Samples samples, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (transaction, id) = await floors.TransactionAsync(cancellationToken);
        samples.Add(Operations.Transaction, transaction);
        samples.Add(Operations.PointRead, await floors.PointReadAsync(id, cancellationToken));
        samples.Add(Operations.Upsert, await floors.UpsertAsync(id, cancellationToken));
        samples.Add(Operations.ParallelUpserts, await floors.ParallelUpsertsAsync(id, ParallelUpserts, cancellationToken));
        samples.Add(Operations.ConcurrentPointReads, await floors.ConcurrentPointReadsAsync(id, concurrency, cancellationToken));
    }

    private async Task TimeRequestsAsync(Samples samples, int round, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (create, id) = await api.CreateAsync($"bench-{round}", cancellationToken);
        samples.Add(Operations.Create, create);
        samples.Add(Operations.Show, await api.ShowAsync(id, cancellationToken));
        samples.Add(Operations.Patch, await api.RenameAsync(id, $"renamed-{round}", cancellationToken));
        samples.Add(Operations.List, await api.ListAsync(ListLimit, cancellationToken));
        samples.Add(Operations.ConcurrentShow, await api.ShowConcurrentlyAsync(id, concurrency, cancellationToken));
        samples.Add(Operations.Versions, await api.VersionsAsync(cancellationToken));
        samples.Add(Operations.Delete, await api.DeleteAsync(id, cancellationToken));
    }
}

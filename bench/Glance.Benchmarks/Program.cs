using Glance.Benchmarks;
using Glance.Benchmarks.Support;
using Glance.LocalServers;

return await BenchMain.RunAsync(args, BenchOptions.Usage, BenchOptions.Parse, async (options, cancellationToken) =>
{
    var repo = RepositoryLayout.Locate(options.RepositoryRoot);
    var report = await new DataBenchmark(options, repo).RunAsync(cancellationToken);
    report.Print(Console.Out);
    // A missed goal is a result; an operation the service failed means the report is incomplete.
    return report.Errors > 0 ? 1 : 0;
});

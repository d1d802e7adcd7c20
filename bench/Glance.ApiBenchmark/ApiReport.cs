using Glance.Benchmarks.Support;

namespace Glance.Benchmarks;

/// <summary>
/// Prints p50/p95 of every floor and request, their ratios to the transaction floor (a create's or PATCH's own write)
/// and, for reads, to the point-read floor; then the goals on create and PATCH.
/// </summary>
internal static class ApiReport
{
    private static readonly Goal WriteGoal = Goal.AtMost(2.5);

    public static void Print(Samples samples, int concurrency, TextWriter output)
    {
        (string Operation, string Label, bool IsRead)[] floors =
        [
            (Operations.Transaction, "transaction: image + marker + event", false),
            (Operations.PointRead, "point read", true),
            (Operations.Upsert, "upsert", false),
            (Operations.ParallelUpserts, $"{ApiRounds.ParallelUpserts} parallel upserts, until the last", false),
            (Operations.ConcurrentPointReads, $"{concurrency} concurrent point reads, each", true),
            (Operations.TransactionThenCopies, "transaction, then 2 upserts at once", false),
        ];
        (string Operation, string Label, bool IsRead)[] requests =
        [
            (Operations.Create, "create   POST /v2/images", false),
            (Operations.Show, "show     GET /v2/images/{id}", true),
            (Operations.Patch, "PATCH    replace /name", false),
            (Operations.List, $"list     GET /v2/images?limit={ApiRounds.ListLimit}", false),
            (Operations.Delete, "delete   DELETE /v2/images/{id}", false),
            (Operations.ConcurrentShow, $"{concurrency} concurrent shows, each", true),
            (Operations.Versions, "GET /versions (no storage)", false),
        ];
        var transaction = (P50: P(samples[Operations.Transaction], 50), P95: P(samples[Operations.Transaction], 95));
        var read = (P50: P(samples[Operations.PointRead], 50), P95: P(samples[Operations.PointRead], 95));

        output.WriteLine($"{"operation",-40} {"p50",9} {"p95",9} {"p50/txn",8} {"p95/txn",8} {"p50/read",9} {"p95/read",9}");
        Section("raw table floors (Azure.Data.Tables -> Azurite)", floors);
        Section("our API (HttpClient -> local host -> Azurite)", requests);
        output.WriteLine();
        Judge(Operations.Create, "create");
        Judge(Operations.Patch, "PATCH");

        void Section(string title, (string Operation, string Label, bool IsRead)[] rows)
        {
            output.WriteLine(title);
            foreach (var (operation, label, isRead) in rows)
            {
                var (p50, p95) = (P(samples[operation], 50), P(samples[operation], 95));
                var vsRead = isRead ? $"{p50 / read.P50,8:F2}x {p95 / read.P95,8:F2}x" : "";
                var vsTransaction = $"{p50 / transaction.P50,7:F2}x {p95 / transaction.P95,7:F2}x";
                output.WriteLine($"  {label,-38} {p50,7:F2}ms {p95,7:F2}ms {vsTransaction} {vsRead}".TrimEnd());
            }
        }

        void Judge(string operation, string name)
        {
            var ratio = P(samples[operation], 50) / transaction.P50;
            output.WriteLine($"Goal: {name} p50 {WriteGoal.Text} transaction p50: {ratio:F2}x {(WriteGoal.IsMetBy(ratio) ? "PASS" : "FAIL")}");
        }
    }

    private static double P(IReadOnlyList<double> values, int percentile) => Percentiles.NearestRank(values, percentile);
}

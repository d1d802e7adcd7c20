namespace Glance.Benchmarks;

/// <summary>The names of what is timed, as the report prints them, floors first.</summary>
internal static class Operations
{
    public const string Transaction = "transaction of 3 rows";
    public const string PointRead = "point read";
    public const string Upsert = "upsert";
    public const string ParallelUpserts = "parallel upserts";
    public const string ConcurrentPointReads = "concurrent point reads";
    public const string TransactionThenCopies = "transaction then copies";

    public const string Create = "create";
    public const string Show = "show";
    public const string Patch = "PATCH";
    public const string List = "list";
    public const string Delete = "delete";
    public const string ConcurrentShow = "concurrent show";
    public const string Versions = "versions";
}

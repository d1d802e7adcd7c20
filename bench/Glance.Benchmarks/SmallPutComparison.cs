namespace Glance.Benchmarks;

/// <summary>PUT /file of a file small enough for the local host's request body limit, and the SDK upload of the same file.</summary>
internal sealed record SmallPutComparison(TimeSpan FloorUpload, OperationOutcome Put);

using Glance.Benchmarks.Support;

namespace Glance.Benchmarks;

/// <summary>Command-line options of the data benchmark; <see cref="Usage"/> documents them.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Glance image data benchmark: our data paths against raw Azurite / SDK / sha512sum floors, in one run.

        usage: Glance.Benchmarks [--size-mib N] [--reps N] [--memory-sizes-mib A,B] [--repo PATH]

          --size-mib N          image size for the throughput measurements (default 1024)
          --reps N              repetitions of each throughput measurement; medians are reported (default 3)
          --memory-sizes-mib    the two image sizes of the peak-memory measurement
                                (default: size/2 and size*2, i.e. 512,2048 for the default size)
          --repo PATH           repository root (default: the folder above this program holding GlanceFunctions.sln)

        Needs `dotnet build src/Glance.LocalHost -c Release`, `npm ci` (Azurite), node and sha512sum.
        Progress goes to stderr, the report to stdout. Exit code 0 when every measurement ran (even if a goal is
        missed), 1 on errors or when the service failed an operation (the report still prints), 2 on bad arguments.
        """;

    public int SizeMiB { get; private init; } = 1024;
    public int Repetitions { get; private init; } = 3;
    public IReadOnlyList<int> MemorySizesMiB { get; private init; } = [];
    public string? RepositoryRoot { get; private init; }

    public long SizeBytes => SizeMiB * 1024L * 1024L;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        int size = 1024, reps = 3;
        int[]? memorySizes = null;
        string? repo = null;
        OptionReader.Read(args, new()
        {
            ["--size-mib"] = option => size = option.PositiveInteger(),
            ["--reps"] = option => reps = option.PositiveInteger(),
            ["--memory-sizes-mib"] = option => memorySizes = TwoSizes(option),
            ["--repo"] = option => repo = option.Value(),
        });
        return new BenchOptions
        {
            SizeMiB = size,
            Repetitions = reps,
            MemorySizesMiB = memorySizes ?? [Math.Max(1, size / 2), size * 2],
            RepositoryRoot = repo,
        };
    }

    private static int[] TwoSizes(OptionReader option)
    {
        var sizes = option.Value().Split(',', StringSplitOptions.TrimEntries).Select(option.PositiveInteger).ToArray();
        return sizes.Length == 2 ? sizes : throw new ArgumentException($"{option.Name} takes two sizes, e.g. 512,2048.");
    }
}

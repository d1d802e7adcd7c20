using Glance.Benchmarks.Support;
using Glance.LoadWorkload;

namespace Glance.LoadTest;

/// <summary>Command-line options of the load test; <see cref="Usage"/> documents them.</summary>
internal sealed class LoadOptions
{
    public const string Usage = """
        Glance load test: concurrent clients doing a realistic mix against the local host and Azurite, then an audit.

        usage: Glance.LoadTest [--clients N] [--minutes M | --seconds S] [--max-images N] [--max-kib N] [--seed N] [--repo PATH]

          --clients N      concurrent clients, each its own project (default 8)
          --minutes M      how long the clients run, may be fractional (default 1)
          --seconds S      the same in seconds
          --max-images N   live images per client at most; at the cap it deletes before it creates (default 16)
          --max-kib N      largest image uploaded, KiB; sizes are random from 1 KiB (default 64)
          --seed N         seed of the clients' random choices (default: new each run, printed)
          --repo PATH      repository root (default: the folder above this program holding GlanceFunctions.sln)

        Needs `dotnet build src/Glance.LocalHost -c Release`, `npm ci` (Azurite) and node. Everything listens on
        127.0.0.1 only and is removed at the end. Progress goes to stderr, the report to stdout. Exit code 0 when
        the audit passes, 1 when it fails or the service answered a 5xx, 2 on bad arguments.
        """;

    public int Clients { get; private init; } = 8;
    public TimeSpan Duration { get; private init; } = TimeSpan.FromMinutes(1);
    public int MaxImagesPerClient { get; private init; } = 16;
    public int MaxKiB { get; private init; } = 64;
    public int Seed { get; private init; }
    public string? RepositoryRoot { get; private init; }

    public LoadSettings Settings => new(Clients, Duration, MaxImagesPerClient, MaxKiB * 1024, Seed);

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var clients = 8;
        var duration = TimeSpan.FromMinutes(1);
        var maxImages = 16;
        var maxKiB = 64;
        var seed = Random.Shared.Next();
        string? repo = null;
        OptionReader.Read(args, new()
        {
            ["--clients"] = option => clients = option.PositiveInteger(),
            ["--minutes"] = option => duration = TimeSpan.FromMinutes(option.PositiveNumber()),
            ["--seconds"] = option => duration = TimeSpan.FromSeconds(option.PositiveNumber()),
            ["--max-images"] = option => maxImages = option.PositiveInteger(),
            ["--max-kib"] = option => maxKiB = option.PositiveInteger(),
            ["--seed"] = option => seed = option.Integer(),
            ["--repo"] = option => repo = option.Value(),
        });
        return new LoadOptions
        {
            Clients = clients, Duration = duration, MaxImagesPerClient = maxImages, MaxKiB = maxKiB, Seed = seed, RepositoryRoot = repo,
        };
    }
}

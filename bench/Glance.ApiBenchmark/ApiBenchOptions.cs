using Glance.Benchmarks.Support;

namespace Glance.Benchmarks;

/// <summary>Command-line options of the API benchmark; <see cref="Usage"/> documents them.</summary>
internal sealed record ApiBenchOptions(int Reps, int Concurrency)
{
    public const string Usage = """
        Glance API benchmark: create, show, PATCH, list and delete over HTTP against the raw table floors, in one run.

        usage: scripts/bench-api.sh [--reps N] [--concurrency N]

          --reps N          timed rounds; each round times every floor once, then every request once (default 200)
          --concurrency N   GETs of one image sent at once in the concurrent show, and point reads in its floor (default 8)

        Starts its own Azurite and the local host (Release build, noauth) on loopback ports. Progress goes to stderr,
        the report to stdout. Exit code 0 when the run completed (even if a goal is missed), 1 on errors, 2 on bad
        arguments, 130 when cancelled.
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static ApiBenchOptions Parse(IReadOnlyList<string> args)
    {
        int reps = 200, concurrency = 8;
        OptionReader.Read(args, new()
        {
            ["--reps"] = option => reps = option.PositiveInteger(),
            ["--concurrency"] = option => concurrency = option.PositiveInteger(),
        });
        return new ApiBenchOptions(reps, concurrency);
    }
}

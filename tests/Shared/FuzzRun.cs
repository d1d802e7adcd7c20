using System.Diagnostics;
using Xunit.Abstractions;

namespace Glance.Testing;

/// <summary>
/// A seeded, time-bounded fuzz loop for an xunit test, shared by the fuzz targets (linked into each test project).
/// Every input gets its own seed drawn from the run's seed, so a failure names the one input that reproduces it.
/// Settings (environment, so CI can give the targets more time without a code change):
/// <c>GLANCE_FUZZ_SECONDS</c> budget per target (default 20); <c>GLANCE_FUZZ_SEED</c> the run's seed (default: a
/// new one each run, printed); <c>GLANCE_FUZZ_INPUT</c> replays one input seed only. An input still running after
/// <see cref="HangAfter"/> fails the run as a hang.
/// </summary>
internal sealed class FuzzRun
{
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);

    private readonly string _target;
    private readonly ITestOutputHelper _output;
    private readonly TimeSpan _budget;
    private readonly int _seed;
    private readonly int? _replay;

    private FuzzRun(string target, ITestOutputHelper output, TimeSpan budget, int seed, int? replay)
    {
        _target = target;
        _output = output;
        _budget = budget;
        _seed = seed;
        _replay = replay;
    }

    public static FuzzRun FromEnvironment(string target, ITestOutputHelper output)
    {
        var seconds = Environment.GetEnvironmentVariable("GLANCE_FUZZ_SECONDS") is { Length: > 0 } s ? double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 20;
        var seed = Environment.GetEnvironmentVariable("GLANCE_FUZZ_SEED") is { Length: > 0 } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        int? replay = Environment.GetEnvironmentVariable("GLANCE_FUZZ_INPUT") is { Length: > 0 } i ? int.Parse(i, System.Globalization.CultureInfo.InvariantCulture) : null;
        return new FuzzRun(target, output, TimeSpan.FromSeconds(seconds), seed, replay);
    }

    /// <summary>Runs <paramref name="input"/> with fresh seeded generators until the budget is spent; fails on the first exception or hang.</summary>
    /// <returns>How many inputs ran.</returns>
    public long Run(Action<Random> input)
    {
        var clock = Stopwatch.StartNew();
        long inputs = 0;
        var currentSeed = 0;
        long currentStart = 0;
        (int InputSeed, long Index, Exception Error)? failure = null;
        var worker = new Thread(() =>
        {
            var master = new Random(_seed);
            while (_replay is null ? clock.Elapsed < _budget : inputs == 0)
            {
                var inputSeed = _replay ?? master.Next();
                Volatile.Write(ref currentSeed, inputSeed);
                Volatile.Write(ref currentStart, clock.ElapsedTicks);
                try
                {
                    input(new Random(inputSeed));
                }
                catch (Exception e)
                {
                    failure = (inputSeed, inputs, e);
                    return;
                }
                Interlocked.Increment(ref inputs);
            }
        })
        { IsBackground = true, Name = $"fuzz {_target}" };
        _output.WriteLine($"{_target}: seed {_seed}, budget {_budget.TotalSeconds:0.#} s{(_replay is { } r ? $", replaying input {r}" : "")}");
        worker.Start();
        while (!worker.Join(200))
        {
            var running = TimeSpan.FromTicks((long)((clock.ElapsedTicks - Volatile.Read(ref currentStart)) * (TimeSpan.TicksPerSecond / (double)Stopwatch.Frequency)));
            if (running > HangAfter)
            {
                // The stuck thread is a background thread: it dies with the test process.
                Assert.Fail($"{_target}: input {Interlocked.Read(ref inputs)} (input seed {Volatile.Read(ref currentSeed)}) of run seed {_seed} " +
                    $"still runs after {running.TotalSeconds:0} s: a hang. Reproduce: GLANCE_FUZZ_INPUT={Volatile.Read(ref currentSeed)}");
            }
        }
        if (failure is { } f)
        {
            Assert.Fail($"{_target}: input {f.Index} (input seed {f.InputSeed}) of run seed {_seed} failed. " +
                $"Reproduce that input: GLANCE_FUZZ_INPUT={f.InputSeed}; the whole run: GLANCE_FUZZ_SEED={_seed}.{Environment.NewLine}{f.Error}");
        }
        _output.WriteLine($"{_target}: {inputs} inputs in {clock.Elapsed.TotalSeconds:0.0} s, no failure (seed {_seed})");
        return inputs;
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Glance.Upload;

/// <summary>
/// Upload progress: bytes, %, MB/s over the last few seconds and ETA. On a terminal a bar redrawn in place several
/// times a second; otherwise (a log, a CI job) a plain line every few seconds, as a redrawn line would be noise there.
/// </summary>
internal sealed class ProgressReporter : IAsyncDisposable
{
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<(TimeSpan At, long Bytes)> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _done;
    private int _lastWidth;

    /// <param name="alreadyDone">Bytes an earlier run uploaded: counted in the %, not in the speed.</param>
    public ProgressReporter(TextWriter output, bool interactive, long total, long alreadyDone, TimeSpan? plainInterval = null)
    {
        _output = output;
        _interactive = interactive;
        _total = total;
        _done = alreadyDone;
        _samples.Enqueue((TimeSpan.Zero, alreadyDone));
        _loop = RunAsync(interactive ? TimeSpan.FromMilliseconds(250) : plainInterval ?? TimeSpan.FromSeconds(5));
    }

    public void Add(long bytes) => Interlocked.Add(ref _done, bytes);

    private async Task RunAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Render();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Render(bool final = false)
    {
        var now = _clock.Elapsed;
        var done = Interlocked.Read(ref _done);
        _samples.Enqueue((now, done));
        while (_samples.Count > 2 && now - _samples.Peek().At > RateWindow)
        {
            _samples.Dequeue();
        }
        var (since, then) = _samples.Peek();
        var seconds = (now - since).TotalSeconds;
        var rate = seconds > 0 ? (done - then) / seconds : 0;
        var fraction = _total == 0 ? 1 : (double)done / _total;
        var eta = rate > 0 ? TimeSpan.FromSeconds((_total - done) / rate) : (TimeSpan?)null;
        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{fraction * 100,5:0.0}%  {Mib(done)}/{Mib(_total)} MiB  {rate / 1e6,6:0.0} MB/s  ETA {Eta(final && done >= _total ? TimeSpan.Zero : eta)}");
        if (_interactive)
        {
            const int width = 30;
            var filled = (int)Math.Round(fraction * width);
            var line = $"[{new string('#', filled)}{new string('-', width - filled)}] {figures}";
            _output.Write("\r" + line.PadRight(_lastWidth) + (final ? Environment.NewLine : ""));
            _lastWidth = line.Length;
        }
        else
        {
            _output.WriteLine("uploaded " + figures);
        }
        _output.Flush();
    }

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Eta(TimeSpan? eta) => eta switch
    {
        null => "--:--",
        { TotalHours: >= 1 } t => t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
        { } t => t.ToString(@"mm\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>Stops the updates and draws the final state once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Render(final: true);
        _stop.Dispose();
    }
}

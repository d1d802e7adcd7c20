using System.ComponentModel.DataAnnotations;
using Glance.Domain.Errors;
using Glance.Domain.Importing;

namespace Glance.Domain.Tests.Importing;

public sealed class TimedReadStreamTests
{
    private const string Source = "http://mirror.example/disk.raw";

    [Fact]
    public async Task ReadAsync_SourceKeepsSending_PassesEveryByteAndReportsProgress()
    {
        var bytes = new byte[256 * 1024];
        Random.Shared.NextBytes(bytes);
        var reported = new List<long>();
        await using var stream = new TimedReadStream(new MemoryStream(bytes), Source, TimeSpan.FromSeconds(5), TimeSpan.FromDays(365),
            new SteppingClock(TimedReadStream.ProgressInterval), b =>
            {
                reported.Add(b);
                return Task.CompletedTask;
            });
        using var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        Assert.Equal(bytes, copy.ToArray());
        Assert.NotEmpty(reported);
        Assert.True(reported.SequenceEqual(reported.Order()) && reported[^1] <= bytes.Length);
    }

    [Fact]
    public async Task ReadAsync_NoByteWithinTheIdleTimeout_FailsWithGlancesBadRequestNamingTheSource()
    {
        await using var stream = new TimedReadStream(new SilentStream(), Source, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(1), TimeProvider.System);

        var e = await Assert.ThrowsAsync<GlanceException>(() => stream.ReadAsync(new byte[10]).AsTask());

        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
        Assert.Equal($"Web-download of {Source} failed: no data arrived for 0.2 seconds after 0 bytes.", e.Message);
    }

    [Fact]
    public async Task ReadAsync_PastTheWholeDownloadsBound_FailsSayingSo()
    {
        await using var stream = new TimedReadStream(new SilentStream(), Source, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200), TimeProvider.System);

        var e = await Assert.ThrowsAsync<GlanceException>(() => stream.ReadAsync(new byte[10]).AsTask());

        Assert.Equal($"Web-download of {Source} failed: it did not finish within 00:00:00.2000000 (0 bytes received).", e.Message);
    }

    [Fact]
    public async Task ReadAsync_CallerCancels_IsACancellationNotAVerdictOnTheSource()
    {
        await using var stream = new TimedReadStream(new SilentStream(), Source, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeProvider.System);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(new byte[10], cancel.Token).AsTask());
    }

    [Theory]
    [InlineData("00:00:00", "03:00:00")]
    [InlineData("00:01:00", "00:00:00")]
    [InlineData("-00:00:01", "03:00:00")]
    public void Validate_UnusableTimeouts_SayWhich(string idle, string max)
    {
        var options = new WebDownloadOptions { IdleReadTimeout = TimeSpan.Parse(idle), MaxDuration = TimeSpan.Parse(max) };

        var problem = Assert.Single(Problems(options));
        Assert.Contains(idle.Contains('-') || idle == "00:00:00" ? "IdleReadTimeout" : "MaxDuration", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_AreUsable() => Assert.Empty(Problems(new WebDownloadOptions()));

    private static List<string?> Problems(WebDownloadOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage).ToList();
    }

    /// <summary>A source that never sends a byte.</summary>
    private sealed class SilentStream : MemoryStream
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    /// <summary>A clock whose every timestamp read moves time on by a step, so that each read is "later".</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }
}

using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Glance.Integration.Tests.RoundTrips;

/// <summary>
/// Counts how many storage round trips an operation waits for one after the other, whatever the machine's load: it
/// holds each request the operation makes (one per logical call: the policy sits before the retries) until the
/// operation has issued everything it can without an answer, then lets that whole round through and counts it. So
/// requests made in parallel are one round, and a request that needs an earlier answer starts the next. Only
/// requests made in the flow of <see cref="MeasureAsync{T}"/> are held (an async-local scope), not background work
/// the operation leaves behind nor other tests' traffic.
/// </summary>
public sealed class StorageRoundTrips : HttpPipelinePolicy
{
    /// <summary>How long no new request must come before a round is taken as complete.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    private static readonly AsyncLocal<Recording?> Current = new();

    public async Task<(T Result, Recording Recording)> MeasureAsync<T>(Func<Task<T>> operation)
    {
        var recording = new Recording();
        Current.Value = recording;
        Task<T> running;
        try
        {
            running = Task.Run(operation);
        }
        finally
        {
            Current.Value = null;
        }
        var deadline = Stopwatch.StartNew();
        while (!running.IsCompleted || recording.HasHeld)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"The operation did not finish; rounds so far:\n{recording}");
            }
            await Task.WhenAny(running, Task.Delay(20));
            if (recording.HasHeld && (running.IsCompleted || recording.SinceLastArrival >= Quiet))
            {
                recording.ReleaseRound();
            }
        }
        return (await running, recording);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Current.Value is { } recording)
        {
            await recording.HoldAsync(Describe(message));
        }
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Current.Value is { } recording)
        {
            recording.HoldAsync(Describe(message)).GetAwaiter().GetResult();
        }
        ProcessNext(message, pipeline);
    }

    private static string Describe(HttpMessage message) =>
        $"{message.Request.Method} {message.Request.Uri.Host}:{message.Request.Uri.Port}{message.Request.Uri.Path}";

    public sealed class Recording
    {
        private readonly Lock _gate = new();
        private readonly List<List<string>> _rounds = [];
        private readonly List<(string What, TaskCompletionSource Release)> _held = [];
        private long _lastArrival = Stopwatch.GetTimestamp();

        internal Task HoldAsync(string what)
        {
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _held.Add((what, release));
                _lastArrival = Stopwatch.GetTimestamp();
            }
            return release.Task;
        }

        internal bool HasHeld
        {
            get
            {
                lock (_gate)
                {
                    return _held.Count > 0;
                }
            }
        }

        internal TimeSpan SinceLastArrival
        {
            get
            {
                lock (_gate)
                {
                    return Stopwatch.GetElapsedTime(_lastArrival);
                }
            }
        }

        internal void ReleaseRound()
        {
            List<(string What, TaskCompletionSource Release)> round;
            lock (_gate)
            {
                round = [.. _held];
                _held.Clear();
                _rounds.Add(round.Select(r => r.What).ToList());
            }
            foreach (var (_, release) in round)
            {
                release.SetResult();
            }
        }

        /// <summary>Round trips waited for one after the other.</summary>
        public int Sequential
        {
            get
            {
                lock (_gate)
                {
                    return _rounds.Count;
                }
            }
        }

        public int Requests
        {
            get
            {
                lock (_gate)
                {
                    return _rounds.Sum(r => r.Count);
                }
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return string.Join("\n", _rounds.Select((r, i) => $"round {i + 1}: {string.Join(" | ", r)}"));
            }
        }
    }
}

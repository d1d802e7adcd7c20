using System.Collections.Concurrent;
using Glance.FunctionsHost.Tests.Rpc;
using Grpc.Core;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>
/// The host's end of one worker's EventStream: messages to the worker go out one at a time (a gRPC stream writer
/// allows one write at a time), messages from it are kept until a test asks for them, logs apart.
/// </summary>
internal sealed class WorkerStream
{
    private readonly IServerStreamWriter<StreamingMessage> _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly object _gate = new();
    private readonly List<StreamingMessage> _inbox = [];
    private readonly List<(Func<StreamingMessage, bool> Match, TaskCompletionSource<StreamingMessage> Reply)> _waiters = [];
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _closedBecause;

    public WorkerStream(IServerStreamWriter<StreamingMessage> writer) => _writer = writer;

    /// <summary>Completes when the worker has closed its side of the stream or the stream broke.</summary>
    public Task Closed => _closed.Task;

    /// <summary>The last lines the worker logged through the stream (RpcLog), for failure messages.</summary>
    public string Logs() => string.Join(Environment.NewLine, _logs);

    /// <summary>Reads what the worker sends until it closes the stream; runs for the lifetime of the call.</summary>
    public async Task ReadAsync(IAsyncStreamReader<StreamingMessage> reader, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.MoveNext(cancellationToken))
            {
                Deliver(reader.Current);
            }
            Close(new InvalidOperationException("The worker closed its event stream."));
        }
        catch (Exception e)
        {
            Close(new InvalidOperationException("The worker's event stream broke: " + e.Message, e));
        }
    }

    public async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _writer.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The first message from the worker that <paramref name="match"/> accepts, received before or after the call.</summary>
    public async Task<StreamingMessage> ReceiveAsync(Func<StreamingMessage, bool> match, string description, TimeSpan timeout)
    {
        TaskCompletionSource<StreamingMessage> reply;
        lock (_gate)
        {
            var kept = _inbox.FirstOrDefault(match);
            if (kept is not null)
            {
                _inbox.Remove(kept);
                return kept;
            }
            if (_closedBecause is not null)
            {
                throw new InvalidOperationException($"Waiting for {description}: {_closedBecause.Message}", _closedBecause);
            }
            reply = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, reply));
        }
        try
        {
            return await reply.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.RemoveAll(w => w.Reply == reply);
            }
            throw new TimeoutException($"The worker sent no {description} within {timeout.TotalSeconds:0} s.");
        }
    }

    private void Deliver(StreamingMessage message)
    {
        if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            var log = message.RpcLog;
            _logs.Enqueue($"[{log.Level}] {log.Category}: {log.Message}{(log.Exception is null ? "" : " " + log.Exception.Message)}");
            while (_logs.Count > 80 && _logs.TryDequeue(out _))
            {
            }
            return;
        }
        lock (_gate)
        {
            var waiter = _waiters.FirstOrDefault(w => w.Match(message));
            if (waiter.Reply is not null)
            {
                _waiters.Remove(waiter);
                waiter.Reply.TrySetResult(message);
                return;
            }
            _inbox.Add(message);
        }
    }

    private void Close(Exception reason)
    {
        List<TaskCompletionSource<StreamingMessage>> waiting;
        lock (_gate)
        {
            _closedBecause ??= reason;
            waiting = _waiters.Select(w => w.Reply).ToList();
            _waiters.Clear();
        }
        foreach (var reply in waiting)
        {
            reply.TrySetException(reason);
        }
        _closed.TrySetResult();
    }
}

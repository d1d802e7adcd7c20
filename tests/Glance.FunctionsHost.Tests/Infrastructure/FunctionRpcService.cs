using Glance.FunctionsHost.Tests.Rpc;
using Grpc.Core;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>
/// The host's side of FunctionRpc.EventStream: the worker dials it and keeps the call open for its whole life. Each
/// call is handed to the <see cref="FakeFunctionsHost"/> that the test drives.
/// </summary>
internal sealed class FunctionRpcService(FakeFunctionsHost host) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(
        IAsyncStreamReader<StreamingMessage> requestStream,
        IServerStreamWriter<StreamingMessage> responseStream,
        ServerCallContext context)
    {
        var stream = new WorkerStream(responseStream);
        var reading = stream.ReadAsync(requestStream, context.CancellationToken);
        host.Connected(stream);
        // The call (and so the stream) lasts until the worker closes it or the host stops.
        await reading;
    }
}

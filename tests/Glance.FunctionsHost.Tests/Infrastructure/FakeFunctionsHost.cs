using System.Net;
using System.Threading.Channels;
using Glance.Integration.Tests.Infrastructure;
using Glance.LocalServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>
/// The gRPC server of the Functions host, as the worker sees it: FunctionRpc.EventStream on 127.0.0.1 over HTTP/2
/// without TLS (the host hands the worker an http:// --functions-uri). What is said on a stream is up to the test.
/// </summary>
internal sealed class FakeFunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<WorkerStream> _streams = Channel.CreateUnbounded<WorkerStream>();

    private FakeFunctionsHost(int port)
    {
        Port = port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.MapGrpcService<FunctionRpcService>();
    }

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port}/");

    public static async Task<FakeFunctionsHost> StartAsync()
    {
        var host = new FakeFunctionsHost(FreePort.Next());
        await host._app.StartAsync();
        return host;
    }

    /// <summary>The next worker that dials in, or a timeout.</summary>
    public async Task<WorkerStream> AcceptAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        return await _streams.Reader.ReadAsync(cancel.Token);
    }

    internal void Connected(WorkerStream stream) => _streams.Writer.TryWrite(stream);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

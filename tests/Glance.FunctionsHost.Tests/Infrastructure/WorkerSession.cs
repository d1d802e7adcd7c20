using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Glance.FunctionsHost.Tests.Routing;
using Glance.FunctionsHost.Tests.Rpc;
using Glance.Integration.Tests.Infrastructure;
using Google.Protobuf;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>
/// One worker started and brought up as the Functions host brings it up, for the tests to invoke: Azurite, the
/// fake host's gRPC server, the built worker dialing it, then the host's opening sequence (from GrpcWorkerChannel):
/// StartStream from the worker; WorkerInitRequest → WorkerInitResponse; FunctionsMetadataRequest →
/// FunctionMetadataResponse (worker indexing, as worker.config.json asks); FunctionLoadRequest(s) for every
/// function it reported → FunctionLoadResponse(s). Any step that fails fails every test of the collection, with
/// the worker's output and logs in the message.
/// </summary>
public sealed class WorkerSession : IAsyncLifetime
{
    /// <summary>The capability through which the worker announces its own HTTP endpoint (RpcWorkerConstants.HttpUri).</summary>
    public const string HttpUriCapability = "HttpUri";

    /// <summary>The header the host puts the invocation id in when it forwards a request (ScriptConstants.HttpProxyCorrelationHeader).</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(60);

    // As the host's DefaultHttpProxyService: no redirects, no cookies, the response handed back as it is.
    private readonly HttpClient _forwarder = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = InvocationTimeout,
    };

    private AzuriteProcess? _azurite;
    private FakeFunctionsHost? _host;
    private WorkerProcess? _worker;
    private WorkerStream? _stream;

    public AzuriteProcess Azurite => _azurite ?? throw NotStarted();

    public WorkerInitResponse InitResponse { get; private set; } = null!;

    public FunctionMetadataResponse MetadataResponse { get; private set; } = null!;

    /// <summary>The functions the worker reported, as the host parses them (name, raw bindings).</summary>
    public IReadOnlyList<FunctionMetadataEntry> Functions { get; private set; } = [];

    /// <summary>The host's HTTP routes, from the functions the worker reported and the app's host.json.</summary>
    public HostRouteTable Routes { get; private set; } = null!;

    /// <summary>Where the worker serves the HTTP requests the host forwards (its HttpUri capability).</summary>
    public Uri HttpUri { get; private set; } = null!;

    /// <summary>The address clients would use: the host's own, as the request URL the host reports to the worker.</summary>
    public Uri PublicUri => new($"http://127.0.0.1:{(_host ?? throw NotStarted()).Port}/");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync();
        _host = await FakeFunctionsHost.StartAsync();
        _worker = WorkerProcess.Start(_host.Uri, new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["GlanceStorage"] = _azurite.ConnectionString,
            ["Glance__Auth__Mode"] = "noauth",
        });
        try
        {
            await BringUpAsync(_host, _worker);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"The worker did not come up under the host's sequence: {e.Message}{Environment.NewLine}{Describe()}", e);
        }
    }

    /// <summary>What the worker printed and logged, for failure messages.</summary>
    public string Describe() =>
        (_worker?.Describe() ?? "The worker was not started.") + Environment.NewLine +
        $"Its logs on the event stream:{Environment.NewLine}{_stream?.Logs()}";

    public FunctionMetadataEntry Function(string name) =>
        Functions.SingleOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"The worker reported no function {name}.");

    /// <summary>Sends an invocation of <paramref name="functionName"/> and waits for its response.</summary>
    internal async Task<InvocationResponse> InvokeAsync(
        string functionName, IEnumerable<ParameterBinding> inputs, IReadOnlyDictionary<string, TypedData> triggerMetadata)
    {
        var request = NewInvocation(functionName, inputs, triggerMetadata);
        await Stream.SendAsync(new StreamingMessage { InvocationRequest = request });
        return await ReceiveInvocationResponseAsync(request);
    }

    /// <summary>
    /// Handles <paramref name="request"/> as the host does with a proxying worker: picks the function by the host's
    /// route rule, starts forwarding the request to the worker's HttpUri with the invocation id in
    /// <see cref="InvocationIdHeader"/>, then sends the invocation (the route values in its trigger metadata), and
    /// waits for both the HTTP response and the invocation response.
    /// </summary>
    internal async Task<HostHttpExchange> SendHttpAsync(HttpRequestMessage request)
    {
        var url = new Uri(PublicUri, request.RequestUri!);
        var route = Routes.Match(request.Method.Method, url);
        if (route is null)
        {
            return new HostHttpExchange(null, new HttpResponseMessage(System.Net.HttpStatusCode.NotFound), null);
        }
        var trigger = Function(route.FunctionName).Binding("httpTrigger")!;
        var invocation = NewInvocation(
            route.FunctionName,
            [new ParameterBinding { Name = (string)trigger["name"]!, Data = new TypedData { Http = RpcHttpOf(request, url, route) } }],
            HttpTriggerMetadata(request, url, route));

        var forwarded = new HttpRequestMessage(request.Method, new Uri(HttpUri, url.PathAndQuery)) { Content = request.Content };
        foreach (var header in request.Headers)
        {
            forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        // YARP's HttpTransformer.Default (which the host's forwarder builds on) copies the request's headers, Host
        // included, leaving out only hop-by-hop ones: the worker sees the Host the client sent to the host.
        forwarded.Headers.Host = url.Authority;
        forwarded.Headers.Remove(InvocationIdHeader);
        forwarded.Headers.Add(InvocationIdHeader, invocation.InvocationId);

        var forwarding = _forwarder.SendAsync(forwarded);
        await Stream.SendAsync(new StreamingMessage { InvocationRequest = invocation });
        var response = await ReceiveInvocationResponseAsync(invocation);
        HttpResponseMessage http;
        try
        {
            http = await forwarding.WaitAsync(InvocationTimeout);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"{request.Method} {url.PathAndQuery} (function {route.FunctionName}) got no HTTP response from the worker: {e.Message}{Environment.NewLine}{Describe()}", e);
        }
        return new HostHttpExchange(route, http, response);
    }

    /// <summary>
    /// A blob trigger as the host delivers it to a parameter that binds by reference (BlobClient): ModelBindingData
    /// from the blob extension naming the connection, container and blob; the path pattern's values (e.g.
    /// <c>{name}</c>) and BlobTrigger in the trigger metadata.
    /// </summary>
    internal Task<InvocationResponse> InvokeBlobTriggerAsync(string functionName, string blobPath)
    {
        var trigger = Function(functionName).Binding("blobTrigger") ?? throw new InvalidOperationException($"{functionName} has no blobTrigger.");
        var (container, blobName) = (blobPath.Split('/', 2)[0], blobPath.Split('/', 2)[1]);
        var content = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["Connection"] = (string?)trigger["connection"] ?? "AzureWebJobsStorage",
            ["ContainerName"] = container,
            ["BlobName"] = blobName,
        });
        var metadata = PathPatternValues((string)trigger["path"]!, blobPath)
            .ToDictionary(v => v.Key, v => new TypedData { String = v.Value });
        metadata["BlobTrigger"] = new TypedData { String = blobPath };
        metadata["Uri"] = new TypedData { String = $"http://127.0.0.1:{Azurite.BlobPort}/devstoreaccount1/{blobPath}" };
        var input = new ParameterBinding
        {
            Name = (string)trigger["name"]!,
            Data = new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageBlobs",
                    ContentType = "application/json",
                    Content = ByteString.CopyFrom(content),
                },
            },
        };
        return InvokeAsync(functionName, [input], metadata);
    }

    /// <summary>A timer firing as the host delivers it: TimerInfo as JSON, not past due.</summary>
    internal Task<InvocationResponse> InvokeTimerAsync(string functionName)
    {
        var trigger = Function(functionName).Binding("timerTrigger") ?? throw new InvalidOperationException($"{functionName} has no timerTrigger.");
        var now = DateTimeOffset.UtcNow;
        var timerInfo = new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject { ["Last"] = now.AddMinutes(-1), ["Next"] = now.AddMinutes(1), ["LastUpdated"] = now.AddMinutes(-1) },
            ["IsPastDue"] = false,
        };
        return InvokeAsync(
            functionName,
            [new ParameterBinding { Name = (string)trigger["name"]!, Data = new TypedData { Json = timerInfo.ToJsonString() } }],
            new Dictionary<string, TypedData>());
    }

    /// <summary>
    /// A queue message as the host delivers it: the message text (the host has already base64-decoded it) and the
    /// queue trigger's binding data (Id, DequeueCount, PopReceipt, times, QueueTrigger).
    /// </summary>
    internal Task<InvocationResponse> InvokeQueueTriggerAsync(string functionName, string messageText, string messageId)
    {
        var trigger = Function(functionName).Binding("queueTrigger") ?? throw new InvalidOperationException($"{functionName} has no queueTrigger.");
        var now = DateTimeOffset.UtcNow;
        var metadata = new Dictionary<string, TypedData>
        {
            ["QueueTrigger"] = new() { String = messageText },
            ["Id"] = new() { String = messageId },
            ["DequeueCount"] = new() { Json = "1" },
            ["PopReceipt"] = new() { String = Guid.NewGuid().ToString() },
            ["InsertionTime"] = new() { Json = JsonSerializer.Serialize(now) },
            ["NextVisibleTime"] = new() { Json = JsonSerializer.Serialize(now.AddMinutes(10)) },
            ["ExpirationTime"] = new() { Json = JsonSerializer.Serialize(now.AddDays(7)) },
        };
        return InvokeAsync(
            functionName,
            [new ParameterBinding { Name = (string)trigger["name"]!, Data = new TypedData { String = messageText } }],
            metadata);
    }

    public async Task DisposeAsync()
    {
        _forwarder.Dispose();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    private WorkerStream Stream => _stream ?? throw NotStarted();

    private async Task BringUpAsync(FakeFunctionsHost host, WorkerProcess worker)
    {
        _stream = await AcceptAsync(host, worker);
        var start = await Stream.ReceiveAsync(m => m.ContentCase == StreamingMessage.ContentOneofCase.StartStream, "StartStream", StartTimeout);
        if (start.StartStream.WorkerId != worker.WorkerId)
        {
            throw new InvalidOperationException($"StartStream named worker {start.StartStream.WorkerId}, not {worker.WorkerId}.");
        }

        await Stream.SendAsync(new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = "4.1037.0.0",
                // The worker's folder holds worker.config.json; for a .NET isolated app it is the app folder.
                WorkerDirectory = FunctionsBuildOutput.Folder,
                FunctionAppDirectory = FunctionsBuildOutput.Folder,
            },
        });
        InitResponse = (await Stream.ReceiveAsync(m => m.ContentCase == StreamingMessage.ContentOneofCase.WorkerInitResponse, "WorkerInitResponse", StartTimeout)).WorkerInitResponse;
        EnsureSuccess(InitResponse.Result, "WorkerInitResponse");
        if (!InitResponse.Capabilities.TryGetValue(HttpUriCapability, out var httpUri) || !Uri.TryCreate(httpUri, UriKind.Absolute, out var parsed))
        {
            throw new InvalidOperationException($"WorkerInitResponse announced no usable {HttpUriCapability} capability: {InitResponse.Capabilities}");
        }
        HttpUri = parsed;

        await Stream.SendAsync(new StreamingMessage
        {
            RequestId = Guid.NewGuid().ToString(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = FunctionsBuildOutput.Folder },
        });
        MetadataResponse = (await Stream.ReceiveAsync(m => m.ContentCase == StreamingMessage.ContentOneofCase.FunctionMetadataResponse, "FunctionMetadataResponse", StartTimeout)).FunctionMetadataResponse;
        EnsureSuccess(MetadataResponse.Result, "FunctionMetadataResponse");
        Functions = MetadataResponse.FunctionMetadataResults.Select(f => new FunctionMetadataEntry(
                f.Name, f.ScriptFile, f.EntryPoint, f.RawBindings.Select(b => JsonNode.Parse(b)!.AsObject()).ToList()))
            .ToList();
        Routes = HostRouteTable.FromFunctionsMetadata(Functions, HostRouteTable.ReadRoutePrefix(FunctionsBuildOutput.HostJson));

        await LoadFunctionsAsync();
    }

    private async Task LoadFunctionsAsync()
    {
        var requests = MetadataResponse.FunctionMetadataResults.Select(LoadRequestOf).ToList();
        // As the host: one collection if the worker says it supports it, else one request per function.
        if (InitResponse.Capabilities.ContainsKey("SupportsLoadResponseCollection"))
        {
            var collection = new FunctionLoadRequestCollection();
            collection.FunctionLoadRequests.AddRange(requests);
            await Stream.SendAsync(new StreamingMessage { FunctionLoadRequestCollection = collection });
            var responses = (await Stream.ReceiveAsync(m => m.ContentCase == StreamingMessage.ContentOneofCase.FunctionLoadResponseCollection, "FunctionLoadResponseCollection", StartTimeout))
                .FunctionLoadResponseCollection.FunctionLoadResponses;
            foreach (var response in responses)
            {
                EnsureSuccess(response.Result, $"FunctionLoadResponse for {response.FunctionId}");
            }
            return;
        }
        foreach (var request in requests)
        {
            await Stream.SendAsync(new StreamingMessage { FunctionLoadRequest = request });
        }
        foreach (var request in requests)
        {
            var response = await Stream.ReceiveAsync(
                m => m.ContentCase == StreamingMessage.ContentOneofCase.FunctionLoadResponse && m.FunctionLoadResponse.FunctionId == request.FunctionId,
                $"FunctionLoadResponse for {request.Metadata.Name}", StartTimeout);
            EnsureSuccess(response.FunctionLoadResponse.Result, $"FunctionLoadResponse for {request.Metadata.Name}");
        }
    }

    /// <summary>The host's FunctionLoadRequest: the worker's own id and names, the raw bindings as BindingInfo by name.</summary>
    private static FunctionLoadRequest LoadRequestOf(RpcFunctionMetadata reported)
    {
        var metadata = new RpcFunctionMetadata
        {
            Name = reported.Name,
            Directory = reported.Directory,
            ScriptFile = reported.ScriptFile,
            EntryPoint = reported.EntryPoint,
            IsProxy = false,
        };
        foreach (var raw in reported.RawBindings)
        {
            var binding = JsonNode.Parse(raw)!.AsObject();
            var info = new BindingInfo
            {
                Type = (string)binding["type"]!,
                Direction = ((string?)binding["direction"])?.ToLowerInvariant() switch
                {
                    "out" => BindingInfo.Types.Direction.Out,
                    "inout" => BindingInfo.Types.Direction.Inout,
                    _ => BindingInfo.Types.Direction.In,
                },
            };
            if ((string?)binding["dataType"] is { } dataType && Enum.TryParse<BindingInfo.Types.DataType>(dataType, ignoreCase: true, out var parsed))
            {
                info.DataType = parsed;
            }
            if (binding["properties"] is JsonObject properties)
            {
                foreach (var (key, value) in properties)
                {
                    info.Properties[key] = value?.ToString() ?? "";
                }
            }
            metadata.Bindings[(string)binding["name"]!] = info;
        }
        foreach (var (key, value) in reported.Properties)
        {
            metadata.Properties[key] = value;
        }
        return new FunctionLoadRequest { FunctionId = reported.FunctionId, Metadata = metadata };
    }

    private InvocationRequest NewInvocation(string functionName, IEnumerable<ParameterBinding> inputs, IReadOnlyDictionary<string, TypedData> triggerMetadata)
    {
        var function = MetadataResponse.FunctionMetadataResults.SingleOrDefault(f => f.Name == functionName)
            ?? throw new InvalidOperationException($"The worker reported no function {functionName}.");
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext(),
        };
        request.InputData.AddRange(inputs);
        foreach (var (key, value) in triggerMetadata)
        {
            request.TriggerMetadata[key] = value;
        }
        return request;
    }

    private async Task<InvocationResponse> ReceiveInvocationResponseAsync(InvocationRequest request) =>
        (await Stream.ReceiveAsync(
            m => m.ContentCase == StreamingMessage.ContentOneofCase.InvocationResponse && m.InvocationResponse.InvocationId == request.InvocationId,
            $"InvocationResponse for invocation {request.InvocationId}", InvocationTimeout)).InvocationResponse;

    /// <summary>The request as the host describes it in the http input (the body travels over HTTP only).</summary>
    private static RpcHttp RpcHttpOf(HttpRequestMessage request, Uri url, HostRouteMatch route)
    {
        var http = new RpcHttp { Method = request.Method.Method, Url = url.ToString() };
        foreach (var (name, value) in Headers(request))
        {
            http.Headers[name] = value;
        }
        foreach (var (name, value) in Query(url))
        {
            http.Query[name] = value;
        }
        foreach (var (name, value) in route.RouteValues)
        {
            http.Params[name] = value;
        }
        return http;
    }

    /// <summary>The HTTP trigger's binding data: every route value by name, plus Query and Headers as JSON.</summary>
    private static Dictionary<string, TypedData> HttpTriggerMetadata(HttpRequestMessage request, Uri url, HostRouteMatch route)
    {
        var metadata = route.RouteValues.ToDictionary(v => v.Key, v => new TypedData { String = v.Value });
        metadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(Query(url)) };
        metadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(Headers(request)) };
        return metadata;
    }

    private static Dictionary<string, string> Headers(HttpRequestMessage request) =>
        request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));

    private static Dictionary<string, string> Query(Uri url) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query)
            .ToDictionary(q => q.Key, q => q.Value.ToString());

    /// <summary>The values a blob path pattern such as <c>images/{name}</c> takes from a blob path.</summary>
    private static Dictionary<string, string> PathPatternValues(string pattern, string blobPath)
    {
        var regex = "^" + Regex.Replace(Regex.Escape(pattern), @"\\\{(\w+)}", "(?<$1>.+?)") + "$";
        var match = Regex.Match(blobPath, regex);
        return match.Success
            ? match.Groups.Cast<Group>().Skip(1).ToDictionary(g => g.Name, g => g.Value)
            : throw new InvalidOperationException($"{blobPath} does not match the trigger path {pattern}.");
    }

    private static async Task<WorkerStream> AcceptAsync(FakeFunctionsHost host, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                return await host.AcceptAsync(TimeSpan.FromMilliseconds(250));
            }
            catch (OperationCanceledException) when (!worker.HasExited && DateTime.UtcNow < deadline)
            {
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException(worker.HasExited
                    ? "The worker exited before it opened its event stream."
                    : $"The worker opened no event stream within {StartTimeout.TotalSeconds:0} s.");
            }
        }
    }

    private static void EnsureSuccess(StatusResult? result, string what)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException(
                $"{what} reported {result?.Status.ToString() ?? "no status"}: {result?.Exception?.Message}{Environment.NewLine}{result?.Exception?.StackTrace}");
        }
    }

    private static InvalidOperationException NotStarted() => new("The worker session has not started.");
}

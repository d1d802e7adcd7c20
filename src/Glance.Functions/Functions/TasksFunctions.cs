using System.Text.Json;
using Glance.Domain;
using Glance.Domain.Application;
using Glance.Domain.Errors;
using Glance.Functions.Http;
using Glance.Functions.Representation;
using Glance.Functions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>
/// Glance's tasks API (2.2, deprecated there, admin-only by default): /v2/tasks and /v2/tasks/{taskId}. Every verb
/// checks tasks_api_access before it reads the request, as Glance's deserializer does.
/// </summary>
public sealed class TasksFunctions(GlanceEndpoint endpoint, TaskQueries tasks, ImageServiceOptions options)
{
    [Function(nameof(Tasks))]
    public Task<IResult> Tasks(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Tasks)] HttpRequest request,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => List(request, cancellationToken),
            "POST" => Create(request, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPost),
        };

    [Function(nameof(TaskById))]
    public Task<IResult> TaskById(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.Task)] HttpRequest request,
        string taskId,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => Show(request, taskId, cancellationToken),
            "DELETE" => endpoint.RunAsync(request, context =>
            {
                tasks.EnsureApiAccess(context.Caller);
                throw HttpErrors.TaskDeleteNotAllowed();
            }),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetDelete),
        };

    private Task<IResult> List(HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            tasks.EnsureApiAccess(context.Caller);
            var parameters = QueryParameters.Of(request);
            var page = await tasks.ListAsync(context.Caller, TaskListQueryParser.Parse(parameters, options), cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => TaskRepresentation.WritePage(w, page, TaskListQueryParser.WithoutMarker(parameters)));
        }, rejectBody: true);

    private Task<IResult> Show(HttpRequest request, string taskId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var task = await tasks.ShowAsync(context.Caller, taskId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => TaskRepresentation.Write(w, task));
        }, rejectBody: true);

    // Glance's legacy import task (import_from a URL into a new image) is what POST /v2/images plus the web-download
    // import method do here; the request is read and checked as Glance checks it, then refused.
    private Task<IResult> Create(HttpRequest request, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            tasks.EnsureApiAccess(context.Caller);
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            TaskRequestParser.Validate(body.RootElement);
            throw GlanceErrors.LegacyImportTaskNotSupported();
        });
}

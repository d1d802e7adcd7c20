using Glance.Domain.Application;
using Glance.Functions.Http;
using Glance.Functions.Representation;
using Glance.Functions.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>Image sharing: /v2/images/{imageId}/members[/{memberId}].</summary>
public sealed class ImageMembersFunctions(GlanceEndpoint endpoint, ImageMemberService members)
{
    [Function(nameof(ImageMembers))]
    public Task<IResult> ImageMembers(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageMembers)] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => List(request, imageId, cancellationToken),
            "POST" => Add(request, imageId, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPost),
        };

    [Function(nameof(ImageMember))]
    public Task<IResult> ImageMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, Route = ApiRoutes.ImageMember)] HttpRequest request,
        string imageId,
        string memberId,
        CancellationToken cancellationToken) =>
        request.Method switch
        {
            "GET" => Show(request, imageId, memberId, cancellationToken),
            "PUT" => Update(request, imageId, memberId, cancellationToken),
            "DELETE" => Remove(request, imageId, memberId, cancellationToken),
            _ => endpoint.MethodNotAllowed(request, RouteVerbs.GetPutDelete),
        };

    private Task<IResult> Add(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, context.WorkToken(cancellationToken));
            var member = await members.AddAsync(context.Caller, imageId, MemberRequestParser.MemberId(body.RootElement), context.WorkToken(cancellationToken));
            return new JsonResult(StatusCodes.Status200OK, w => MemberRepresentation.Write(w, member));
        }, idempotent: true);

    private Task<IResult> List(HttpRequest request, string imageId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var list = await members.ListAsync(context.Caller, imageId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => MemberRepresentation.WriteList(w, list));
        }, rejectBody: true);

    private Task<IResult> Show(HttpRequest request, string imageId, string memberId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var member = await members.GetAsync(context.Caller, imageId, memberId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => MemberRepresentation.Write(w, member));
        }, rejectBody: true);

    private Task<IResult> Update(HttpRequest request, string imageId, string memberId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            var member = await members.UpdateStatusAsync(context.Caller, imageId, memberId, MemberRequestParser.Status(body.RootElement), cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => MemberRepresentation.Write(w, member));
        });

    private Task<IResult> Remove(HttpRequest request, string imageId, string memberId, CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await members.RemoveAsync(context.Caller, imageId, memberId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}

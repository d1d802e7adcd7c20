using Glance.Domain.Application;
using Glance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Functions;

/// <summary>Image sharing: /v2/images/{imageId}/members[/{memberId}].</summary>
public sealed class ImageMembersFunctions(GlanceEndpoint endpoint, ImageMemberService members)
{
    [Function(nameof(AddImageMember))]
    public Task<IResult> AddImageMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v2/images/{imageId}/members")] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            var member = await members.AddAsync(context.Caller, imageId, body.RootElement, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => MemberRepresentation.Write(w, member));
        });

    [Function(nameof(ListImageMembers))]
    public Task<IResult> ListImageMembers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/images/{imageId}/members")] HttpRequest request,
        string imageId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var list = await members.ListAsync(context.Caller, imageId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => MemberRepresentation.WriteList(w, list));
        }, rejectBody: true);

    [Function(nameof(ShowImageMember))]
    public Task<IResult> ShowImageMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/images/{imageId}/members/{memberId}")] HttpRequest request,
        string imageId,
        string memberId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            var member = await members.GetAsync(context.Caller, imageId, memberId, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => MemberRepresentation.Write(w, member));
        }, rejectBody: true);

    [Function(nameof(UpdateImageMember))]
    public Task<IResult> UpdateImageMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v2/images/{imageId}/members/{memberId}")] HttpRequest request,
        string imageId,
        string memberId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            using var body = await endpoint.ReadJsonAsync(request, cancellationToken);
            var member = await members.UpdateStatusAsync(context.Caller, imageId, memberId, body.RootElement, cancellationToken);
            return new JsonResult(StatusCodes.Status200OK, w => MemberRepresentation.Write(w, member));
        });

    [Function(nameof(RemoveImageMember))]
    public Task<IResult> RemoveImageMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v2/images/{imageId}/members/{memberId}")] HttpRequest request,
        string imageId,
        string memberId,
        CancellationToken cancellationToken) =>
        endpoint.RunAsync(request, async context =>
        {
            await members.RemoveAsync(context.Caller, imageId, memberId, cancellationToken);
            return new EmptyResult(StatusCodes.Status204NoContent);
        }, rejectBody: true);
}

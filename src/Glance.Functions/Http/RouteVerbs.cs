namespace Glance.Functions.Http;

/// <summary>The verbs of each route, as Glance's router lists them in a 405's <c>Allow</c> header.</summary>
public static class RouteVerbs
{
    public const string Get = "GET";
    public const string Post = "POST";
    public const string Put = "PUT";
    public const string Delete = "DELETE";
    public const string GetHead = "GET, HEAD";
    public const string GetPost = "GET, POST";
    public const string GetDelete = "GET, DELETE";
    public const string GetPostDelete = "GET, POST, DELETE";
    public const string GetPostPutDelete = "GET, POST, PUT, DELETE";
    public const string GetPut = "GET, PUT";
    public const string GetPatchDelete = "GET, PATCH, DELETE";
    public const string GetPutDelete = "GET, PUT, DELETE";
    public const string PutDelete = "PUT, DELETE";
}

using Glance.Authentication;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>An ASP.NET Core request's headers as the authenticators read them.</summary>
public sealed class RequestHeaders(IHeaderDictionary headers) : IRequestHeaders
{
    public string this[string name] => headers[name].ToString();
}

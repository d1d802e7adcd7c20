namespace Glance.Functions.Requests;

public static class PatchMediaTypes
{
    /// <summary>RFC 6902 style; <c>add</c> is an upsert.</summary>
    public const string V21 = "application/openstack-images-v2.1-json-patch";

    /// <summary>Deprecated draft-4 style (<c>{"replace": "/name", "value": ...}</c>); <c>add</c> of an existing property is 409.</summary>
    public const string V20 = "application/openstack-images-v2.0-json-patch";

    /// <summary>The value of the Accept-Patch header on a 415.</summary>
    public const string AcceptPatch = V20 + ", " + V21;
}

namespace Glance.Integration.Tests;

/// <summary>
/// The metadefs routes get the image routes' treatment: sent as an admin of the target's project (so that only the
/// input, not the rules, stands between the request and a change), each is refused in 4xx and changes nothing.
/// </summary>
internal static partial class HostileInputCorpus
{
    // A property: the corpus is built by a field initializer of the other part, which may run before this part's fields.
    private static (string, string) AsAdmin => ("X-Roles", HostileInputTarget.AdminRoles);

    private const string Namespaces = "/v2/metadefs/namespaces";
    private const string TargetNamespace = "/v2/metadefs/namespaces/{ns}";

    private static IEnumerable<HostileInputCase> Metadefs() =>
        NamespaceCreates().Concat(NamespaceReplaces()).Concat(MetadefPathsAndQueries()).Concat(MetadefContents());

    private static IEnumerable<HostileInputCase> NamespaceCreates()
    {
        HostileInputCase Create(string name, string body, int expected) =>
            new($"metadefs create: {name}", "POST", Namespaces, expected) { Headers = [Json, AsAdmin], Body = Utf8(body) };
        HostileInputCase CreateBytes(string name, byte[] body, int expected) =>
            new($"metadefs create: {name}", "POST", Namespaces, expected) { Headers = [Json, AsAdmin], Body = body };

        yield return Create("not JSON", "{not json", 400);
        yield return Create("empty body", "", 400);
        // Zed answers 500 to a body that is not an object.
        yield return Create("array instead of object", "[]", 400);
        yield return Create("null instead of object", "null", 400);
        yield return Create("string instead of object", "\"{mdnew}\"", 400);
        yield return Create("without a namespace", """{"display_name":"x"}""", 400);
        yield return Create("namespace a number", """{"namespace":5}""", 400);
        yield return Create("namespace null", """{"namespace":null}""", 400);
        yield return Create("namespace of 81 characters", $$"""{"namespace":"{{new string('n', 81)}}"}""", 400);
        yield return Create("lone surrogate in the namespace", """{"namespace":"{mdnew}\ud800"}""", 400);
        yield return CreateBytes("invalid UTF-8 in the namespace", [.. Utf8("""{"namespace":"{mdnew}"""), 0xFF, .. Utf8("\"}")], 400);
        yield return Create("unknown visibility", """{"namespace":"{mdnew}","visibility":"shared"}""", 400);
        yield return Create("protected a string", """{"namespace":"{mdnew}","protected":"true"}""", 400);
        yield return Create("unknown attribute", """{"namespace":"{mdnew}","bogus":1}""", 400);
        yield return Create("read-only created_at", """{"namespace":"{mdnew}","created_at":"2020-01-01T00:00:00Z"}""", 403);
        yield return Create("read-only self", """{"namespace":"{mdnew}","self":"/x"}""", 403);
        yield return Create("description of 501 characters", $$$"""{"namespace":"{mdnew}","description":"{{{new string('d', 501)}}}"}""", 400);
        yield return Create("property without a title", """{"namespace":"{mdnew}","properties":{"p":{"type":"string"}}}""", 400);
        yield return Create("property of an unknown type", """{"namespace":"{mdnew}","properties":{"p":{"title":"P","type":"text"}}}""", 400);
        yield return Create("property not an object", """{"namespace":"{mdnew}","properties":{"p":5}}""", 400);
        yield return Create("property minimum a string", """{"namespace":"{mdnew}","properties":{"p":{"title":"P","type":"integer","minimum":"1"}}}""", 400);
        yield return Create("properties an array", """{"namespace":"{mdnew}","properties":[]}""", 400);
        yield return Create("objects not an array", """{"namespace":"{mdnew}","objects":{}}""", 400);
        yield return Create("object a number", """{"namespace":"{mdnew}","objects":[5]}""", 400);
        // Zed answers 500 for contents without a name.
        yield return Create("object without a name", """{"namespace":"{mdnew}","objects":[{}]}""", 400);
        yield return Create("tag without a name", """{"namespace":"{mdnew}","tags":[{}]}""", 400);
        yield return Create("association without a name", """{"namespace":"{mdnew}","resource_type_associations":[{"prefix":"x"}]}""", 400);
        yield return Create("tag name null", """{"namespace":"{mdnew}","tags":[{"name":null}]}""", 400);
        yield return Create("object required with repeats", """{"namespace":"{mdnew}","objects":[{"name":"o","required":["a","a"]}]}""", 400);
        yield return Create("tags repeated", """{"namespace":"{mdnew}","tags":[{"name":"a"},{"name":"a"}]}""", 409);
        yield return Create("tags repeated in another case", """{"namespace":"{mdnew}","tags":[{"name":"a"},{"name":"A"}]}""", 409);
        yield return Create("objects repeated", """{"namespace":"{mdnew}","objects":[{"name":"o"},{"name":"o"}]}""", 409);
        yield return Create("associations repeated", """{"namespace":"{mdnew}","resource_type_associations":[{"name":"r"},{"name":"r"}]}""", 409);
        yield return Create("the target's name", """{"namespace":"{ns}"}""", 409);
        yield return Create("nesting 10000 arrays deep", """{"namespace":"{mdnew}","properties":{"p":{"title":"P","type":"string","default":""" + new string('[', 10_000) + new string(']', 10_000) + "}}}", 400);
        yield return Create("body over 64 KiB", $$"""{"namespace":"{mdnew}","description":"{{new string('x', 70_000)}}"}""", 413);
        yield return new("metadefs create: as a member", "POST", Namespaces, 403) { Headers = [Json], Body = Utf8("""{"namespace":"{mdnew}"}""") };
    }

    private static IEnumerable<HostileInputCase> NamespaceReplaces()
    {
        HostileInputCase Replace(string name, string body, int expected) =>
            new($"metadefs replace: {name}", "PUT", TargetNamespace, expected) { Headers = [Json, AsAdmin], Body = Utf8(body) };

        yield return Replace("not JSON", "{not json", 400);
        yield return Replace("empty body", "", 400);
        yield return Replace("array instead of object", "[]", 400);
        yield return Replace("without a namespace", """{"description":"changed"}""", 400);
        yield return Replace("namespace of 81 characters", $$"""{"namespace":"{{new string('n', 81)}}"}""", 400);
        yield return Replace("unknown visibility", """{"namespace":"{ns}","visibility":"all"}""", 400);
        yield return Replace("read-only updated_at", """{"namespace":"{ns}","updated_at":"2020-01-01T00:00:00Z"}""", 403);
        yield return Replace("unknown attribute", """{"namespace":"{ns}","protected":false,"x":1}""", 400);
        yield return Replace("lone surrogate in a new name", """{"namespace":"{mdnew}\udc00"}""", 400);
        yield return new("metadefs replace: as a member", "PUT", TargetNamespace, 403) { Headers = [Json], Body = Utf8("""{"namespace":"{mdnew}"}""") };
        yield return new("metadefs replace: a missing namespace", "PUT", "/v2/metadefs/namespaces/{mdnew}", 404)
        {
            Headers = [Json, AsAdmin], Body = Utf8("""{"namespace":"{mdnew}"}"""),
        };
    }

    private static IEnumerable<HostileInputCase> MetadefPathsAndQueries()
    {
        HostileInputCase Send(string name, string method, string target, int expected) =>
            new($"metadefs path: {name}", method, target, expected) { Headers = [AsAdmin] };

        yield return Send("delete the protected target", "DELETE", TargetNamespace, 403);
        yield return new("metadefs path: delete as a member", "DELETE", TargetNamespace, 403);
        yield return new("metadefs path: show with a body", "GET", TargetNamespace, 400) { Headers = [Json, AsAdmin], Body = Utf8("{}") };
        yield return new("metadefs path: delete with a body", "DELETE", TargetNamespace, 400) { Headers = [Json, AsAdmin], Body = Utf8("{}") };
        yield return Send("PATCH on a namespace", "PATCH", TargetNamespace, 405);
        yield return Send("POST on a namespace", "POST", TargetNamespace, 405);
        yield return Send("PUT on the collection", "PUT", Namespaces, 405);
        yield return Send("show a missing namespace", "GET", "/v2/metadefs/namespaces/{mdnew}", 404);
        yield return Send("name with an encoded slash", "GET", "/v2/metadefs/namespaces/{ns}%2Fx", 404);
        yield return Send("name with encoded invalid UTF-8", "GET", "/v2/metadefs/namespaces/%FF%FE", 404);
        yield return Send("name with an encoded NUL", "DELETE", "/v2/metadefs/namespaces/{ns}%00", 400) with { RefusedByServer = true };
        yield return Send("list limit not a number", "GET", Namespaces + "?limit=ten", 400);
        yield return Send("list limit negative", "GET", Namespaces + "?limit=-1", 400);
        yield return Send("list limit over int64", "GET", Namespaces + "?limit=99999999999999999999", 400);
        yield return Send("list unknown sort key", "GET", Namespaces + "?sort_key=id", 400);
        yield return Send("list unknown sort direction", "GET", Namespaces + "?sort_dir=sideways", 400);
        yield return Send("list unknown visibility", "GET", Namespaces + "?visibility=community", 400);
        yield return Send("list missing marker", "GET", Namespaces + "?marker={mdnew}", 404);
        yield return Send("list marker of invalid UTF-8", "GET", Namespaces + "?marker=%FF", 404);
        yield return Send("unknown schema", "GET", "/v2/schemas/metadefs/NAMESPACE", 404);
        yield return Send("schema name with a dot segment", "GET", "/v2/schemas/metadefs/..%2Fimage", 404);
    }

    /// <summary>The target namespace's contents: bad bodies, names and queries, and deletes its protection refuses.</summary>
    private static IEnumerable<HostileInputCase> MetadefContents()
    {
        HostileInputCase Send(string name, string method, string target, int expected, string? body = null) =>
            new($"metadefs contents: {name}", method, TargetNamespace + target, expected)
            {
                Headers = body is null ? [AsAdmin] : [Json, AsAdmin], Body = body is null ? null : Utf8(body),
            };

        yield return Send("object body not JSON", "POST", "/objects", 400, "{not json");
        yield return Send("object body an array", "POST", "/objects", 400, "[]");
        yield return Send("object without a name", "POST", "/objects", 400, """{"description":"x"}""");
        yield return Send("object with a read-only self", "POST", "/objects", 403, """{"name":"x","self":"y"}""");
        yield return Send("object property of an unknown type", "POST", "/objects", 400, """{"name":"x","properties":{"p":{"title":"P","type":"int"}}}""");
        yield return Send("object that exists", "POST", "/objects", 409, """{"name":"o"}""");
        yield return Send("object renamed to a lone surrogate", "PUT", "/objects/o", 400, """{"name":"\udc00"}""");
        yield return Send("object replaced by a number", "PUT", "/objects/o", 400, "5");
        yield return Send("object list limit zero", "GET", "/objects?limit=0", 400);
        yield return Send("object show with a body", "GET", "/objects/o", 400, "{}");
        yield return Send("object delete in a protected namespace", "DELETE", "/objects/o", 403);
        yield return Send("objects delete in a protected namespace", "DELETE", "/objects", 403);
        yield return Send("missing object", "GET", "/objects/none", 404);
        yield return Send("property without a title", "POST", "/properties", 400, """{"name":"x","type":"string"}""");
        yield return Send("property with a string minimum", "POST", "/properties", 400, """{"name":"x","title":"X","type":"integer","minimum":"0"}""");
        yield return Send("property with empty required", "POST", "/properties", 400, """{"name":"x","title":"X","type":"object","required":[]}""");
        yield return Send("property with items of an unknown type", "POST", "/properties", 400, """{"name":"x","title":"X","type":"array","items":{"type":"list"}}""");
        yield return Send("property nested 10000 deep", "POST", "/properties", 400,
            """{"name":"x","title":"X","type":"string","default":""" + new string('[', 10_000) + new string(']', 10_000) + "}");
        yield return Send("property that exists", "POST", "/properties", 409, """{"name":"p","title":"P","type":"string"}""");
        yield return Send("property renamed with a read-only attribute", "PUT", "/properties/p", 403, """{"name":"p","title":"P","type":"string","created_at":"x"}""");
        yield return Send("property of a resource type not associated", "GET", "/properties/h_p?resource_type=OS::Nova::Flavor", 404);
        yield return Send("property without the resource type's prefix", "GET", "/properties/p?resource_type=OS::Glance::Image", 404);
        yield return Send("property list with a body", "GET", "/properties", 400, "{}");
        yield return Send("property delete in a protected namespace", "DELETE", "/properties/p", 403);
        yield return Send("properties delete in a protected namespace", "DELETE", "/properties", 403);
        yield return Send("tag of 81 characters", "POST", "/tags/" + new string('t', 81), 400);
        yield return Send("tag create with a body", "POST", "/tags/x", 400, "{}");
        yield return Send("tag that exists", "POST", "/tags/t", 409);
        yield return Send("tag that exists in another case", "POST", "/tags/T", 409);
        yield return Send("tags body without tags", "POST", "/tags", 400, """{"x":[]}""");
        yield return Send("tags repeated", "POST", "/tags", 409, """{"tags":[{"name":"a"},{"name":"a"}]}""");
        yield return Send("tags appended onto an existing one", "POST", "/tags", 409, """{"tags":[{"name":"t"}]}""") with
        {
            Headers = [Json, AsAdmin, ("X-Openstack-Append", "true")],
        };
        yield return Send("tag renamed onto nothing", "PUT", "/tags/t", 400, "{}");
        yield return Send("tag renamed with an extra attribute", "PUT", "/tags/t", 400, """{"name":"u","x":1}""");
        yield return Send("tag list unknown sort key", "GET", "/tags?sort_key=id", 400);
        yield return Send("tag list missing marker", "GET", "/tags?marker=none", 404);
        yield return Send("tag delete in a protected namespace", "DELETE", "/tags/t", 403);
        yield return Send("tags delete in a protected namespace", "DELETE", "/tags", 403);
        yield return Send("association without a name", "POST", "/resource_types", 400, """{"prefix":"x"}""");
        yield return Send("association that exists", "POST", "/resource_types", 409, """{"name":"OS::Glance::Image"}""");
        yield return Send("association prefix of 81 characters", "POST", "/resource_types", 400, $$"""{"name":"x","prefix":"{{new string('p', 81)}}"}""");
        yield return Send("association delete in a protected namespace", "DELETE", "/resource_types/OS::Glance::Image", 403);
        yield return Send("missing association delete", "DELETE", "/resource_types/none", 404);
        yield return Send("PATCH on tags", "PATCH", "/tags", 405);
        yield return new("metadefs contents: resource type list with a body", "GET", "/v2/metadefs/resource_types", 400) { Headers = [Json, AsAdmin], Body = Utf8("{}") };
        yield return new("metadefs contents: object create as a member", "POST", TargetNamespace + "/objects", 403) { Headers = [Json], Body = Utf8("""{"name":"m"}""") };
    }
}

using System.Text;

namespace Glance.Integration.Tests;

/// <summary>
/// Malformed requests against every route family, each with the status the service answers. The codes are
/// Glance's (checked against the reference Glance 25) except where noted: where Glance answers 500, or accepts
/// something Table Storage cannot hold, we answer a 4xx and say so.
/// </summary>
internal static partial class HostileInputCorpus
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");
    private static readonly (string, string) PatchV21 = ("Content-Type", "application/openstack-images-v2.1-json-patch");
    private static readonly (string, string) PatchV20 = ("Content-Type", "application/openstack-images-v2.0-json-patch");
    private static readonly (string, string) Octet = ("Content-Type", "application/octet-stream");

    private const string Image = "/v2/images/{id}";
    private const string Emoji = "\U0001F600";

    public static IReadOnlyDictionary<string, HostileInputCase> Cases { get; } = Build().ToDictionary(c => c.Name);

    public static TheoryData<string> Names => new(Cases.Keys);

    private static IEnumerable<HostileInputCase> Build() =>
        CreateBodies().Concat(PatchBodies()).Concat(ImagePaths()).Concat(ListQueries()).Concat(ImageData())
            .Concat(Import()).Concat(Locations()).Concat(Members()).Concat(TagsAndActions()).Concat(TasksSchemasVersions())
            .Concat(DataUrls()).Concat(PathTricks()).Concat(HeaderAbuse()).Concat(AccessRules())
            .Concat(Metadefs());

    private static IEnumerable<HostileInputCase> CreateBodies()
    {
        HostileInputCase Create(string name, string body, int expected) =>
            new($"create: {name}", "POST", "/v2/images", expected) { Headers = [Json], Body = Utf8(body) };
        HostileInputCase CreateBytes(string name, byte[] body, int expected) =>
            new($"create: {name}", "POST", "/v2/images", expected) { Headers = [Json], Body = body };

        yield return Create("not JSON", "{not json", 400);
        yield return Create("truncated object", """{"name":"a" """, 400);
        yield return Create("truncated string", """{"name":"a""", 400);
        yield return Create("empty body", "", 400);
        yield return Create("blanks only", "  \n ", 400);
        // Glance answers 500 for an array (it calls .keys() on it).
        yield return Create("array instead of object", "[]", 400);
        yield return Create("number instead of object", "5", 400);
        yield return Create("string instead of object", "\"image\"", 400);
        yield return Create("null instead of object", "null", 400);
        yield return CreateBytes("byte order mark before JSON", [0xEF, 0xBB, 0xBF, .. Utf8("""{"name":"a"}""")], 400);
        yield return Create("trailing garbage", """{"name":"a"} x""", 400);
        yield return Create("two documents", """{"name":"a"}{}""", 400);
        yield return Create("single quotes", "{'name':'a'}", 400);
        yield return Create("NaN", """{"min_ram":NaN}""", 400);
        yield return Create("trailing comma", """{"name":"a",}""", 400);
        yield return Create("invalid escape", """{"k":"a\x"}""", 400);
        yield return Create("truncated unicode escape", """{"k":"\u00"}""", 400);
        yield return Create("raw control character in string", "{\"k\":\"line\nbreak\"}", 400);
        // Glance answers 500 for lone surrogates (it cannot store them); System.Text.Json parsed them and threw on read.
        yield return Create("lone high surrogate in name", """{"name":"\ud800"}""", 400);
        yield return Create("lone low surrogate in a property value", """{"k":"a\udc00b"}""", 400);
        yield return Create("lone surrogate in a property key", """{"\ud800":"v"}""", 400);
        yield return Create("reversed surrogate pair", """{"k":"\ude00\ud83d"}""", 400);
        yield return CreateBytes("invalid UTF-8 byte", [.. Utf8("""{"name":"a"""), 0xFF, .. Utf8("\"}")], 400);
        yield return CreateBytes("UTF-8 encoded surrogate", [.. Utf8("""{"name":"a"""), 0xED, 0xA0, 0x80, .. Utf8("\"}")], 400);
        yield return CreateBytes("overlong UTF-8 slash", [.. Utf8("""{"name":"a"""), 0xC0, 0xAF, .. Utf8("\"}")], 400);
        yield return Create("4-byte character in name", $$"""{"name":"a{{Emoji}}"}""", 400);
        yield return Create("escaped 4-byte character in a property value", """{"k":"\ud83d\ude00"}""", 400);
        yield return Create("4-byte character in a property key", $$"""{"{{Emoji}}":"v"}""", 400);
        yield return Create("4-byte character in a tag", $$"""{"tags":["{{Emoji}}"]}""", 400);
        yield return Create("name of 256 characters", $$"""{"name":"{{new string('n', 256)}}"}""", 400);
        yield return Create("name of 256 two-byte characters", $$"""{"name":"{{new string('é', 256)}}"}""", 400);
        yield return Create("property key of 256 characters", $$"""{"{{new string('k', 256)}}":"v"}""", 400);
        yield return Create("empty property key", """{"":"v"}""", 400);
        yield return Create("tag of 256 characters", $$"""{"tags":["{{new string('t', 256)}}"]}""", 400);
        yield return Create("tags not an array", """{"tags":"t"}""", 400);
        yield return Create("tag not a string", """{"tags":[null]}""", 400);
        yield return Create("min_ram as string", """{"min_ram":"5"}""", 400);
        yield return Create("min_disk negative", """{"min_disk":-1}""", 400);
        yield return Create("min_disk over int32", """{"min_disk":2147483648}""", 400);
        yield return Create("min_ram out of double range", """{"min_ram":1e400}""", 400);
        yield return Create("min_ram fractional", """{"min_ram":1.5}""", 400);
        yield return Create("protected as string", """{"protected":"true"}""", 400);
        yield return Create("unknown visibility", """{"visibility":"everyone"}""", 400);
        yield return Create("null visibility", """{"visibility":null}""", 400);
        yield return Create("unknown disk_format", """{"disk_format":"exe"}""", 400);
        yield return Create("id not a UUID", """{"id":"../../etc"}""", 400);
        yield return Create("id a number", """{"id":5}""", 400);
        yield return Create("id of an existing image", """{"id":"{id}"}""", 409);
        yield return Create("property value an object", """{"k":{"a":1}}""", 400);
        yield return Create("property value null", """{"k":null}""", 400);
        yield return Create("read-only status", """{"status":"active"}""", 403);
        yield return Create("read-only checksum", """{"checksum":"00"}""", 403);
        yield return Create("reserved os_glance prefix", """{"os_glance_import_task":"x"}""", 403);
        yield return Create("reserved deleted", """{"deleted":"true"}""", 403);
        yield return Create("owner of another project", """{"owner":"someone-else"}""", 403);
        yield return Create("nesting 10000 arrays deep", $$"""{"k":{{new string('[', 10_000)}}{{new string(']', 10_000)}}}""", 400);
        yield return Create("nesting 10000 objects deep",
            string.Concat(Enumerable.Repeat("""{"a":""", 10_000)) + "1" + new string('}', 10_000), 400);
        yield return Create("nesting 40 levels", new string('[', 40) + new string(']', 40), 400);
        yield return Create("body over 64 KiB", $$"""{"k":"{{new string('x', 70_000)}}"}""", 413);
        yield return new("create: Content-Length far over the limit, body never sent", "POST", "/v2/images", 413)
        {
            Headers = [Json, ("Content-Length", "1000000000")],
        };
    }

    private static IEnumerable<HostileInputCase> PatchBodies()
    {
        HostileInputCase Patch(string name, string body, int expected, (string, string)? type = null) =>
            new($"patch: {name}", "PATCH", Image, expected) { Headers = [type ?? PatchV21], Body = Utf8(body) };

        const string valid = """[{"op":"replace","path":"/name","value":"changed"}]""";
        yield return Patch("application/json content type", valid, 415, Json);
        yield return Patch("json-patch+json content type", valid, 415, ("Content-Type", "application/json-patch+json"));
        yield return Patch("text/plain content type", valid, 415, ("Content-Type", "text/plain"));
        yield return Patch("content type with a v2.1 prefix only", valid, 415, ("Content-Type", "application/openstack-images-v2.1-json-patchx"));
        yield return new("patch: no content type", "PATCH", Image, 415) { Body = Utf8(valid) };
        yield return Patch("not JSON", "[{op:", 400);
        yield return Patch("truncated", """[{"op":"replace","path":"/name","value":"x" """, 400);
        yield return Patch("empty body", "", 400);
        yield return Patch("object instead of array", """{"op":"replace","path":"/name","value":"x"}""", 400);
        yield return Patch("array of numbers", "[1,2]", 400);
        yield return Patch("string instead of array", "\"x\"", 400);
        yield return Patch("missing op", """[{"path":"/name","value":"x"}]""", 400);
        yield return Patch("unknown op", """[{"op":"merge","path":"/name","value":"x"}]""", 400);
        yield return Patch("op test", """[{"op":"test","path":"/name","value":"x"}]""", 400);
        yield return Patch("op move", """[{"op":"move","from":"/name","path":"/k"}]""", 400);
        yield return Patch("op a number", """[{"op":1,"path":"/name","value":"x"}]""", 400);
        yield return Patch("missing path", """[{"op":"replace","value":"x"}]""", 400);
        yield return Patch("path a number", """[{"op":"replace","path":5,"value":"x"}]""", 400);
        yield return Patch("path without leading slash", """[{"op":"replace","path":"name","value":"x"}]""", 400);
        yield return Patch("path with adjacent slashes", """[{"op":"add","path":"//k","value":"x"}]""", 400);
        yield return Patch("path with trailing slash", """[{"op":"add","path":"/k/","value":"x"}]""", 400);
        yield return Patch("path with a bad escape", """[{"op":"add","path":"/k~2","value":"x"}]""", 400);
        yield return Patch("path two levels deep", """[{"op":"add","path":"/k/x","value":"x"}]""", 400);
        yield return Patch("path of the empty key", """[{"op":"add","path":"/","value":"x"}]""", 400);
        yield return Patch("add without value", """[{"op":"add","path":"/k2"}]""", 400);
        yield return Patch("remove a base property", """[{"op":"remove","path":"/name"}]""", 403);
        yield return Patch("replace a missing property", """[{"op":"replace","path":"/nothing","value":"x"}]""", 409);
        yield return Patch("remove a missing property", """[{"op":"remove","path":"/nothing"}]""", 409);
        yield return Patch("replace id", """[{"op":"replace","path":"/id","value":"{missing}"}]""", 403);
        yield return Patch("replace status", """[{"op":"replace","path":"/status","value":"queued"}]""", 403);
        yield return Patch("replace checksum", """[{"op":"replace","path":"/checksum","value":"00"}]""", 403);
        yield return Patch("add reserved os_glance property", """[{"op":"add","path":"/os_glance_x","value":"x"}]""", 403);
        yield return Patch("add reserved location", """[{"op":"add","path":"/location","value":"x"}]""", 403);
        yield return Patch("replace owner as a member", """[{"op":"replace","path":"/owner","value":"other"}]""", 403);
        yield return Patch("make public as a member", """[{"op":"replace","path":"/visibility","value":"public"}]""", 403);
        yield return Patch("disk_format of an active image", """[{"op":"replace","path":"/disk_format","value":"qcow2"}]""", 403);
        yield return Patch("lone surrogate in a value", """[{"op":"add","path":"/k","value":"\udc00"}]""", 400);
        yield return Patch("lone surrogate in the path", """[{"op":"add","path":"/\ud800","value":"x"}]""", 400);
        yield return Patch("lone surrogate in op", """[{"op":"\ud800","path":"/k","value":"x"}]""", 400);
        yield return Patch("4-byte character in name", $$"""[{"op":"replace","path":"/name","value":"{{Emoji}}"}]""", 400);
        yield return Patch("4-byte character in a key", $$"""[{"op":"add","path":"/{{Emoji}}","value":"x"}]""", 400);
        yield return Patch("4-byte character in tags", $$"""[{"op":"replace","path":"/tags","value":["{{Emoji}}"]}]""", 400);
        yield return Patch("name of 256 characters", $$"""[{"op":"replace","path":"/name","value":"{{new string('n', 256)}}"}]""", 400);
        yield return Patch("key of 256 characters", $$"""[{"op":"add","path":"/{{new string('k', 256)}}","value":"x"}]""", 400);
        yield return Patch("min_ram negative", """[{"op":"replace","path":"/min_ram","value":-1}]""", 400);
        yield return Patch("min_ram huge", """[{"op":"replace","path":"/min_ram","value":99999999999999999999999}]""", 400);
        yield return Patch("tags of numbers", """[{"op":"replace","path":"/tags","value":[1]}]""", 400);
        yield return Patch("property value a number", """[{"op":"add","path":"/k","value":5}]""", 400);
        yield return Patch("v2.1 operations under the v2.0 media type", valid, 400, PatchV20);
        yield return Patch("v2.0 object with two operations", """[{"add":"/a","replace":"/b","value":"x"}]""", 400, PatchV20);
        yield return Patch("v2.0 add of an existing property", """[{"add":"/k","value":"x"}]""", 409, PatchV20);
        // All operations or none: the first change must not be saved when a later one fails.
        yield return Patch("valid change then a bad one",
            """[{"op":"replace","path":"/name","value":"changed"},{"op":"add","path":"/tags","value":["x"]},{"op":"replace","path":"/min_ram","value":-1}]""", 400);
        yield return Patch("500 valid changes then a bad one",
            "[" + string.Concat(Enumerable.Range(0, 500).Select(i => $$"""{"op":"add","path":"/p{{i}}","value":"v"},""")) +
            """{"op":"remove","path":"/name"}]""", 403);
        yield return Patch("129 new properties, over the quota",
            "[" + string.Join(",", Enumerable.Range(0, 129).Select(i => $$"""{"op":"add","path":"/q{{i}}","value":"v"}""")) + "]", 413);
        yield return Patch("nesting 10000 arrays deep", new string('[', 10_000) + new string(']', 10_000), 400);
        yield return Patch("body over 64 KiB", $$"""[{"op":"add","path":"/k","value":"{{new string('x', 70_000)}}"}]""", 413);
    }

    private static IEnumerable<HostileInputCase> ImagePaths()
    {
        yield return new("image: show with a body", "GET", Image, 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("image: delete with a body", "DELETE", Image, 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("image: list with a body", "GET", "/v2/images", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("image: show of a non-UUID id", "GET", "/v2/images/not-a-uuid", 404);
        yield return new("image: show of an unknown UUID", "GET", "/v2/images/{missing}", 404);
        yield return new("image: show of a 5000-character id", "GET", "/v2/images/" + new string('a', 5000), 404);
        yield return new("image: show of an id with a percent-encoded hash", "GET", "/v2/images/a%23b", 404);
        yield return new("image: show of an id with a percent-encoded question mark", "GET", "/v2/images/a%3Fb", 404);
        yield return new("image: show of an id with a trailing encoded blank", "GET", Image + "%20", 404);
        yield return new("image: show of an id with path parameters", "GET", Image + ";x=1", 404);
        yield return new("image: show of an id with a backslash", "GET", "/v2/images/a%5Cb", 404);
        yield return new("image: patch of a non-UUID id", "PATCH", "/v2/images/zzz", 404)
        {
            Headers = [PatchV21], Body = Utf8("""[{"op":"replace","path":"/name","value":"x"}]"""),
        };
        yield return new("image: delete of a non-UUID id", "DELETE", "/v2/images/zzz", 404);
        yield return new("image: delete of a 5000-character id", "DELETE", "/v2/images/" + new string('a', 5000), 404);
        yield return new("image: unknown verb on the image", "POST", Image, 405);
        yield return new("image: PUT on the collection", "PUT", "/v2/images", 405) { Headers = [Json], Body = Utf8("{}") };
    }

    private static IEnumerable<HostileInputCase> ListQueries()
    {
        HostileInputCase List(string query, int expected = 400) => new($"list: {query}", "GET", "/v2/images?" + query, expected);

        yield return List("limit=-1");
        yield return List("limit=abc");
        yield return List("limit=");
        yield return List("limit=1.5");
        yield return List("limit=99999999999999999999");
        yield return List("limit=%");
        yield return List("marker=not-a-uuid");
        yield return List("marker={missing}");
        yield return List("marker=" + new string('a', 5000));
        yield return List("marker=%ED%A0%80");
        yield return List("sort_key=unknown");
        yield return List("sort_key=");
        yield return List("sort_dir=sideways");
        yield return List("sort=name:up");
        yield return List("sort=");
        yield return List("sort=name:asc:desc");
        yield return List("sort_key=name&sort=name:asc");
        yield return List("sort_key=id&sort_dir=asc&sort_dir=desc&sort_dir=asc");
        yield return List("sort_key=self");
        yield return List("created_at=gt:yesterday");
        yield return List("created_at=bogus:2020-01-01T00:00:00Z");
        yield return List("created_at=gt:");
        yield return List("created_at=gt:2020-01-01T00:00:00Z&created_at=lt:tomorrow");
        yield return List("updated_at=lte:2020-13-45T99:00:00Z");
        yield return List("updated_at=in:2020-01-01");
        yield return List("size_min=abc");
        yield return List("size_max=1.5");
        yield return List("size_min=" + new string('9', 40));
        yield return List("min_ram_min=x");
        yield return List("visibility=everyone");
        yield return List("visibility=all&visibility=bogus");
        yield return List("member_status=maybe");
        yield return List("os_hidden=maybe");
        yield return List("protected=2");
        yield return List("changes-since=2020-01-01");
        yield return List("name=neq:x");
        yield return List("name=in:%22a");
        yield return List("status=like:act");
        yield return List("self=x");
        yield return List("file=x");
        yield return List("schema=x");
    }

    private static IEnumerable<HostileInputCase> ImageData()
    {
        yield return new("file: upload as application/json", "PUT", Image + "/file", 415) { Headers = [Json], Body = [1, 2, 3] };
        yield return new("file: upload as text/plain", "PUT", Image + "/file", 415) { Headers = [("Content-Type", "text/plain")], Body = [1, 2, 3] };
        yield return new("file: upload without content type", "PUT", Image + "/file", 415) { Body = [1, 2, 3] };
        yield return new("file: negative declared size", "PUT", Image + "/file", 400)
        {
            Headers = [Octet, ("x-openstack-image-size", "-1")], Body = [1, 2, 3],
        };
        yield return new("file: non-numeric declared size", "PUT", Image + "/file", 400)
        {
            Headers = [Octet, ("x-openstack-image-size", "3 bytes")], Body = [1, 2, 3],
        };
        yield return new("file: declared size over int64", "PUT", Image + "/file", 400)
        {
            Headers = [Octet, ("x-openstack-image-size", new string('9', 30))], Body = [1, 2, 3],
        };
        foreach (var (header, value) in new[]
        {
            ("x-openstack-image-checksum", "zz"), ("x-openstack-image-checksum", new string('a', 33)),
            ("x-openstack-image-os-hash-algo", "md4"), ("x-openstack-image-os-hash-algo", "sha256"), ("x-openstack-image-os-hash-value", "abc"),
            ("x-openstack-image-os-hash-value", new string('a', 64)),
        })
        {
            // Declared facts are read before the image's state: refused even for an active image.
            yield return new($"file: declared {header} '{value[..Math.Min(value.Length, 8)]}'", "PUT", Image + "/file", 400)
            {
                Headers = [Octet, (header, value)], Body = [1, 2, 3],
            };
            yield return new($"stage: declared {header} '{value[..Math.Min(value.Length, 8)]}'", "PUT", Image + "/stage", 400)
            {
                Headers = [Octet, (header, value)], Body = [1, 2, 3],
            };
        }
        yield return new("file: upload to an active image", "PUT", Image + "/file", 409) { Headers = [Octet], Body = [1, 2, 3] };
        yield return new("file: upload to a non-UUID id", "PUT", "/v2/images/zzz/file", 404) { Headers = [Octet], Body = [1, 2, 3] };
        yield return new("file: download of a non-UUID id", "GET", "/v2/images/zzz/file", 404);
        yield return new("file: download with a body", "GET", Image + "/file", 400) { Headers = [Json], Body = Utf8("{}") };
        foreach (var (range, expected) in new[]
        {
            ("bytes=abc", 416), ("bytes=5-2", 416), ("bytes=4096-", 416), ("bytes=-0", 416), ("bytes=--1", 416),
            ("bytes=0-1,3-4", 400), ("items=0-1", 416), ("bytes=99999999999999999999999-", 416), ("bytes=7", 416),
        })
        {
            yield return new($"file: download with Range {range}", "GET", Image + "/file", expected) { Headers = [("Range", range)] };
        }
        yield return new("file: download with Content-Range bytes abc", "GET", Image + "/file", 416) { Headers = [("Content-Range", "bytes abc")] };
        yield return new("stage: as application/json", "PUT", Image + "/stage", 415) { Headers = [Json], Body = [1, 2, 3] };
        yield return new("stage: without content type", "PUT", Image + "/stage", 415) { Body = [1, 2, 3] };
        yield return new("stage: to an active image", "PUT", Image + "/stage", 409) { Headers = [Octet], Body = [1, 2, 3] };
        yield return new("stage: to a non-UUID id", "PUT", "/v2/images/zzz/stage", 404) { Headers = [Octet], Body = [1, 2, 3] };
    }

    private static IEnumerable<HostileInputCase> Import()
    {
        HostileInputCase Import(string name, string body, int expected) =>
            new($"import: {name}", "POST", Image + "/import", expected) { Headers = [Json], Body = Utf8(body) };

        yield return Import("empty object", "{}", 400);
        // Glance answers 500 for these three (it indexes into what it assumed was a dict or a string).
        yield return Import("array", "[]", 400);
        yield return Import("method as a string", """{"method":"glance-direct"}""", 400);
        yield return Import("web-download uri a number", """{"method":{"name":"web-download","uri":5}}""", 400);
        yield return Import("method without name", """{"method":{}}""", 400);
        yield return Import("method name a number", """{"method":{"name":5}}""", 400);
        yield return Import("unknown method", """{"method":{"name":"copy-everything"}}""", 400);
        yield return Import("web-download without uri", """{"method":{"name":"web-download"}}""", 400);
        // On an active image the status check comes first, as in Glance; ImageDataTests covers the URI filter itself.
        yield return Import("web-download of a file URI", """{"method":{"name":"web-download","uri":"file:///etc/passwd"}}""", 409);
        yield return Import("web-download of a broken URI", """{"method":{"name":"web-download","uri":"http://[::1"}}""", 400);
        yield return Import("web-download of the metadata service",
            """{"method":{"name":"web-download","uri":"http://169.254.169.254/latest/meta-data"}}""", 409);
        yield return Import("validation_data an array", """{"method":{"name":"web-download","uri":"http://example.com/x","validation_data":[]}}""", 400);
        yield return Import("validation_data checksum not hex",
            """{"method":{"name":"web-download","uri":"http://example.com/x","validation_data":{"checksum":"zz"}}}""", 400);
        yield return Import("validation_data size negative",
            """{"method":{"name":"web-download","uri":"http://example.com/x","validation_data":{"size":-1}}}""", 400);
        yield return Import("all_stores not a boolean", """{"method":{"name":"glance-direct"},"all_stores":"yes"}""", 400);
        yield return Import("not JSON", "method=glance-direct", 400);
        yield return Import("truncated", """{"method":{"name":"glance-direct" """, 400);
        yield return Import("empty body", "", 400);
        yield return Import("lone surrogate in the method name", """{"method":{"name":"\udfff"}}""", 400);
        yield return Import("glance-direct into an active image", """{"method":{"name":"glance-direct"}}""", 409);
        yield return new("import: glance-direct into a non-UUID id", "POST", "/v2/images/zzz/import", 404)
        {
            Headers = [Json], Body = Utf8("""{"method":{"name":"glance-direct"}}"""),
        };
        yield return Import("body over 64 KiB", $$"""{"method":{"name":"glance-direct"},"x":"{{new string('x', 70_000)}}"}""", 413);
    }

    private static IEnumerable<HostileInputCase> Locations()
    {
        HostileInputCase Add(string name, string body, int expected) =>
            new($"locations: {name}", "POST", Image + "/locations", expected) { Headers = [Json], Body = Utf8(body) };

        // The body is judged after the image and the rule (the target is its owner's, visible), before its status.
        yield return Add("not JSON", "url=http://x", 400);
        yield return Add("empty body", "", 400);
        yield return Add("truncated", """{"url":"http://x" """, 400);
        yield return Add("array", "[]", 400);
        yield return Add("empty object", "{}", 400);
        yield return Add("url a number", """{"url":5}""", 400);
        yield return Add("url null", """{"url":null}""", 400);
        yield return Add("url of 256 characters", $$"""{"url":"{{new string('u', 256)}}"}""", 400);
        yield return Add("url with a lone surrogate", """{"url":"http://x/\ud800"}""", 400);
        yield return Add("unknown field", """{"url":"http://x","metadata":{"store":"fast"}}""", 400);
        yield return Add("validation_data an array", """{"url":"http://x","validation_data":[]}""", 400);
        yield return Add("validation_data without os_hash_algo", """{"url":"http://x","validation_data":{"os_hash_value":"00000000000000000000000000000000"}}""", 400);
        yield return Add("validation_data of an unknown algorithm", """{"url":"http://x","validation_data":{"os_hash_algo":"sha123","os_hash_value":"00000000000000000000000000000000"}}""", 400);
        yield return Add("validation_data hash of the wrong length", """{"url":"http://x","validation_data":{"os_hash_algo":"sha512","os_hash_value":"00000000000000000000000000000000"}}""", 400);
        yield return Add("validation_data with a size", """{"url":"http://x","validation_data":{"os_hash_algo":"sha512","os_hash_value":"ab","size":1}}""", 400);
        // A well-formed body for the active target: Glance's 409, whatever the URL names.
        yield return Add("its own copy, the image being active", """{"url":"http://127.0.0.1:10000/devstoreaccount1/images/{id}"}""", 409);
        yield return Add("a file URL, the image being active", """{"url":"file:///etc/passwd"}""", 409);
        yield return Add("body over 64 KiB", $$"""{"url":"{{new string('u', 70_000)}}"}""", 413);
        yield return new("locations: add to a non-UUID id", "POST", "/v2/images/zzz/locations", 404) { Headers = [Json], Body = Utf8("""{"url":"http://x"}""") };
        yield return new("locations: add to a missing image", "POST", "/v2/images/{missing}/locations", 404) { Headers = [Json], Body = Utf8("""{"url":"http://x"}""") };
        yield return new("locations: GET without the service role", "GET", Image + "/locations", 403);
        yield return new("locations: GET with a body", "GET", Image + "/locations", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("locations: PUT", "PUT", Image + "/locations", 405) { Headers = [Json], Body = Utf8("""{"url":"http://x"}""") };
        yield return new("locations: DELETE", "DELETE", Image + "/locations", 405);
        yield return new("locations: PATCH", "PATCH", Image + "/locations", 405) { Headers = [PatchV21], Body = Utf8("[]") };
        // PATCH of the image's locations stays refused, as before the locations API (Glance's pointer error).
        yield return new("locations: JSON-patch adding a location", "PATCH", Image, 400)
        {
            Headers = [PatchV21], Body = Utf8("""[{"op":"add","path":"/locations/-","value":{"url":"http://x","metadata":{}}}]"""),
        };
    }

    private static IEnumerable<HostileInputCase> Members()
    {
        HostileInputCase Add(string name, string body, int expected) =>
            new($"members: add {name}", "POST", Image + "/members", expected) { Headers = [Json], Body = Utf8(body) };
        HostileInputCase Status(string name, string body, int expected) =>
            new($"members: status {name}", "PUT", Image + "/members/{member}", expected) { Headers = [Json], Body = Utf8(body) };

        yield return Add("empty object", "{}", 400);
        yield return Add("array", "[]", 400);
        // Glance stores a number, an over-long id and the characters below; Table Storage keys cannot hold them.
        yield return Add("member a number", """{"member":5}""", 400);
        yield return Add("member empty", """{"member":""}""", 400);
        yield return Add("member null", """{"member":null}""", 400);
        yield return Add("member of 256 characters", $$"""{"member":"{{new string('m', 256)}}"}""", 400);
        yield return Add("member with a slash", """{"member":"a/b"}""", 400);
        yield return Add("member with a hash", """{"member":"a#b"}""", 400);
        yield return Add("member with a question mark", """{"member":"a?b"}""", 400);
        yield return Add("member with a backslash", """{"member":"a\\b"}""", 400);
        yield return Add("member with NUL", """{"member":"a\u0000b"}""", 400);
        yield return Add("member with a 4-byte character", $$"""{"member":"{{Emoji}}"}""", 400);
        yield return Add("member with a lone surrogate", """{"member":"\ud800"}""", 400);
        yield return Add("not JSON", "member=p2", 400);
        yield return Add("truncated", """{"member":"p2" """, 400);
        yield return Add("an existing member", """{"member":"{member}"}""", 409);
        yield return new("members: add to a non-UUID image", "POST", "/v2/images/zzz/members", 404) { Headers = [Json], Body = Utf8("""{"member":"p2"}""") };
        // A body that is not a status object is 400 before anything else; for a well-formed one, Glance checks that the
        // owner may not set a member's status (403) before it judges the value, and so do we.
        yield return Status("unknown value", """{"status":"maybe"}""", 403);
        yield return Status("a number", """{"status":5}""", 400);
        yield return Status("missing", "{}", 400);
        yield return Status("array body", "[]", 400);
        yield return Status("not JSON", "status=accepted", 400);
        yield return Status("set by the owner", """{"status":"accepted"}""", 403);
        yield return new("members: show of a 5000-character member", "GET", Image + "/members/" + new string('m', 5000), 404);
        yield return new("members: show of an unknown member", "GET", Image + "/members/nobody", 404);
        yield return new("members: delete of an unknown member", "DELETE", Image + "/members/nobody", 404);
        yield return new("members: delete of a member with an encoded hash", "DELETE", Image + "/members/a%23b", 404);
        yield return new("members: list with a body", "GET", Image + "/members", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("members: delete with a body", "DELETE", Image + "/members/{member}", 400) { Headers = [Json], Body = Utf8("{}") };
    }

    private static IEnumerable<HostileInputCase> TagsAndActions()
    {
        yield return new("tags: add a tag of 256 characters", "PUT", Image + "/tags/" + new string('t', 256), 400);
        yield return new("tags: add a tag of 5000 characters", "PUT", Image + "/tags/" + new string('t', 5000), 400);
        yield return new("tags: add a tag with a 4-byte character", "PUT", Image + "/tags/%F0%9F%98%80", 400);
        yield return new("tags: add with a body", "PUT", Image + "/tags/x", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("tags: add to a non-UUID image", "PUT", "/v2/images/zzz/tags/x", 404);
        yield return new("tags: add an empty tag", "PUT", Image + "/tags/", 404);
        yield return new("tags: delete a missing tag", "DELETE", Image + "/tags/nothing", 404);
        yield return new("tags: read a tag", "GET", Image + "/tags/t1", 405);
        yield return new("actions: deactivate with a body", "POST", Image + "/actions/deactivate", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("actions: reactivate with a body", "POST", Image + "/actions/reactivate", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("actions: unknown action", "POST", Image + "/actions/explode", 404);
        yield return new("actions: empty action", "POST", Image + "/actions/", 404);
        yield return new("actions: GET of an action", "GET", Image + "/actions/deactivate", 405);
        yield return new("actions: deactivate of a non-UUID image", "POST", "/v2/images/zzz/actions/deactivate", 404);
    }

    private static IEnumerable<HostileInputCase> TasksSchemasVersions()
    {
        yield return new("tasks: list of a non-UUID image", "GET", "/v2/images/zzz/tasks", 404);
        yield return new("tasks: list with a body", "GET", Image + "/tasks", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("tasks: POST", "POST", Image + "/tasks", 405) { Headers = [Json], Body = Utf8("{}") };
        yield return new("idempotency: key with a space", "POST", "/v2/images", 400) { Headers = [Json, ("Idempotency-Key", "a b")], Body = Utf8("{}") };
        yield return new("idempotency: 5000-character key", "POST", "/v2/images", 400) { Headers = [Json, ("Idempotency-Key", new string('k', 5000))], Body = Utf8("{}") };
        yield return new("idempotency: two keys", "POST", "/v2/images", 400) { Headers = [Json, ("Idempotency-Key", "a"), ("Idempotency-Key", "b")], Body = Utf8("{}") };
        yield return new("idempotency: key on a refused member add", "POST", Image + "/members", 400) { Headers = [Json, ("Idempotency-Key", "m1")], Body = Utf8("{}") };
        // The tasks API is an administrator's: a member is refused before anything it sends is read.
        yield return new("tasks API: list with a bad limit", "GET", "/v2/tasks?limit=x&sort_dir=up", 403);
        yield return new("tasks API: legacy import task", "POST", "/v2/tasks", 403) { Headers = [Json], Body = Utf8("""{"type":"import","input":{"import_from":"file:///etc/passwd"}}""") };
        yield return new("tasks API: malformed body", "POST", "/v2/tasks", 403) { Headers = [Json], Body = Utf8("{") };
        yield return new("tasks API: 5000-character task id", "GET", "/v2/tasks/" + new string('t', 5000), 403);
        yield return new("tasks API: DELETE", "DELETE", "/v2/tasks/" + Guid.Empty, 403);
        yield return new("tasks API: PUT", "PUT", "/v2/tasks/x", 405) { Headers = [Json], Body = Utf8("{}") };
        yield return new("schemas: capitalised name", "GET", "/v2/schemas/Image", 404);
        yield return new("schemas: unknown name", "GET", "/v2/schemas/bogus", 404);
        yield return new("schemas: 5000-character name", "GET", "/v2/schemas/" + new string('s', 5000), 404);
        yield return new("schemas: with a body", "GET", "/v2/schemas/image", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("schemas: DELETE", "DELETE", "/v2/schemas/image", 405);
        yield return new("schemas: name with an encoded dot-dot slash", "GET", "/v2/schemas/..%2Fimage", 404);
        yield return new("versions: request id over 64 characters", "GET", "/versions", 431)
        {
            Headers = [("X-Openstack-Request-Id", "req-" + new string('a', 70))],
        };
        yield return new("info: import with a body", "GET", "/v2/info/import", 400) { Headers = [Json], Body = Utf8("{}") };
    }

    private static IEnumerable<HostileInputCase> DataUrls()
    {
        HostileInputCase Upload(string name, string body, int expected) =>
            new($"upload-url: {name}", "POST", Image + "/upload-url", expected) { Headers = [Json], Body = Utf8(body) };

        yield return Upload("array body", "[]", 400);
        yield return Upload("number body", "5", 400);
        yield return Upload("negative size", """{"size":-1}""", 400);
        yield return Upload("size a string", """{"size":"1"}""", 400);
        yield return Upload("size 1e30", """{"size":1e30}""", 400);
        yield return Upload("size fractional", """{"size":1.5}""", 400);
        yield return Upload("checksum a number", """{"checksum":5}""", 400);
        yield return Upload("checksum not hex", """{"checksum":"zz"}""", 400);
        yield return Upload("unknown hash algorithm", """{"os_hash_algo":"md4","os_hash_value":"ab"}""", 400);
        yield return Upload("unknown field", """{"sizes":1}""", 400);
        yield return Upload("lone surrogate in checksum", """{"checksum":"\ud800"}""", 400);
        yield return Upload("not JSON", "size=1", 400);
        yield return Upload("truncated", """{"size":1""", 400);
        yield return Upload("body over 64 KiB", $$"""{"checksum":"{{new string('a', 70_000)}}"}""", 413);
        yield return new("upload-url: for an active image", "POST", Image + "/upload-url", 409);
        yield return new("upload-url: for a non-UUID id", "POST", "/v2/images/zzz/upload-url", 404);
        yield return new("download-url: with a body", "POST", Image + "/download-url", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return new("download-url: for a non-UUID id", "POST", "/v2/images/zzz/download-url", 404);
        yield return new("download-url: GET", "GET", Image + "/download-url", 405);
    }

    private static IEnumerable<HostileInputCase> PathTricks()
    {
        // Kestrel removes dot segments before routing: without the check these reach DELETE /v2/images/{id}.
        yield return new("path: delete through members/..", "DELETE", Image + "/members/..", 404);
        yield return new("path: delete through tags/x/..", "DELETE", Image + "/tags/x/..", 404);
        yield return new("path: delete through encoded dot segments", "DELETE", Image + "/members/%2e%2E", 404);
        yield return new("path: dot segment in the middle", "GET", "/v2/images/{missing}/../{id}", 404);
        yield return new("path: single dot segment", "GET", "/v2/./images/{id}", 404);
        yield return new("path: tag named ..", "PUT", Image + "/tags/..", 404);
        yield return new("path: traversal out of schemas", "GET", "/v2/schemas/../../../etc/passwd", 404);
        // Glance decodes %2F before routing, so these have a segment too many there too.
        yield return new("path: encoded slash in a tag", "PUT", Image + "/tags/a%2Fb", 404);
        yield return new("path: encoded slash in a member id", "DELETE", Image + "/members/{member}%2F..", 404);
        yield return new("path: encoded slash after the id", "GET", Image + "%2Ffile", 404);
        yield return new("path: encoded slash in v2", "GET", "/v2%2fimages", 404);
        yield return new("path: encoded traversal in schemas", "GET", "/v2/schemas/..%2F..%2Fetc%2Fpasswd", 404);
        // Glance reads runs of slashes as one (so do we): these name an image called "file", a path no route has,
        // and an empty last segment.
        yield return new("path: double slash in place of the id", "DELETE", "/v2/images//file", 404);
        yield return new("path: double slash in place of the id before tags", "PUT", "/v2/images//tags/x", 404);
        yield return new("path: double slash after the id", "DELETE", Image + "//", 404);
        yield return new("path: 7000 segments", "GET", Image + string.Concat(Enumerable.Repeat("/x", 3500)), 404);
        yield return new("path: NUL in a tag", "PUT", Image + "/tags/a%00b", 400) { RefusedByServer = true };
        yield return new("path: NUL in the id", "GET", "/v2/images/%00", 400) { RefusedByServer = true };
        yield return new("path: request line over 8 KiB", "GET", "/v2/images/" + new string('a', 9000), 414) { RefusedByServer = true };
    }

    /// <summary>
    /// Ids in upper and mixed case name the same image (so a duplicate is 409 and a refused change on them changes
    /// nothing); a caller without a project (its project headers empty) may not create an image: Glance with
    /// enforce_scope answers 403 to a token without a project, here every mode does.
    /// </summary>
    private static IEnumerable<HostileInputCase> AccessRules()
    {
        HostileInputCase WithoutProject(string name, string body, params (string, string)[] headers) =>
            new($"access: create without a project, {name}", "POST", "/v2/images", 403)
            {
                Headers = [Json, ("X-Project-Id", ""), .. headers], Body = Utf8(body),
            };

        yield return new("access: create with the image's id in upper case", "POST", "/v2/images", 409) { Headers = [Json], Body = Utf8("""{"id":"{ID}"}""") };
        yield return new("access: create with the image's id in mixed case", "POST", "/v2/images", 409) { Headers = [Json], Body = Utf8("""{"id":"{Id}"}""") };
        yield return new("access: patch an upper-case id with a bad op", "PATCH", "/v2/images/{ID}", 400)
        {
            Headers = [PatchV21], Body = Utf8("""[{"op":"move","path":"/name","from":"/x"}]"""),
        };
        yield return new("access: patch a mixed-case id with a read-only attribute", "PATCH", "/v2/images/{Id}", 403)
        {
            Headers = [PatchV21], Body = Utf8("""[{"op":"replace","path":"/status","value":"queued"}]"""),
        };
        yield return new("access: upload to an active image by upper-case id", "PUT", "/v2/images/{ID}/file", 409) { Headers = [Octet], Body = [1, 2, 3] };
        yield return new("access: stage to an active image by mixed-case id", "PUT", "/v2/images/{Id}/stage", 409) { Headers = [Octet], Body = [1, 2, 3] };
        yield return new("access: add the existing member by upper-case id", "POST", "/v2/images/{ID}/members", 409)
        {
            Headers = [Json], Body = Utf8("""{"member":"{member}"}"""),
        };
        yield return new("access: remove an absent tag by mixed-case id", "DELETE", "/v2/images/{Id}/tags/absent", 404);
        yield return new("access: delete the member in upper case (member ids keep their case)", "DELETE", "/v2/images/{id}/members/HOSTILE-MEMBER", 404);
        yield return new("access: tasks of a mixed-case id with a body", "GET", "/v2/images/{Id}/tasks", 400) { Headers = [Json], Body = Utf8("{}") };
        yield return WithoutProject("empty body", "{}");
        yield return WithoutProject("naming an owner", """{"owner":"p1","name":"x"}""");
        yield return WithoutProject("naming the image's id", """{"id":"{id}"}""");
        yield return WithoutProject("with the tenant aliases empty too", "{}", ("X-Tenant-Id", ""), ("X-Tenant", ""));
        yield return WithoutProject("as a reader", "{}", ("X-Roles", "reader"));
    }

    private static IEnumerable<HostileInputCase> HeaderAbuse()
    {
        yield return new("headers: 40 KB header", "GET", Image, 431) { Headers = [("X-Big", new string('x', 40_000))], RefusedByServer = true };
        yield return new("headers: 200 headers", "GET", Image, 431)
        {
            Headers = Enumerable.Range(0, 200).Select(i => ($"X-H{i}", "v")).ToList(), RefusedByServer = true,
        };
        yield return new("headers: non-ASCII byte in a value", "GET", Image, 400) { Headers = [("X-Openstack-Request-Id", "req-\u00e9")], RefusedByServer = true };
        yield return new("headers: Content-Length not a number", "POST", "/v2/images", 400)
        {
            Headers = [Json, ("Content-Length", "abc")], Body = Utf8("{}"), RefusedByServer = true,
        };
        yield return new("headers: request id over 64 characters", "PATCH", Image, 431)
        {
            Headers = [PatchV21, ("X-Openstack-Request-Id", new string('r', 65))],
            Body = Utf8("""[{"op":"replace","path":"/name","value":"changed"}]"""),
        };
        yield return new("headers: broken chunked body", "PATCH", Image, 400)
        {
            Headers = [PatchV21, ("Transfer-Encoding", "chunked")], Body = Utf8("zz\r\n[]\r\n0\r\n\r\n"),
        };
        yield return new("headers: chunked body over 64 KiB", "POST", "/v2/images", 413)
        {
            Headers = [Json, ("Transfer-Encoding", "chunked")], Body = Chunked($$"""{"k":"{{new string('x', 70_000)}}"}"""),
        };
    }

    private static byte[] Chunked(string text)
    {
        var bytes = Utf8(text);
        return [.. Utf8($"{bytes.Length:x}\r\n"), .. bytes, .. Utf8("\r\n0\r\n\r\n")];
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Glance.Domain;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Patching;
using Glance.Domain.Policy;
using Glance.Functions.Http;
using Glance.Functions.Representation;
using Glance.Functions.Requests;
using Glance.Testing;
using Xunit.Abstractions;

namespace Glance.Functions.Tests.Requests;

/// <summary>
/// Time-bounded, seeded fuzzing of PATCH below the host (see <see cref="FuzzRun"/> for the settings): generated and
/// byte-mutated patch documents in both media types, parsed as the Functions side parses them and applied by the
/// domain to images in various states by various callers, then checked against the quotas. The only acceptable
/// failures are a GlanceException of a kind PATCH answers with (400, 403, 404, 409, 413) and the media type's 415; a
/// success must leave an image that still obeys the schema and serializes.
/// </summary>
public sealed class JsonPatchFuzzTests(ITestOutputHelper output)
{
    // What RequestBodies enforces before the domain sees a body (the hostile-input corpus covers that part).
    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 32 };

    private static readonly HashSet<GlanceErrorKind> PatchErrorKinds =
    [
        // NotFound: a caller who may not see the image (get_image) is told it does not exist, as Glance does.
        GlanceErrorKind.Invalid, GlanceErrorKind.NotAllowed, GlanceErrorKind.NotFound, GlanceErrorKind.Conflict,
        GlanceErrorKind.LimitExceeded,
    ];

    private static readonly string[] Keys =
    [
        "name", "visibility", "protected", "os_hidden", "min_disk", "min_ram", "disk_format", "container_format", "tags",
        "owner", "id", "status", "checksum", "size", "virtual_size", "os_hash_algo", "os_hash_value", "created_at",
        "updated_at", "direct_url", "self", "file", "schema", "stores", "locations", "location", "deleted", "deleted_at",
        "os_glance_import_task", "os_glance_x", "k", "os_distro", "hw_disk_bus", "é", "\u202Ek", "a b", "-", "0",
    ];

    private static readonly string[] Ops = ["add", "remove", "replace"];
    private static readonly string[] OddOps = ["test", "move", "copy", "", "ADD", "Add ", "add\u0000"];

    private static readonly string[] ContentTypes =
    [
        PatchMediaTypes.V21, PatchMediaTypes.V20, PatchMediaTypes.V21 + "; charset=UTF-8", "APPLICATION/OPENSTACK-IMAGES-V2.1-JSON-PATCH",
        "application/json", "application/json-patch+json", "", ";", "application/openstack-images-v2.1-json-patch,application/json",
        "application/openstack-images-v2.2-json-patch", " \t", "text/plain; application/openstack-images-v2.1-json-patch",
    ];

    [Fact]
    public void Fuzz_PatchDocuments_OnlyGlanceErrorsAndValidImages()
    {
        var outcomes = new Dictionary<string, int>();
        var inputs = FuzzRun.FromEnvironment("JSON patch", output).Run(random =>
        {
            var version = random.Next(2) == 0 ? PatchMediaVersion.V21 : PatchMediaVersion.V20;
            var body = Encoding.UTF8.GetBytes(Document(random, version));
            if (random.Next(5) == 0)
            {
                body = MutateBytes(body, random);
            }
            string outcome;
            try
            {
                outcome = ApplyOne(body, version, random);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{version} document (base64): {Convert.ToBase64String(body)}", e);
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        });

        output.WriteLine($"outcomes: {string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(inputs > 0);
    }

    private static string ApplyOne(byte[] body, PatchMediaVersion version, Random random)
    {
        var contentType = random.Next(10) == 0 ? ContentTypes[random.Next(ContentTypes.Length)] : null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, BodyOptions);
        }
        catch (JsonException)
        {
            return "malformed JSON (400 before the domain)";
        }
        using (document)
        {
            if (!IsReadable(document.RootElement))
            {
                return "unreadable string (400 before the domain)";
            }
            var image = Image(random);
            var caller = random.Next(3) switch
            {
                0 => TestImages.Admin,
                1 => TestImages.Member("p2"),
                _ => TestImages.Member("p1"),
            };
            try
            {
                if (contentType is not null)
                {
                    version = JsonPatchParser.ParseMediaType(contentType);
                }
                var operations = JsonPatchParser.Parse(document.RootElement, version);
                ImagePatchApplier.Apply(caller, image, operations, version, ImagePolicy.Default);
                ImageQuotas.EnsureWithin(image, new ImageServiceOptions());
            }
            catch (GlanceException e)
            {
                Assert.True(PatchErrorKinds.Contains(e.Kind), $"PATCH cannot answer {e.Kind}: {e.Message}");
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                return e.Kind.ToString();
            }
            catch (HttpError e)
            {
                // The one HTTP-only refusal a PATCH can meet here: a media type that is neither dialect.
                Assert.Equal(HttpErrorKind.UnsupportedMediaType, e.Kind);
                return e.Kind.ToString();
            }
            AssertObeysSchema(image);
            return "applied";
        }
    }

    /// <summary>What a successful PATCH may leave: the image schema's rules, and a representation that serializes.</summary>
    private static void AssertObeysSchema(Image image)
    {
        Assert.True(image.Name is null || (image.Name.Length <= ImageProperties.MaxStringLength && !image.Name.Any(char.IsSurrogate)));
        Assert.True(image.Owner is null || image.Owner.Length <= ImageProperties.MaxStringLength);
        Assert.True(ImageVisibility.IsValid(image.Visibility));
        Assert.True(image.MinRam >= 0 && image.MinDisk >= 0);
        Assert.True(image.DiskFormat is null || ImageFormats.DiskFormats.Contains(image.DiskFormat));
        Assert.True(image.ContainerFormat is null || ImageFormats.ContainerFormats.Contains(image.ContainerFormat));
        Assert.Equal(image.Tags.Count, image.Tags.Distinct(StringComparer.Ordinal).Count());
        Assert.All(image.Tags, tag => Assert.True(tag.Length <= ImageProperties.MaxStringLength && !tag.Any(char.IsSurrogate)));
        Assert.All(image.ExtraProperties, property =>
        {
            Assert.InRange(property.Key.Length, 1, ImageProperties.MaxKeyLength);
            Assert.False(ImageProperties.IsBase(property.Key), property.Key);
            Assert.False(ImageProperties.Reserved.Contains(property.Key), property.Key);
            Assert.False(property.Key.Any(char.IsSurrogate) || property.Value.Any(char.IsSurrogate));
        });
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ImageRepresentation.Write(writer, image);
        }
        using var reread = JsonDocument.Parse(buffer.ToArray());
        Assert.Equal(image.Id, reread.RootElement.GetProperty("id").GetString());
    }

    private static Image Image(Random random)
    {
        var image = TestImages.Owned("p1", random.Next(2) == 0 ? ImageVisibility.Shared : ImageVisibility.Private);
        image.Rename("n");
        image.SetProperty("k", "v");
        image.SetProperty("os_distro", "debian");
        image.AddTag("t1");
        image.AddTag("t2");
        for (var i = random.Next(4) == 0 ? 126 : 0; i > 0; i--)
        {
            // Near the property quota, so additions reach the 413.
            image.SetProperty($"q{i}", "v");
        }
        if (random.Next(3) == 0)
        {
            image.ChangeDiskFormat("raw");
            image.ChangeContainerFormat("bare");
            return Glance.Domain.Images.Image.Restore(image.ToSnapshot() with { Status = ImageStatus.Active });
        }
        return image;
    }

    private static string Document(Random random, PatchMediaVersion version)
    {
        var json = new StringBuilder();
        if (random.Next(20) == 0)
        {
            Value(json, random, depth: 0);
            return json.ToString();
        }
        json.Append('[');
        for (var i = random.Next(2) == 0 ? random.Next(0, 4) : random.Next(0, 12); i > 0; i--)
        {
            if (random.Next(20) == 0)
            {
                Value(json, random, depth: 1);
            }
            else if (version == PatchMediaVersion.V21)
            {
                OperationV21(json, random);
            }
            else
            {
                OperationV20(json, random);
            }
            if (i > 1)
            {
                json.Append(',');
            }
        }
        json.Append(']');
        return json.ToString();
    }

    private static void OperationV21(StringBuilder json, Random random)
    {
        var members = new List<string>();
        if (random.Next(12) != 0)
        {
            members.Add("\"op\":" + (random.Next(8) == 0 ? OddOp(random) : Quote(Ops[random.Next(Ops.Length)])));
        }
        var key = Key(random);
        if (random.Next(12) != 0)
        {
            members.Add("\"path\":" + Pointer(random, key));
        }
        if (random.Next(6) != 0)
        {
            members.Add("\"value\":" + ValueFor(random, key));
        }
        if (random.Next(10) == 0)
        {
            members.Add("\"from\":" + Pointer(random, Key(random)));
        }
        Shuffle(members, random);
        json.Append('{').AppendJoin(',', members).Append('}');
    }

    private static void OperationV20(StringBuilder json, Random random)
    {
        var members = new List<string>();
        var key = Key(random);
        foreach (var op in Ops)
        {
            if (random.Next(4) == 0)
            {
                members.Add($"\"{op}\":" + Pointer(random, key));
            }
        }
        if (members.Count == 0 && random.Next(6) != 0)
        {
            members.Add($"\"{Ops[random.Next(Ops.Length)]}\":" + Pointer(random, key));
        }
        if (random.Next(6) != 0)
        {
            members.Add("\"value\":" + ValueFor(random, key));
        }
        if (random.Next(10) == 0)
        {
            members.Add("\"op\":\"add\"");
        }
        Shuffle(members, random);
        json.Append('{').AppendJoin(',', members).Append('}');
    }

    private static string OddOp(Random random) => random.Next(3) switch
    {
        0 => Quote(OddOps[random.Next(OddOps.Length)]),
        1 => ValueText(random),
        _ => "null",
    };

    private static string Key(Random random) => random.Next(6) switch
    {
        0 => RandomText(random),
        1 => Keys[random.Next(Keys.Length)] + "/" + Keys[random.Next(Keys.Length)],
        _ => Keys[random.Next(Keys.Length)],
    };

    private static string Pointer(Random random, string key)
    {
        if (random.Next(15) == 0)
        {
            return ValueText(random);
        }
        var escaped = key.Replace("~", "~0").Replace("/", random.Next(3) == 0 ? "/" : "~1");
        return Quote(random.Next(12) switch
        {
            0 => escaped,
            1 => "/" + escaped + "/",
            2 => "//" + escaped,
            3 => "/" + escaped + "~" + (random.Next(2) == 0 ? "2" : ""),
            4 => "/locations/" + (random.Next(2) == 0 ? "-" : "0"),
            5 => "/",
            _ => "/" + escaped,
        });
    }

    /// <summary>Mostly a value of the type the property takes, so that many documents get past the schema.</summary>
    private static string ValueFor(Random random, string key)
    {
        if (random.Next(5) < 2)
        {
            return ValueText(random);
        }
        return key switch
        {
            "name" or "owner" => random.Next(4) == 0 ? "null" : Quote(RandomText(random)),
            "visibility" => Quote(new[] { "public", "private", "shared", "community", "bogus" }[random.Next(5)]),
            "protected" or "os_hidden" => random.Next(2) == 0 ? "true" : "false",
            "min_ram" or "min_disk" => random.Next(-2, 100).ToString(CultureInfo.InvariantCulture),
            "disk_format" => Quote(ImageFormats.DiskFormats[random.Next(ImageFormats.DiskFormats.Count)]),
            "container_format" => Quote(ImageFormats.ContainerFormats[random.Next(ImageFormats.ContainerFormats.Count)]),
            "tags" => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 5)).Select(_ => Quote(random.Next(3) == 0 ? RandomText(random) : $"t{random.Next(4)}"))) + "]",
            _ => Quote(random.Next(2) == 0 ? "v" : RandomText(random)),
        };
    }

    private static string ValueText(Random random)
    {
        var json = new StringBuilder();
        Value(json, random, depth: 2);
        return json.ToString();
    }

    private static void Value(StringBuilder json, Random random, int depth)
    {
        switch (random.Next(depth > 4 ? 4 : 7))
        {
            case 0:
            case 1:
                json.Append(Quote(RandomText(random)));
                break;
            case 2:
                string[] numbers = ["0", "-1", "1", "5", "2147483647", "2147483648", "9223372036854775808", "-0", "1.5", "1e400", "1E2", "99999999999999999999999"];
                json.Append(numbers[random.Next(numbers.Length)]);
                break;
            case 3:
                json.Append(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            case 4:
            case 5:
                json.Append('[');
                for (var i = random.Next(0, 5); i > 0; i--)
                {
                    Value(json, random, depth + 1);
                    if (i > 1)
                    {
                        json.Append(',');
                    }
                }
                json.Append(']');
                break;
            default:
                json.Append('{');
                for (var i = random.Next(0, 4); i > 0; i--)
                {
                    json.Append(Quote(RandomText(random))).Append(':');
                    Value(json, random, depth + 1);
                    if (i > 1)
                    {
                        json.Append(',');
                    }
                }
                json.Append('}');
                break;
        }
    }

    private static string RandomText(Random random) => random.Next(13) switch
    {
        0 => "",
        // Lone surrogates, rarely: most of them stop at the body check, before the domain.
        12 => random.Next(8) != 0 ? "y" : random.Next(2) == 0 ? "\ud800" : "a\udc00",
        1 => new string('x', 255),
        2 => new string('x', 256),
        3 => new string('é', random.Next(250, 260)),
        4 => "\U0001F600",
        5 => "a\0b",
        6 => "\u202Eevil",
        7 => "~1/~0~",
        8 => Keys[random.Next(Keys.Length)],
        9 => ImageVisibility.Public,
        10 => ImageFormats.DiskFormats[random.Next(ImageFormats.DiskFormats.Count)],
        _ => string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next(0x20, 0x7F))),
    };

    /// <summary>A JSON string literal; control characters and surrogates (lone ones too) become \u escapes.</summary>
    private static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }
        return json.Append('"').ToString();
    }

    /// <summary>Byte-level damage on top of the structure: drop, duplicate or replace a byte (invalid UTF-8 too), or cut the end.</summary>
    private static byte[] MutateBytes(byte[] body, Random random)
    {
        var bytes = new List<byte>(body);
        byte[] damage = [.. "[]{}\",:\\0aeE-~/ "u8, 0x00, 0xFF, 0xC0, 0xED, 0xA0, 0x80];
        for (var count = random.Next(1, 4); count > 0 && bytes.Count > 0; count--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, bytes[at]);
                    break;
                case 2:
                    bytes[at] = damage[random.Next(damage.Length)];
                    break;
                case 3:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes("\\u" + random.Next(0xD800, 0xE000).ToString("x4", CultureInfo.InvariantCulture)));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return [.. bytes];
    }

    private static void Shuffle(List<string> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static bool IsReadable(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Object => element.EnumerateObject().All(p => p.Name is not null && IsReadable(p.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(IsReadable),
                JsonValueKind.String => element.GetString() is not null,
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

using System.Text;
using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Patching;

namespace Glance.Functions.Requests;

/// <summary>
/// Parses a PATCH body in either of Glance's json-patch media types into operations, with Glance's
/// 400 messages (glance/api/v2/images.py RequestDeserializer.update). Nothing is applied here.
/// </summary>
public static class JsonPatchParser
{
    private static readonly string[] OpNames = ["add", "remove", "replace"];
    private const string Available = "add, remove, replace";

    public static PatchMediaVersion ParseMediaType(string? contentType)
    {
        var mediaType = contentType?.Split(';', 2)[0].Trim();
        if (string.Equals(mediaType, PatchMediaTypes.V21, StringComparison.OrdinalIgnoreCase))
        {
            return PatchMediaVersion.V21;
        }
        if (string.Equals(mediaType, PatchMediaTypes.V20, StringComparison.OrdinalIgnoreCase))
        {
            return PatchMediaVersion.V20;
        }
        throw GlanceException.UnsupportedMediaType($"The request media type {mediaType} is not supported by this server.");
    }

    public static IReadOnlyList<PatchOperation> Parse(JsonElement body, PatchMediaVersion version)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw GlanceException.BadRequest("Request body must be a JSON array of operation objects.");
        }
        var operations = new List<PatchOperation>();
        foreach (var change in body.EnumerateArray())
        {
            if (change.ValueKind != JsonValueKind.Object)
            {
                throw GlanceException.BadRequest("Operations must be JSON objects.");
            }
            operations.Add(version == PatchMediaVersion.V21 ? ParseV21(change) : ParseV20(change));
        }
        return operations;
    }

    private static PatchOperation ParseV21(JsonElement change)
    {
        if (!change.TryGetProperty("op", out var opElement))
        {
            throw GlanceException.BadRequest($"Unable to find `op` in JSON Schema change. It must be one of the following: {Available}.");
        }
        var opName = opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : opElement.GetRawText();
        var op = ToOp(opName);
        if (!change.TryGetProperty("path", out var pathElement))
        {
            throw GlanceException.BadRequest("Unable to find 'path' in JSON Schema change");
        }
        return Build(op, opName, pathElement, change);
    }

    private static PatchOperation ParseV20(JsonElement change)
    {
        var present = OpNames.Where(name => change.TryGetProperty(name, out _)).ToList();
        if (present.Count != 1)
        {
            var quantity = present.Count == 0 ? "exactly" : "only";
            throw GlanceException.BadRequest($"Operation objects must contain {quantity} one member named \"add\", \"remove\", or \"replace\".");
        }
        return Build(ToOp(present[0]), present[0], change.GetProperty(present[0]), change);
    }

    private static PatchOperation Build(PatchOp op, string opName, JsonElement pathElement, JsonElement change)
    {
        if (pathElement.ValueKind != JsonValueKind.String)
        {
            throw GlanceException.BadRequest($"Pointer `{pathElement.GetRawText()}` does not start with \"/\".");
        }
        var property = DecodePointer(pathElement.GetString()!);
        AttributeValue? value = null;
        if (op != PatchOp.Remove)
        {
            if (!change.TryGetProperty("value", out var v))
            {
                throw GlanceException.BadRequest($"Operation \"{opName}\" requires a member named \"value\".");
            }
            value = AttributeValues.From(v);
        }
        return new PatchOperation(op, property, value);
    }

    private static PatchOp ToOp(string name) => name switch
    {
        "add" => PatchOp.Add,
        "remove" => PatchOp.Remove,
        "replace" => PatchOp.Replace,
        _ => throw GlanceException.BadRequest($"Invalid operation: `{name}`. It must be one of the following: {Available}."),
    };

    /// <summary>JSON pointer (RFC 6901) with Glance's extra rules; image properties are one segment deep.</summary>
    public static string DecodePointer(string pointer)
    {
        if (!pointer.StartsWith('/'))
        {
            throw GlanceException.BadRequest($"Pointer `{pointer}` does not start with \"/\".");
        }
        if (pointer.Contains("//", StringComparison.Ordinal))
        {
            throw GlanceException.BadRequest($"Pointer `{pointer}` contains adjacent \"/\".");
        }
        if (pointer.Length > 1 && pointer.EndsWith('/'))
        {
            throw GlanceException.BadRequest($"Pointer `{pointer}` end with \"/\".");
        }
        var segments = pointer[1..].Split('/').Select(Unescape).ToArray();
        if (segments.Length != 1)
        {
            throw GlanceException.BadRequest($"Invalid JSON pointer for this resource: '/{string.Join('/', segments)}'");
        }
        return segments[0];

        string Unescape(string segment)
        {
            var builder = new StringBuilder(segment.Length);
            for (var i = 0; i < segment.Length; i++)
            {
                if (segment[i] != '~')
                {
                    builder.Append(segment[i]);
                    continue;
                }
                var next = i + 1 < segment.Length ? segment[i + 1] : '\0';
                builder.Append(next switch
                {
                    '0' => '~',
                    '1' => '/',
                    _ => throw GlanceException.BadRequest($"Pointer `{pointer}` contains \"~\" not part of a recognized escape sequence."),
                });
                i++;
            }
            return builder.ToString();
        }
    }
}

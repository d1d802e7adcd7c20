using System.Text;
using System.Text.Json;
using Glance.Domain.Images;
using Glance.Domain.Patching;
using Glance.Functions.Http;

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
        throw HttpErrors.UnsupportedPatchMediaType(mediaType);
    }

    public static IReadOnlyList<PatchOperation> Parse(JsonElement body, PatchMediaVersion version)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw HttpErrors.PatchNotAnArray();
        }
        var operations = new List<PatchOperation>();
        foreach (var change in body.EnumerateArray())
        {
            if (change.ValueKind != JsonValueKind.Object)
            {
                throw HttpErrors.PatchOperationNotAnObject();
            }
            operations.Add(version == PatchMediaVersion.V21 ? ParseV21(change) : ParseV20(change));
        }
        return operations;
    }

    private static PatchOperation ParseV21(JsonElement change)
    {
        if (!change.TryGetProperty("op", out var opElement))
        {
            throw HttpErrors.PatchOpMissing(Available);
        }
        var opName = opElement.ValueKind == JsonValueKind.String ? opElement.GetString()! : opElement.GetRawText();
        var op = ToOp(opName);
        if (!change.TryGetProperty("path", out var pathElement))
        {
            throw HttpErrors.PatchPathMissing();
        }
        return Build(op, opName, pathElement, change);
    }

    private static PatchOperation ParseV20(JsonElement change)
    {
        var present = OpNames.Where(name => change.TryGetProperty(name, out _)).ToList();
        if (present.Count != 1)
        {
            throw HttpErrors.PatchOpMembers(noneFound: present.Count == 0);
        }
        return Build(ToOp(present[0]), present[0], change.GetProperty(present[0]), change);
    }

    private static PatchOperation Build(PatchOp op, string opName, JsonElement pathElement, JsonElement change)
    {
        if (pathElement.ValueKind != JsonValueKind.String)
        {
            throw HttpErrors.PointerNotRooted(pathElement.GetRawText());
        }
        var property = DecodePointer(pathElement.GetString()!);
        AttributeValue? value = null;
        if (op != PatchOp.Remove)
        {
            if (!change.TryGetProperty("value", out var v))
            {
                throw HttpErrors.PatchValueMissing(opName);
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
        _ => throw HttpErrors.PatchOpInvalid(name, Available),
    };

    /// <summary>JSON pointer (RFC 6901) with Glance's extra rules; image properties are one segment deep.</summary>
    public static string DecodePointer(string pointer)
    {
        if (!pointer.StartsWith('/'))
        {
            throw HttpErrors.PointerNotRooted(pointer);
        }
        if (pointer.Contains("//", StringComparison.Ordinal))
        {
            throw HttpErrors.PointerAdjacentSlashes(pointer);
        }
        if (pointer.Length > 1 && pointer.EndsWith('/'))
        {
            throw HttpErrors.PointerEndsWithSlash(pointer);
        }
        var segments = pointer[1..].Split('/').Select(Unescape).ToArray();
        if (segments.Length != 1)
        {
            throw HttpErrors.PointerNotAProperty("/" + string.Join('/', segments));
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
                    _ => throw HttpErrors.PointerBadEscape(pointer),
                });
                i++;
            }
            return builder.ToString();
        }
    }
}

using System.Text.Json;
using Glance.Domain.Data;
using Glance.Domain.Importing;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>
/// The body of POST /v2/images/{id}/locations (Glance 2.17): <c>{"url": "...", "validation_data": {"os_hash_algo",
/// "os_hash_value", "checksum"}}</c>, <c>validation_data</c> optional, and when present with both hash fields, as
/// Glance's schema requires; nothing else (its schema allows no other field, nor a <c>size</c> in the data).
/// </summary>
public static class LocationRequestParser
{
    /// <summary>Glance's image schema: a location's url is at most 255 characters.</summary>
    public const int MaxUrlLength = 255;

    public static LocationRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw HttpErrors.LocationBodyNotAnObject();
        }
        string? url = null;
        var declared = UploadExpectations.None;
        foreach (var property in body.EnumerateObject())
        {
            switch (property.Name)
            {
                case "url":
                    url = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : throw HttpErrors.LocationUrlNotAString();
                    break;
                case "validation_data":
                    declared = ValidationData(property.Value);
                    break;
                default:
                    throw HttpErrors.LocationFieldUnknown(property.Name);
            }
        }
        if (url is null)
        {
            throw HttpErrors.LocationUrlRequired();
        }
        return url.Length > MaxUrlLength ? throw HttpErrors.LocationUrlTooLong(MaxUrlLength) : new LocationRequest(url, declared);
    }

    private static UploadExpectations ValidationData(JsonElement data)
    {
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("size", out _))
        {
            throw HttpErrors.ValidationDataFieldUnknown("size");
        }
        var declared = UploadExpectationsParser.ParseValidationData(data);
        return declared.OsHashAlgo is null ? throw HttpErrors.ValidationDataFieldRequired("os_hash_algo")
            : declared.OsHashValue is null ? throw HttpErrors.ValidationDataFieldRequired("os_hash_value")
            : declared;
    }
}

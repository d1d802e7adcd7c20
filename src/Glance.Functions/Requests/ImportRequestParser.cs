using System.Text.Json;
using Glance.Domain.Importing;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>The body of POST /v2/images/{id}/import, parsed with Glance's 400s in Glance's order.</summary>
public static class ImportRequestParser
{
    public static ImportRequest Parse(JsonElement body, IReadOnlyCollection<string> enabledMethods)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.Object)
        {
            throw HttpErrors.ImportMethodMissing();
        }
        if (!method.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw HttpErrors.ImportMethodNameMissing();
        }
        foreach (var flag in new[] { "all_stores", "all_stores_must_succeed" })
        {
            if (body.TryGetProperty(flag, out var value) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw HttpErrors.ImportFlagNotBoolean(flag);
            }
        }
        var name = nameElement.GetString()!;
        if (!enabledMethods.Contains(name))
        {
            throw HttpErrors.UnknownImportMethod(name);
        }
        if (name != ImportRequest.WebDownload)
        {
            return new ImportRequest(name, null);
        }
        if (!method.TryGetProperty("uri", out var uriElement) || uriElement.ValueKind != JsonValueKind.String
            || !System.Uri.TryCreate(uriElement.GetString(), UriKind.Absolute, out var uri))
        {
            throw HttpErrors.WebDownloadUriMissing();
        }
        return new ImportRequest(name, uri)
        {
            // Ours: the facts the downloaded bytes must match, in the shape of Glance's 2.17 locations API.
            Declared = method.TryGetProperty("validation_data", out var declared)
                ? UploadExpectationsParser.ParseValidationData(declared)
                : Glance.Domain.Data.UploadExpectations.None,
        };
    }
}

using System.Text.Json;
using Glance.Domain.Importing;
using Glance.Functions.Http;

namespace Glance.Functions.Requests;

/// <summary>The body of POST /v2/images/{id}/import, parsed with Glance's 400s in Glance's order.</summary>
public static class ImportRequestParser
{
    /// <param name="storeHeader">The request's <c>X-Image-Meta-Store</c>, when sent.</param>
    public static ImportRequest Parse(JsonElement body, IReadOnlyCollection<string> enabledMethods, string? storeHeader = null)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.Object)
        {
            throw HttpErrors.ImportMethodMissing();
        }
        if (!method.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw HttpErrors.ImportMethodNameMissing();
        }
        var name = nameElement.GetString()!;
        if (!enabledMethods.Contains(name))
        {
            throw HttpErrors.UnknownImportMethod(name);
        }
        // After the method, must_succeed first, as Glance's _validate_import_body.
        var mustSucceed = Flag(body, "all_stores_must_succeed", true);
        var allStores = Flag(body, "all_stores", false);
        var request = new ImportRequest(name, null)
        {
            Stores = Stores(body),
            AllStores = allStores,
            AllStoresMustSucceed = mustSucceed,
            StoreHeader = storeHeader,
        };
        if (name != ImportRequest.WebDownload)
        {
            return request;
        }
        if (!method.TryGetProperty("uri", out var uriElement) || uriElement.ValueKind != JsonValueKind.String
            || !System.Uri.TryCreate(uriElement.GetString(), UriKind.Absolute, out var uri))
        {
            throw HttpErrors.WebDownloadUriMissing();
        }
        return request with
        {
            Uri = uri,
            // Ours: the facts the downloaded bytes must match, in the shape of Glance's 2.17 locations API.
            Declared = method.TryGetProperty("validation_data", out var declared)
                ? UploadExpectationsParser.ParseValidationData(declared)
                : Glance.Domain.Data.UploadExpectations.None,
        };
    }

    private static bool Flag(JsonElement body, string name, bool absent) =>
        !body.TryGetProperty(name, out var value) ? absent
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw HttpErrors.ImportFlagNotBoolean(name);

    /// <summary>
    /// <c>stores</c>: a list of store ids. Glance takes anything iterable here (a string becomes its letters, each an
    /// unknown store, and a number a 500); we answer 400 for anything but a list of strings.
    /// </summary>
    private static IReadOnlyList<string>? Stores(JsonElement body)
    {
        if (!body.TryGetProperty("stores", out var stores))
        {
            return null;
        }
        if (stores.ValueKind != JsonValueKind.Array || stores.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
        {
            throw HttpErrors.ImportStoresNotAList();
        }
        return [.. stores.EnumerateArray().Select(s => s.GetString()!)];
    }
}

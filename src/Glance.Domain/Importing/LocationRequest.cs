namespace Glance.Domain.Importing;

/// <summary>
/// POST /v2/images/{id}/locations (Glance 2.17): the URL of the data, and what the client declares of it
/// (<c>validation_data</c>: <c>os_hash_algo</c>, <c>os_hash_value</c>, optionally <c>checksum</c>).
/// </summary>
public sealed record LocationRequest(string Url, Data.UploadExpectations Declared);

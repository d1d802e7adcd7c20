using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Idempotency;
using Glance.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Idempotency;

/// <summary>
/// Idempotency records in their own table: PartitionKey = a hash of the scope (the project), RowKey = a hash of the
/// key (both may hold characters a key cannot), compare-and-set on the row's ETag.
/// </summary>
public sealed class TableIdempotencyStore(TableServiceClient tables, IOptions<StorageOptions> options) : IIdempotencyStore
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.IdempotencyTable);

    public async Task<IdempotencyClaim?> FindAsync(string scope, string key, CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(Partition(scope), Row(key), cancellationToken: cancellationToken);
        return found.HasValue ? new IdempotencyClaim(ToRecord(found.Value!), found.Value!.ETag.ToString()) : null;
    }

    public async Task<IdempotencyClaim?> TryAddAsync(IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(record), cancellationToken);
            return new IdempotencyClaim(record, response.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    public async Task<IdempotencyClaim?> TryReplaceAsync(IdempotencyRecord record, string version, CancellationToken cancellationToken = default)
    {
        if (record.Answer is { Body.Length: > IdempotencyRecord.MaxAnswerBytes })
        {
            throw new ArgumentException($"An answer of more than {IdempotencyRecord.MaxAnswerBytes} bytes cannot be stored.", nameof(record));
        }
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(record), new ETag(version), TableUpdateMode.Replace, cancellationToken);
            return new IdempotencyClaim(record, response.Headers.ETag?.ToString() ?? "");
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string scope, string key, string version, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(Partition(scope), Row(key), new ETag(version), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Taken over by a newer request meanwhile: its record stays.
        }
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"ExpiresAt lt {now}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await _table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
            purged++;
        }
        return purged;
    }

    private static string Partition(string scope) => "s" + Hash(scope)[..32];

    private static string Row(string key) => Hash(key);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static TableEntity ToEntity(IdempotencyRecord record)
    {
        var entity = new TableEntity(Partition(record.Scope), Row(record.Key))
        {
            ["Scope"] = record.Scope,
            ["Key"] = record.Key,
            ["Fingerprint"] = record.Fingerprint,
            ["ClaimedAt"] = record.ClaimedAt,
            ["ExpiresAt"] = record.ExpiresAt,
        };
        if (record.Answer is { } answer)
        {
            entity["Status"] = answer.Status;
            entity["Headers"] = JsonSerializer.Serialize(answer.Headers, IdempotencyJsonContext.Default.IReadOnlyDictionaryStringString);
            entity["Body"] = answer.Body;
        }
        return entity;
    }

    private static IdempotencyRecord ToRecord(TableEntity entity)
    {
        var answer = entity.GetInt32("Status") is { } status
            ? new StoredAnswer(
                status,
                JsonSerializer.Deserialize(entity.GetString("Headers") ?? "{}", IdempotencyJsonContext.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>(),
                entity.GetBinary("Body") ?? [])
            : null;
        return new IdempotencyRecord(
            entity.GetString("Scope"), entity.GetString("Key"), entity.GetString("Fingerprint"),
            entity.GetDateTimeOffset("ClaimedAt") ?? DateTimeOffset.MinValue, entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, answer);
    }
}

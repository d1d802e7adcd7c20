using Azure.Data.Tables;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Storage;
using Glance.Storage.Tables;

namespace Glance.Benchmarks;

/// <summary>
/// Writes a catalogue of images the way the service stores them (image partition: image row, member rows, a synced
/// listing marker; listing copies in every scope), in batches, because creating 100k images one request at a time
/// would take most of an hour on two cores. The copies come from the same code a sync uses.
/// </summary>
internal sealed class CatalogueSeeder(TableServiceClient tables, StorageOptions options, int projects)
{
    private readonly TableClient _images = tables.GetTableClient(options.ImagesTable);
    private readonly TableClient _index = tables.GetTableClient(options.ImageIndexTable);
    private readonly DateTimeOffset _epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Project(int n) => $"project-{n:D3}";

    /// <summary>The name image number <paramref name="i"/> gets: names repeat every 1000 images.</summary>
    public static string Name(int i) => $"img-{i % 1000:D3}";

    /// <summary>
    /// Images <paramref name="from"/> to <paramref name="to"/> (exclusive): owners round-robin over the projects;
    /// 30% public, 20% shared (one member accepted, one pending), 10% community, 30% private, 10% private and hidden.
    /// </summary>
    public async Task SeedAsync(int from, int to, CancellationToken cancellationToken)
    {
        var copies = new List<TableEntity>();
        var partitionRows = new List<TableEntity>();
        for (var i = from; i < to; i++)
        {
            var (image, members) = Build(i);
            var rows = ImageTableRows.Of(image, members);
            partitionRows.AddRange(rows.Partition);
            copies.AddRange(rows.ListingCopies);
        }
        // One request per row: Azurite parses a one-partition batch more slowly than its rows sent one by one.
        await Parallel.ForEachAsync(partitionRows, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (row, ct) => await _images.UpsertEntityAsync(row, TableUpdateMode.Replace, ct));
        var batches = copies.GroupBy(c => c.PartitionKey).SelectMany(g => g.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (batch, ct) => await _index.SubmitTransactionAsync(batch.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, c)), ct));
    }

    private (Image Image, IReadOnlyList<ImageMember> Members) Build(int i)
    {
        var owner = i % projects;
        var created = _epoch.AddSeconds(i);
        var image = new Image($"00000000-0000-4000-8000-{i:D12}", created)
        {
            Owner = Project(owner),
            Name = Name(i),
            DiskFormat = i % 3 == 0 ? "raw" : "qcow2",
            ContainerFormat = "bare",
            MinDisk = i % 40,
            Visibility = (i / projects % 10) switch
            {
                0 or 1 or 2 => ImageVisibility.Public,
                3 or 4 => ImageVisibility.Shared,
                5 => ImageVisibility.Community,
                _ => ImageVisibility.Private,
            },
            OsHidden = i / projects % 10 == 9,
        };
        image.AddTag("bench");
        image.SetProperty("hw_architecture", i % 2 == 0 ? "x86_64" : "aarch64");
        IReadOnlyList<ImageMember> members = image.Visibility == ImageVisibility.Shared
            ? [new(image.Id, Project((owner + 1) % projects), ImageMember.Accepted, created, created),
               new(image.Id, Project((owner + 2) % projects), ImageMember.Pending, created, created)]
            : [];
        return (image, members);
    }
}

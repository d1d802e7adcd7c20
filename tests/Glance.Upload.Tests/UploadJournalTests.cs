namespace Glance.Upload.Tests;

public sealed class UploadJournalTests : IDisposable
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9292");
    private readonly string _folder = Directory.CreateTempSubdirectory("glance-upload-journal-").FullName;
    private readonly FileInfo _file;

    public UploadJournalTests()
    {
        _file = new FileInfo(Path.Combine(_folder, "image.bin"));
        File.WriteAllBytes(_file.FullName, new byte[100]);
    }

    [Fact]
    public void Find_AfterStagedBlocks_HasThoseBlocksAndTheImage()
    {
        var journal = UploadJournal.Start(_folder, Endpoint, _file, "image-1", 10);
        foreach (var block in new[] { 0, 1, 2, 5, 7, 8, 9 })
        {
            journal.MarkStaged(block);
        }

        var found = UploadJournal.Find(_folder, Endpoint, new FileInfo(_file.FullName));

        Assert.NotNull(found);
        Assert.Equal("image-1", found.ImageId);
        Assert.Equal(10, found.BlockSize);
        Assert.Equal(new[] { 0, 1, 2, 5, 7, 8, 9 }, Enumerable.Range(0, 10).Where(found.IsStaged));
        Assert.False(found.Committed);
    }

    [Fact]
    public void Find_FileChangedSince_IsNull()
    {
        UploadJournal.Start(_folder, Endpoint, _file, "image-1", 10).MarkStaged(0);
        File.AppendAllText(_file.FullName, "more");

        Assert.Null(UploadJournal.Find(_folder, Endpoint, new FileInfo(_file.FullName)));
    }

    [Fact]
    public void Find_OtherEndpoint_IsNull()
    {
        UploadJournal.Start(_folder, Endpoint, _file, "image-1", 10);

        Assert.Null(UploadJournal.Find(_folder, new Uri("http://other:9292"), _file));
    }

    [Fact]
    public void Find_CorruptJournal_IsNull()
    {
        var journal = UploadJournal.Start(_folder, Endpoint, _file, "image-1", 10);
        File.WriteAllText(journal.Path, "{\"Staged\": \"not-a-range\"");

        Assert.Null(UploadJournal.Find(_folder, Endpoint, _file));
    }

    [Fact]
    public void MarkCommitted_ThenFind_IsCommitted()
    {
        UploadJournal.Start(_folder, Endpoint, _file, "image-1", 10).MarkCommitted();

        Assert.True(UploadJournal.Find(_folder, Endpoint, _file)!.Committed);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

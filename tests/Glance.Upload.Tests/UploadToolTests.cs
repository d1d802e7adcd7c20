using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;

namespace Glance.Upload.Tests;

/// <summary>glance-upload against the local host and Azurite, run as its own process.</summary>
[Collection(UploadServiceCollection.Name)]
public sealed partial class UploadToolTests(UploadService service)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Upload_FileOfSeveralBlocks_ImageActiveWithTheFilesHashes()
    {
        var file = await service.CreateFileAsync("several-blocks.bin", 5 * MiB + 123);

        using var tool = service.StartTool("--name", "several-blocks", "--disk-format", "raw", "--project", "p-upload",
            "--property", "os_distro=debian", "--block-size-mib", "1", "--state-dir", StateDir(), file);

        Assert.Equal(0, await tool.WaitAsync());
        Assert.Contains("Uploaded 6 blocks, skipped 0", tool.Output);
        var image = await service.ShowAsync(CreatedImage(tool.Output));
        await AssertActiveWithHashesOfAsync(image, file);
        Assert.Equal("p-upload", image.GetProperty("owner").GetString());
        Assert.Equal("debian", image.GetProperty("os_distro").GetString());
        Assert.Contains(image.GetProperty("os_hash_value").GetString()!, tool.Output);
    }

    [Fact]
    public async Task Upload_OnATerminal_RedrawsOneProgressBarInPlace()
    {
        var file = await service.CreateFileAsync("terminal.bin", 16 * MiB);

        using var tool = ToolProcess.StartOnTerminal(service.BaseUrl,
            ["--name", "terminal", "--disk-format", "raw", "--block-size-mib", "1", "--max-parallel", "1", "--state-dir", StateDir(), file]);

        Assert.Equal(0, await tool.WaitAsync());
        Assert.Matches(@"\r\[#+-*\] +\d+\.\d%  [\d.]+/16\.0 MiB +[\d.]+ MB/s  ETA \d\d:\d\d", tool.Output);
        Assert.Contains("\r[##############################] 100.0%  16.0/16.0 MiB", tool.Output);
        Assert.DoesNotContain("uploaded ", tool.Output); // The plain lines are for logs only.
    }

    [Fact]
    public async Task Upload_NotATerminal_PrintsPlainProgressLines()
    {
        var file = await service.CreateFileAsync("plain.bin", 1000);

        using var tool = service.StartTool("--name", "plain", "--disk-format", "raw", "--state-dir", StateDir(), file);

        Assert.Equal(0, await tool.WaitAsync());
        Assert.Contains("uploaded 100.0%  0.0/0.0 MiB", tool.Output);
        Assert.DoesNotContain("\r", tool.Output);
    }

    [Fact]
    public async Task Upload_KilledMidUploadThenRunAgain_UploadsOnlyTheMissingBlocks()
    {
        var file = await service.CreateFileAsync("killed.bin", 64 * MiB);
        string[] arguments = ["--name", "killed", "--disk-format", "raw", "--block-size-mib", "1", "--max-parallel", "1", "--state-dir", StateDir(), file];
        string imageId;
        int stagedBeforeRerun;
        using (var first = service.StartTool(arguments))
        {
            imageId = await WaitForCreatedImageAsync(first);
            await WaitForUncommittedBlocksAsync(imageId, atLeast: 4);
            first.Kill();
            await first.WaitAsync();
            stagedBeforeRerun = await UncommittedBlocksAsync(imageId);
        }

        using var second = service.StartTool(arguments);

        Assert.Equal(0, await second.WaitAsync());
        var skipped = SkippedBlocks(second.Output);
        // A kill between Put Block and the journal's save loses that one block from the journal, never more.
        Assert.InRange(skipped, stagedBeforeRerun - 1, stagedBeforeRerun);
        Assert.InRange(skipped, 4, 63);
        Assert.Contains($"Resuming the upload of killed.bin to image {imageId}", second.Output);
        Assert.Contains($"Uploaded {64 - skipped} blocks, skipped {skipped}", second.Output);
        await AssertActiveWithHashesOfAsync(await service.ShowAsync(imageId), file);
    }

    [Fact]
    public async Task Upload_InterruptedWithCtrlC_ExitsCleanlyAndTheNextRunSkipsEveryStagedBlock()
    {
        var file = await service.CreateFileAsync("interrupted.bin", 64 * MiB);
        string[] arguments = ["--name", "interrupted", "--disk-format", "raw", "--block-size-mib", "1", "--max-parallel", "1", "--state-dir", StateDir(), file];
        string imageId;
        int staged;
        using (var first = service.StartTool(arguments))
        {
            imageId = await WaitForCreatedImageAsync(first);
            await WaitForUncommittedBlocksAsync(imageId, atLeast: 4);
            first.Interrupt();

            Assert.Equal(130, await first.WaitAsync());
            var interrupted = InterruptedLine().Match(first.Output);
            Assert.True(interrupted.Success, first.Output);
            staged = int.Parse(interrupted.Groups[1].Value);
            // A block whose request was all sent when Ctrl-C cancelled it may still be staged: then storage has one more.
            Assert.InRange(await UncommittedBlocksAsync(imageId), staged, staged + 1);
        }
        Assert.Equal("uploading", (await service.ShowAsync(imageId)).GetProperty("status").GetString());

        using var second = service.StartTool(arguments);

        Assert.Equal(0, await second.WaitAsync());
        Assert.Equal(staged, SkippedBlocks(second.Output));
        Assert.Contains($"Uploaded {64 - staged} blocks, skipped {staged}", second.Output);
        await AssertActiveWithHashesOfAsync(await service.ShowAsync(imageId), file);
    }

    [Fact]
    public async Task Upload_UrlExpiresDuringTheUpload_RenewsItAndFinishes()
    {
        // 128 one-MiB blocks through the short-URL host's slow proxy take longer than its URLs live.
        var file = await service.CreateFileAsync("short-url.bin", 128 * MiB);

        using var tool = ToolProcess.Start(service.ShortUrlBaseUrl,
            ["--name", "short-url", "--disk-format", "raw", "--block-size-mib", "1", "--max-parallel", "1", "--state-dir", StateDir(), file]);

        Assert.Equal(0, await tool.WaitAsync());
        Assert.Matches(@"The upload URL expired during the upload and was renewed \d+ time\(s\)", tool.Output);
        await AssertActiveWithHashesOfAsync(await service.ShowAsync(CreatedImage(tool.Output)), file);
    }

    [Fact]
    public async Task Upload_DeclaredFormatDoesNotMatchTheBytes_ExitsOneWithTheTasksReason()
    {
        var file = await service.CreateFileAsync("not-qcow2.bin", 2 * MiB);

        using var tool = service.StartTool("--name", "not-qcow2", "--disk-format", "qcow2", "--state-dir", StateDir(), file);

        Assert.Equal(1, await tool.WaitAsync());
        Assert.Contains("was not accepted (it is queued again): Image content is not acceptable", tool.Output);
        Assert.Contains("does not match the content", tool.Output);
        Assert.Equal("queued", (await service.ShowAsync(CreatedImage(tool.Output))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Upload_ToAnActiveImage_ExitsThreeSayingWhy()
    {
        var file = await service.CreateFileAsync("twice.bin", 1000);
        using var first = service.StartTool("--name", "twice", "--disk-format", "raw", "--state-dir", StateDir(), file);
        Assert.Equal(0, await first.WaitAsync());
        var imageId = CreatedImage(first.Output);

        using var second = service.StartTool("--image", imageId, "--state-dir", StateDir(), file);

        Assert.Equal(3, await second.WaitAsync());
        Assert.Contains($"image {imageId} is active: the service takes data only for a queued image", second.Output);
    }

    [Fact]
    public async Task Upload_ImageStagedForGlanceDirect_ExitsThreeWithTheServicesRefusal()
    {
        var file = await service.CreateFileAsync("staged.bin", 1000);
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        var created = await http.PostAsync("/v2/images", new StringContent("""{"disk_format": "raw", "container_format": "bare"}""", null, "application/json"));
        var imageId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        var stage = new ByteArrayContent([1, 2, 3]);
        stage.Headers.ContentType = new("application/octet-stream");
        Assert.True((await http.PutAsync($"/v2/images/{imageId}/stage", stage)).IsSuccessStatusCode);

        using var tool = service.StartTool("--image", imageId, "--state-dir", StateDir(), file);

        Assert.Equal(3, await tool.WaitAsync());
        Assert.Contains($"the service will not take data for image {imageId} now. The service refused asking for an upload URL", tool.Output);
        Assert.Contains(": 409 ", tool.Output);
    }

    [Fact]
    public async Task Upload_ImageThatDoesNotExist_ExitsThree()
    {
        var file = await service.CreateFileAsync("no-image.bin", 1000);

        using var tool = service.StartTool("--image", Guid.NewGuid().ToString(), "--state-dir", StateDir(), file);

        Assert.Equal(3, await tool.WaitAsync());
        Assert.Contains("was not found", tool.Output);
    }

    [Fact]
    public async Task Upload_ServiceUnreachable_ExitsThree()
    {
        var file = await service.CreateFileAsync("unreachable.bin", 1000);

        using var tool = service.StartTool("--endpoint", $"http://127.0.0.1:{LocalServers.FreePort.Next()}", "--image", "i", "--state-dir", StateDir(), file);

        Assert.Equal(3, await tool.WaitAsync());
        Assert.Contains("cannot reach the service", tool.Output);
    }

    [Theory]
    [InlineData]
    [InlineData("--name", "n")]
    [InlineData("--name", "n", "--image", "i", "FILE")]
    [InlineData("--image", "i", "--disk-format", "raw", "FILE")]
    [InlineData("--name", "n", "--disk-format", "raw", "--block-size-mib", "0", "FILE")]
    [InlineData("--name", "n", "--disk-format", "raw", "--max-parallel", "x", "FILE")]
    [InlineData("--name", "n", "--disk-format", "raw", "--property", "novalue", "FILE")]
    [InlineData("--name", "n", "--disk-format", "raw", "--unknown", "FILE")]
    [InlineData("--name", "n", "--disk-format", "raw", "/nonexistent/file")]
    [InlineData("--name", "n", "--disk-format", "raw", "--endpoint", "ftp://host", "FILE")]
    public async Task Run_UsageError_ExitsTwo(params string[] arguments)
    {
        var file = await service.CreateFileAsync($"usage-{Guid.NewGuid():N}.bin", 10);

        using var tool = service.StartTool(arguments.Select(a => a == "FILE" ? file : a).ToArray());

        Assert.Equal(2, await tool.WaitAsync());
        Assert.Contains("glance-upload --help", tool.Output);
    }

    private string StateDir() => service.Work.Child("state-" + Guid.NewGuid().ToString("N"));

    private async Task<string> WaitForCreatedImageAsync(ToolProcess tool)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            if (CreatedLine().Match(tool.Output) is { Success: true } created)
            {
                return created.Groups[1].Value;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The tool created no image within 30 s: " + tool.Output);
    }

    private async Task WaitForUncommittedBlocksAsync(string imageId, int atLeast)
    {
        for (var waited = 0; waited < 1200; waited++)
        {
            if (await UncommittedBlocksAsync(imageId) >= atLeast)
            {
                return;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException($"Image {imageId}'s blob has fewer than {atLeast} staged blocks after 30 s.");
    }

    private async Task<int> UncommittedBlocksAsync(string imageId)
    {
        try
        {
            var list = await service.UploadBlob(imageId).GetBlockListAsync(BlockListTypes.Uncommitted);
            return list.Value.UncommittedBlocks.Count();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    private static async Task AssertActiveWithHashesOfAsync(System.Text.Json.JsonElement image, string file)
    {
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal("active", image.GetProperty("status").GetString());
        Assert.Equal(bytes.Length, image.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(bytes)), image.GetProperty("checksum").GetString());
        Assert.Equal("sha512", image.GetProperty("os_hash_algo").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(bytes)), image.GetProperty("os_hash_value").GetString());
    }

    private static string CreatedImage(string output) =>
        CreatedLine().Match(output) is { Success: true } created ? created.Groups[1].Value : throw new InvalidOperationException("No image created: " + output);

    private static int SkippedBlocks(string output) =>
        SkippedLine().Match(output) is { Success: true } skipped ? int.Parse(skipped.Groups[1].Value) : throw new InvalidOperationException("Nothing skipped: " + output);

    [GeneratedRegex(@"Created image ([0-9a-f-]{36})")]
    private static partial Regex CreatedLine();

    [GeneratedRegex(@"(\d+) of \d+ blocks were staged by an earlier run: skipping them")]
    private static partial Regex SkippedLine();

    [GeneratedRegex(@"Interrupted: (\d+) of \d+ blocks are staged")]
    private static partial Regex InterruptedLine();
}

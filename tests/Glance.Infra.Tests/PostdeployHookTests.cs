using System.Diagnostics;
using System.Text.RegularExpressions;
using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

public sealed partial class PostdeployHookTests
{
    private const string ValidationFunction = "ValidateUploadedImage";

    private static string ShellScript => RepositoryPaths.Combine("infra", "hooks", "postdeploy.sh");

    private static string PowerShellScript => RepositoryPaths.Combine("infra", "hooks", "postdeploy.ps1");

    public static TheoryData<string> Scripts => new() { "postdeploy.sh", "postdeploy.ps1" };

    [Fact]
    public void ShellScript_ParsesWithSh()
    {
        var startInfo = new ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        startInfo.ArgumentList.Add("-n");
        startInfo.ArgumentList.Add(ShellScript);

        using var process = Process.Start(startInfo)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void ShellScript_IsExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("These tests run on Linux: the bicep package they use is linux-x64.");
        }

        Assert.True(File.GetUnixFileMode(ShellScript).HasFlag(UnixFileMode.UserExecute), $"chmod +x {ShellScript}");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_SubscribesTheBlobWebhookOfTheValidationFunction_ToBlobCreatedInTheUploadContainer(string script)
    {
        var text = File.ReadAllText(RepositoryPaths.Combine("infra", "hooks", script));

        Assert.Contains($"'{ValidationFunction}'", text.Replace('"', '\''), StringComparison.Ordinal);
        Assert.Contains(".azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.", text, StringComparison.Ordinal);
        Assert.Contains("systemKeys.blobs_extension", text, StringComparison.Ordinal);
        Assert.Contains("az functionapp keys list", text, StringComparison.Ordinal);
        Assert.Contains("az eventgrid system-topic event-subscription create", text, StringComparison.Ordinal);
        Assert.Contains("--endpoint-type webhook", text, StringComparison.Ordinal);
        Assert.Contains("--included-event-types Microsoft.Storage.BlobCreated", text, StringComparison.Ordinal);
        Assert.Contains("/blobServices/default/containers/", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_ReadOnlyEnvironmentValuesThatMainBicepOutputs()
    {
        var outputs = CompiledInfra.Main.Root.GetProperty("outputs").EnumerateObject().Select(output => output.Name).ToHashSet(StringComparer.Ordinal);
        var shellNames = ShellVariable().Matches(File.ReadAllText(ShellScript)).Select(match => match.Groups["name"].Value);
        var powerShellNames = PowerShellEnvironmentVariable().Matches(File.ReadAllText(PowerShellScript)).Select(match => match.Groups["name"].Value)
            .Where(name => name != "OS"); // the platform's own, to detect Windows

        var read = shellNames.Concat(powerShellNames).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("AZURE_FUNCTION_APP_NAME", read);
        Assert.Contains("STORAGE_SYSTEM_TOPIC_NAME", read);
        Assert.Empty(read.Except(outputs));
    }

    [GeneratedRegex(@"\$\{?(?<name>[A-Z][A-Z0-9_]+)")]
    private static partial Regex ShellVariable();

    [GeneratedRegex(@"\$env:(?<name>[A-Za-z][A-Za-z0-9_]+)")]
    private static partial Regex PowerShellEnvironmentVariable();
}

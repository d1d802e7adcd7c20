using System.Diagnostics;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>Real disk images made by Debian's qemu-img, including the malicious variants Glance must refuse.</summary>
public static class DiskImages
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("glance-disk-images-").FullName;
    private static readonly Lazy<byte[]> Qcow2Lazy = new(() => Make("plain.qcow2", "create", "-f", "qcow2", "{0}", "64M"));

    public static byte[] Qcow2 => Qcow2Lazy.Value;

    public static byte[] Qcow2WithBackingFile() =>
        Make("backed.qcow2", "create", "-f", "qcow2", "-b", "/etc/passwd", "-F", "raw", "{0}", "64M");

    public static byte[] Qcow2WithExternalDataFile() =>
        Make("datafile.qcow2", "create", "-f", "qcow2", "-o", $"data_file={Path.Combine(Folder, "external.raw")}", "{0}", "16M");

    /// <summary>A VMDK descriptor whose extent is a host file: CVE-2022-47951's attack.</summary>
    public static byte[] VmdkDescriptorNamingHostFile() => System.Text.Encoding.ASCII.GetBytes(
        "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n" +
        "# Extent description\nRW 2048 FLAT \"/etc/passwd\" 0\n\n# The Disk Data Base\nddb.virtualHWVersion = \"4\"\n");

    private static byte[] Make(string name, params string[] arguments)
    {
        var path = Path.Combine(Folder, name);
        var start = new ProcessStartInfo("qemu-img") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(string.Format(argument, path));
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("qemu-img is not installed: install Debian's qemu-utils (scripts/test.sh does).", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"qemu-img {string.Join(' ', arguments)} failed: {error}");
            }
        }
        return File.ReadAllBytes(path);
    }
}

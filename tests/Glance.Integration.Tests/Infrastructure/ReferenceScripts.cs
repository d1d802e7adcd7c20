using System.Diagnostics;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The scripts that set up, start and stop a reference OpenStack service from Debian's packages (setup.sh, start.sh
/// and stop.sh in tests/reference/&lt;name&gt; of this repository, or where an environment variable says), and the
/// temporary folder they keep that service's state in, removed when this is disposed.
/// </summary>
internal sealed class ReferenceScripts : IDisposable
{
    private readonly string _name;
    private readonly string _folder;
    private readonly Dictionary<string, string> _environment;

    private ReferenceScripts(string name, string folder, string stateVariable, IReadOnlyDictionary<string, string> environment)
    {
        _name = name;
        _folder = folder;
        State = Directory.CreateTempSubdirectory(name + "-").FullName;
        _environment = new Dictionary<string, string>(environment) { [stateVariable] = State };
    }

    /// <summary>Where the scripts keep the service's configuration, data and logs.</summary>
    public string State { get; }

    /// <summary>
    /// The scripts in tests/reference/<paramref name="name"/> or in the folder <paramref name="folderVariable"/> names, which
    /// are told the state folder in <paramref name="stateVariable"/> and get <paramref name="environment"/> too.
    /// Fails when start.sh is not there.
    /// </summary>
    public static ReferenceScripts Find(string name, string folderVariable, string stateVariable, IReadOnlyDictionary<string, string> environment)
    {
        var folder = Environment.GetEnvironmentVariable(folderVariable)
            ?? Path.Combine(RepositoryRoot.Path, "tests", "reference", name);
        if (!File.Exists(Path.Combine(folder, "start.sh")))
        {
            throw new InvalidOperationException($"The {name} scripts are not at {folder}; set {folderVariable}.");
        }
        return new ReferenceScripts(name, folder, stateVariable, environment);
    }

    /// <summary>Runs <paramref name="script"/> with bash, <paramref name="environment"/> added to the scripts' own.</summary>
    public async Task RunAsync(string script, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(_folder, script) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment.Select(e => (e.Key, e.Value)).Concat(environment))
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{_name} {script} failed ({process.ExitCode}):\n{await output}\n{await error}\n(logs in {State}/log)");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(State, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

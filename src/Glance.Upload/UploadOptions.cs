using System.Globalization;

namespace Glance.Upload;

/// <summary>What the command line asked for, validated in one place; <see cref="Usage"/> documents it.</summary>
internal sealed class UploadOptions
{
    public const string Usage = """
        usage: glance-upload [options] FILE

        Uploads FILE as an image's data through an upload URL (straight to Blob Storage, in parallel blocks), waits
        for the service to validate it and prints the result. Run the same command again after an interruption to
        upload only the blocks still missing.

        service:
          --endpoint URL          Images API endpoint (default: $OS_IMAGE_URL, else http://127.0.0.1:9292)
          --token TOKEN           sent as X-Auth-Token (default: $OS_AUTH_TOKEN)
          --project ID            noauth/trusted modes: act in this project (X-Project-Id, X-Identity-Status)
          --roles R1,R2           with --project: the roles to send (default member,reader)
        image (one of):
          --image ID              upload to this existing image (queued, or uploading when resuming)
          --name NAME             create an image; with it:
            --disk-format F       required (raw, qcow2, vmdk, vhd, vhdx, iso, ...)
            --container-format F  default bare
            --visibility V        private, shared, community or public
            --property KEY=VALUE  an extra property; repeat for more
        transfer:
          --block-size-mib N      size of each block (default 8)
          --max-parallel N        blocks in flight (default 4)
          --state-dir DIR         where resume journals are kept (default: the user's local data folder)
          --wait-minutes N        how long to wait for validation (default 60)
          -h, --help              this text

        exit codes: 0 active, 1 the service refused the data (validation failed), 2 usage, 3 service or network
        error, 130 interrupted (staged blocks are kept for the next run).
        """;

    public const string DefaultEndpoint = "http://127.0.0.1:9292";
    public const int MaxBlocks = 50_000;
    private const int MiB = 1024 * 1024;
    // Each block in flight is held in memory, so far below Azure's own 4000 MiB limit; 50,000 blocks is Azure's.
    private const int MaxBlockSizeMiB = 256;

    public required string FilePath { get; init; }
    public required Uri Endpoint { get; init; }
    public string? Token { get; private init; }
    public string? Project { get; private init; }
    public string Roles { get; private init; } = "member,reader";
    public string? ImageId { get; private init; }
    public string? Name { get; private init; }
    public string? DiskFormat { get; private init; }
    public string ContainerFormat { get; private init; } = "bare";
    public string? Visibility { get; private init; }
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; private init; } = [];
    public int BlockSize { get; private init; } = 8 * MiB;
    public int MaxParallel { get; private init; } = 4;
    public required string StateDirectory { get; init; }
    public TimeSpan WaitTimeout { get; private init; } = TimeSpan.FromMinutes(60);

    /// <summary>
    /// Parses the arguments; <paramref name="environment"/> gives OS_IMAGE_URL and OS_AUTH_TOKEN, as the OpenStack
    /// clients read them. Throws <see cref="UsageException"/> with a message for the user.
    /// </summary>
    public static UploadOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        string? file = null, endpoint = null, token = null, project = null, roles = null, image = null, name = null;
        string? diskFormat = null, containerFormat = null, visibility = null, stateDir = null;
        int blockSizeMiB = 8, maxParallel = 4, waitMinutes = 60;
        var properties = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new UsageException($"{arg} needs a value.");
            int Positive(int max) => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max
                ? n
                : throw new UsageException($"{arg} takes a whole number from 1 to {max}.");
            switch (arg)
            {
                case "--endpoint": endpoint = Value(); break;
                case "--token": token = Value(); break;
                case "--project": project = Value(); break;
                case "--roles": roles = Value(); break;
                case "--image": image = Value(); break;
                case "--name": name = Value(); break;
                case "--disk-format": diskFormat = Value(); break;
                case "--container-format": containerFormat = Value(); break;
                case "--visibility": visibility = Value(); break;
                case "--property": properties.Add(Property(Value())); break;
                case "--block-size-mib": blockSizeMiB = Positive(MaxBlockSizeMiB); break;
                case "--max-parallel": maxParallel = Positive(64); break;
                case "--state-dir": stateDir = Value(); break;
                case "--wait-minutes": waitMinutes = Positive(7 * 24 * 60); break;
                case var option when option.StartsWith('-') && option.Length > 1:
                    throw new UsageException($"Unknown option {option}.");
                default:
                    file = file is null ? arg : throw new UsageException($"Only one FILE may be given ('{file}', then '{arg}').");
                    break;
            }
        }
        if (file is null)
        {
            throw new UsageException("FILE is missing.");
        }
        if (!File.Exists(file))
        {
            throw new UsageException($"{file} is not a file.");
        }
        if ((image is null) == (name is null))
        {
            throw new UsageException("Give either --image ID (an existing image) or --name NAME (a new one).");
        }
        if (image is not null && ((diskFormat ?? containerFormat ?? visibility) is not null || properties.Count > 0))
        {
            throw new UsageException("--disk-format, --container-format, --visibility and --property describe a new image: use them with --name.");
        }
        if (name is not null && diskFormat is null)
        {
            throw new UsageException("--disk-format is required with --name (the service validates the bytes against it).");
        }
        if (roles is not null && project is null)
        {
            throw new UsageException("--roles goes with --project.");
        }
        endpoint ??= environment("OS_IMAGE_URL") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultEndpoint;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri) || endpointUri.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--endpoint must be an http or https URL, not '{endpoint}'.");
        }
        var blockSize = blockSizeMiB * MiB;
        if ((new FileInfo(file).Length + blockSize - 1) / blockSize > MaxBlocks)
        {
            throw new UsageException($"{file} would take more than {MaxBlocks} blocks of {blockSizeMiB} MiB: use a larger --block-size-mib.");
        }
        return new UploadOptions
        {
            FilePath = Path.GetFullPath(file),
            Endpoint = endpointUri,
            Token = token ?? (environment("OS_AUTH_TOKEN") is { Length: > 0 } envToken ? envToken : null),
            Project = project,
            Roles = roles ?? "member,reader",
            ImageId = image,
            Name = name,
            DiskFormat = diskFormat,
            ContainerFormat = containerFormat ?? "bare",
            Visibility = visibility,
            Properties = properties,
            BlockSize = blockSize,
            MaxParallel = maxParallel,
            StateDirectory = stateDir ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "glance-upload"),
            WaitTimeout = TimeSpan.FromMinutes(waitMinutes),
        };
    }

    private static KeyValuePair<string, string> Property(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? new(text[..equals], text[(equals + 1)..])
            : throw new UsageException($"--property takes KEY=VALUE, not '{text}'.");
    }
}

namespace Glance.Upload;

/// <summary>The command's exit codes, as documented in its usage and docs/upload-tool.md.</summary>
internal static class ExitCodes
{
    public const int Active = 0;
    public const int Refused = 1;
    public const int Usage = 2;
    public const int ServiceError = 3;
    // 128 + SIGINT, what shells report for a command stopped with Ctrl-C.
    public const int Interrupted = 130;
}

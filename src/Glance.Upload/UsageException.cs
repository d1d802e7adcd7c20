namespace Glance.Upload;

/// <summary>The command line is wrong: the message is for the user, followed by the usage (exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);

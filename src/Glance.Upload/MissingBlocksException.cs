namespace Glance.Upload;

/// <summary>Put Block List named a block storage does not have: staged blocks expire after a week, or were discarded.</summary>
internal sealed class MissingBlocksException() : Exception("Storage no longer has every block an earlier run staged.");

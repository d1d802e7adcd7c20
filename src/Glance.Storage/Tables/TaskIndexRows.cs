namespace Glance.Storage.Tables;

/// <summary>
/// The tasks API's index, in the imagetasks table under a partition no image id can have (ids are canonical UUIDs):
/// <c>id_{task id}</c> points at the task's row, <c>c_{task row key}</c> is a copy of the task, so the list of every
/// task is one range read, newest first. One partition: both rows of a task change in one transaction.
/// </summary>
internal static class TaskIndexRows
{
    public const string Partition = "~tasks";
    public const string CopyPrefix = "c_";
    public const string CopyEnd = "c`";
    public const string TaskRowKey = "TaskRowKey";

    public static string ById(string taskId) => "id_" + taskId;

    public static string Copy(string taskRowKey) => CopyPrefix + taskRowKey;
}

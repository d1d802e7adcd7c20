namespace Glance.Storage.Tables;

/// <summary>Table keys may not contain '/', '\\', '#', '?' or control characters; an id with them cannot exist.</summary>
internal static class TableKeys
{
    public static bool IsValid(string key) =>
        key.Length is > 0 and <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}

namespace Glance.Functions.Requests;

/// <summary>
/// A list's <c>limit</c> as Glance's deserializers read it: Python's <c>int()</c>, then refused when negative. Each
/// list then applies its own default, maximum and view of zero.
/// </summary>
public static class QueryLimit
{
    public static long Parse(string text)
    {
        if (!PythonInt.TryParse(text, out var limit))
        {
            throw Http.HttpErrors.LimitNotInteger();
        }
        return limit >= 0 ? limit : throw Http.HttpErrors.LimitNegative();
    }
}

namespace Glance.FunctionsHost.Tests.Routing;

/// <summary>
/// One HTTP route as the Functions host registers it: the function's name, its route template (with the host.json
/// route prefix, inline constraints included) and its verbs (null: every verb, as an httpTrigger without methods).
/// </summary>
public sealed record HostRoute(string FunctionName, string Template, IReadOnlyList<string>? Methods);

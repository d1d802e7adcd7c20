namespace Glance.Domain.Quotas;

/// <summary>One line of GET /v2/info/usage: a resource, the project's limit (-1: unlimited) and its usage.</summary>
public sealed record QuotaUsage(string Resource, long Limit, long Usage);

namespace Glance.Domain.Tasks;

/// <summary>A page of the task list; <paramref name="IsFull"/> when it holds as many tasks as asked for (Glance then links a next page).</summary>
public sealed record TaskPage(IReadOnlyList<ImageTask> Tasks, bool IsFull);

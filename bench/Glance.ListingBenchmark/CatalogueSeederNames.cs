namespace Glance.Benchmarks;

/// <summary>Who lists and what it filters on: a project among the hundred, and a name every catalogue size has as public images.</summary>
internal static class CatalogueSeederNames
{
    public static readonly string Member = CatalogueSeeder.Project(7);

    /// <summary>Images 42, 1042, 2042 ... are in the first tenth of their owner's round: public (see CatalogueSeeder).</summary>
    public static readonly string PublicName = CatalogueSeeder.Name(42);
}

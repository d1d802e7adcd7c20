using System.Globalization;

namespace Glance.Benchmarks.Support;

/// <summary>
/// Reads a benchmark's <c>--name value</c> arguments, each with the handler the benchmark gives for its name, and
/// their values, throwing <see cref="ArgumentException"/> with the same wording in every benchmark
/// (<see cref="BenchMain"/> prints it with the usage and exits with 2).
/// </summary>
public sealed class OptionReader
{
    private readonly IReadOnlyList<string> _args;
    private int _index = -1;

    private OptionReader(IReadOnlyList<string> args) => _args = args;

    /// <summary>The option being read, e.g. <c>--reps</c>; it stays the name while its value is read.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Reads every option in <paramref name="args"/> with its handler; a name without one is an error.</summary>
    public static void Read(IReadOnlyList<string> args, Dictionary<string, Action<OptionReader>> handlers)
    {
        var reader = new OptionReader(args);
        while (++reader._index < args.Count)
        {
            reader.Name = args[reader._index];
            if (!handlers.TryGetValue(reader.Name, out var handle))
            {
                throw new ArgumentException($"Unknown argument '{reader.Name}'.");
            }
            handle(reader);
        }
    }

    /// <summary>The value that follows the current option (it is consumed).</summary>
    public string Value() => _index + 1 < _args.Count ? _args[++_index] : throw new ArgumentException($"{Name} needs a value.");

    public int PositiveInteger() => PositiveInteger(Value());

    /// <summary>One positive integer of the current option's value (for values that hold several, e.g. <c>512,2048</c>).</summary>
    public int PositiveInteger(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{Name} must be a positive integer, not '{value}'.");

    /// <summary>A positive number, fractions allowed (e.g. <c>--minutes 0.5</c>).</summary>
    public double PositiveNumber()
    {
        var value = Value();
        return double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{Name} must be a positive number, not '{value}'.");
    }

    /// <summary>Any integer, signed (e.g. a random seed).</summary>
    public int Integer() =>
        int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ArgumentException($"{Name} must be an integer.");
}

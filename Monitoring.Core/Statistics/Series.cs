using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Core.Statistics;

/// <summary>One value of a series at a period, with the counts behind it where known.</summary>
public sealed record SeriesPoint(Period Period, double Value, double? Numerator, double? Denominator)
{
    public double T => Period.Position;

    /// <summary>A survey share's Wilson 95 % interval in percent (lower bound); null for other figures.</summary>
    public double? Lower { get; init; }

    /// <summary>A survey share's Wilson 95 % interval in percent (upper bound); null for other figures.</summary>
    public double? Upper { get; init; }
}

/// <summary>
/// The observations of one indicator × scope × subgroup in period order. All periods must be of
/// one kind: half-years mixed into years would put two different things on one line. Gaps are fine.
/// </summary>
public sealed class Series
{
    private Series(IReadOnlyList<SeriesPoint> points) => Points = points;

    public IReadOnlyList<SeriesPoint> Points { get; }

    public static Series Empty { get; } = new([]);

    /// <summary>The series, or an error naming the mixed period kinds.</summary>
    public static (Series? Series, string? Error) From(IEnumerable<Observation> observations, Period? asOf = null)
    {
        var points = observations
            .Where(o => o.Value is not null && !o.Flags.HasFlag(ObservationFlags.Suppressed))
            .Where(o => asOf is null || o.Period.EndOrdinal <= asOf.Value.EndOrdinal)
            .OrderBy(o => o.Period)
            .Select(o => new SeriesPoint(o.Period, o.Value!.Value, o.Numerator, o.Denominator))
            .ToList();
        var kinds = points.Select(p => p.Period.Kind).Distinct().ToList();
        if (kinds.Count > 1)
            return (null, $"The series mixes period kinds ({string.Join(", ", kinds)}); use one kind per series.");
        return (new Series(points), null);
    }

    public IReadOnlyList<TimePoint> TimePoints => Points.Select(p => new TimePoint(p.T, p.Value)).ToList();
}

using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Statistics;

namespace Monitoring.Core.Evaluation;

public enum GapTrend
{
    /// <summary>Fewer than three periods in common: no trend is claimed.</summary>
    NotEnoughData,

    /// <summary>The area is worse than the benchmark and the gap shrinks.</summary>
    Closing,

    /// <summary>The area is worse than the benchmark and the gap grows or stands still.</summary>
    Widening,

    /// <summary>The area is at least as good as the benchmark.</summary>
    Ahead,
}

/// <summary>The gap to a benchmark in one period: difference in the indicator's unit (percentage points for shares) and ratio.</summary>
public sealed record BenchmarkGap(Period Period, double Value, double Benchmark, double Difference, double? Ratio);

/// <summary>The area against its benchmark (municipality, all deprived areas, country) over the common periods.</summary>
public sealed record BenchmarkComparison(string BenchmarkScopeCode, IReadOnlyList<BenchmarkGap> Gaps, double? GapSlopePerYear, GapTrend Trend)
{
    public const int MinimumPeriods = 3;

    public static BenchmarkComparison Compare(string benchmarkScope, Series area, Series benchmark, Direction direction)
    {
        var byPeriod = benchmark.Points.ToDictionary(p => p.Period);
        var gaps = area.Points
            .Where(p => byPeriod.ContainsKey(p.Period))
            .Select(p =>
            {
                var b = byPeriod[p.Period].Value;
                return new BenchmarkGap(p.Period, p.Value, b, p.Value - b, b == 0 ? null : p.Value / b);
            })
            .ToList();
        if (gaps.Count < MinimumPeriods)
            return new BenchmarkComparison(benchmarkScope, gaps, null, GapTrend.NotEnoughData);
        var slope = TheilSen.Fit(gaps.Select(g => new TimePoint(g.Period.Position, g.Difference)).ToList())?.Slope ?? 0;
        var sign = direction == Direction.LowerBetter ? -1 : 1;
        var latest = gaps[^1].Difference;
        // Worse than the benchmark means a gap in the bad direction; it closes when it moves toward zero.
        var trend = sign * latest >= 0
            ? GapTrend.Ahead
            : Math.Sign(slope) == -Math.Sign(latest) ? GapTrend.Closing : GapTrend.Widening;
        return new BenchmarkComparison(benchmarkScope, gaps, slope, trend);
    }
}

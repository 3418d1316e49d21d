using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Statistics;

namespace Monitoring.Core.Evaluation;

/// <summary>
/// Evaluates one target against its series, exactly as DESIGN §5 says:
/// progress = (y_L − B)/(T − B); expected = clamp((t_L − t_B)/(t_T − t_B), 0, 1); projection at
/// t_T from the Theil–Sen line of the points from the baseline on (n ≥ 3), else the line through
/// baseline and latest. Achieved if d·(y_L − T) ≥ 0; on track if progress ≥ expected − tolerance
/// or the projection reaches T; at risk if better than the baseline; otherwise off track.
/// A target band (direction <c>targetBand</c>) counts as moving from the baseline toward T, and is
/// achieved within tolerance·|T − B| of T.
/// </summary>
public static class TargetEvaluator
{
    /// <summary>Changes with p at or above this are not told apart from noise.</summary>
    public const double Significance = 0.05;

    public static TargetEvaluation Evaluate(
        Target target, Indicator indicator, IReadOnlyList<Observation> observations, Period? asOf = null,
        IReadOnlyList<Observation>? benchmark = null)
    {
        var (series, seriesError) = Series.From(observations, asOf);
        if (series is null)
            return Insufficient(target, indicator, asOf, seriesError!, Statistics.Series.Empty);

        if (target.TargetPeriod is not { } targetPeriod || target.TargetValue is not { } targetValue)
            return Insufficient(target, indicator, asOf, "The target has no target value or target period.", series);
        var baseline = Baseline(target, series);
        if (baseline is null)
        {
            return Insufficient(target, indicator, asOf, target.BaselinePeriod is null
                ? "The target has no baseline period."
                : $"No observation for the baseline period {target.BaselinePeriod}.", series);
        }

        var after = series.Points.Where(p => p.Period > baseline.Period).ToList();
        var fromBaseline = new List<TimePoint> { new(baseline.Period.Position, baseline.Value) };
        fromBaseline.AddRange(after.Select(p => new TimePoint(p.T, p.Value)));
        if (after.Count == 0)
        {
            return Insufficient(target, indicator, asOf,
                $"Fewer than two points from the baseline ({baseline.Period}) on.", series, baseline);
        }

        var latest = after[^1];
        var b = baseline.Value;
        var t = targetValue;
        var y = latest.Value;
        var tB = baseline.Period.Position;
        var tT = targetPeriod.Position;
        var tL = latest.T;
        var d = indicator.Direction switch
        {
            Direction.HigherBetter => 1,
            Direction.LowerBetter => -1,
            _ => Math.Sign(t - b) == 0 ? 1 : Math.Sign(t - b),
        };
        double? progress = t == b ? null : (y - b) / (t - b);
        var expected = tT == tB ? 1 : Math.Clamp((tL - tB) / (tT - tB), 0, 1);
        var trajectoryNow = b + (t - b) * expected;
        var theilSen = fromBaseline.Count >= 3 ? TheilSen.Fit(fromBaseline) : null;
        var projection = theilSen is not null
            ? theilSen.ValueAt(tT)
            : tL == tB ? y : b + (y - b) / (tL - tB) * (tT - tB);
        var projectionMethod = theilSen is not null ? "theilSen" : "baselineToLatest";
        if (!Finite.All(b, t, progress, expected, trajectoryNow, projection))
            return Insufficient(target, indicator, asOf, Finite.Reason, series, baseline);

        var achieved = indicator.Direction == Direction.TargetBand
            ? Math.Abs(y - t) <= target.Tolerance * Math.Abs(t - b)
            : d * (y - t) >= 0;
        var status = achieved ? TargetStatus.Achieved
            : (progress is not null && progress >= expected - target.Tolerance) || d * (projection - t) >= 0 ? TargetStatus.OnTrack
            : d * (y - b) > 0 ? TargetStatus.AtRisk
            : TargetStatus.OffTrack;

        var baselinePoint = series.Points.FirstOrDefault(p => p.Period == baseline.Period);
        var change = ChangeBetween(baselinePoint, latest);
        var uncertain = change is not null && change.PValue >= Significance;
        var values = fromBaseline.Select(p => p.Y).ToList();
        var benchmarkComparison = Benchmark(target, indicator, benchmark, asOf, series);
        var latestValue = new PeriodValue(latest.Period, y);
        var targetAt = new PeriodValue(targetPeriod, t, "given");
        return new TargetEvaluation(
            target.Id, target.GoalId, target.IndicatorCode, target.ScopeCode, target.Subgroup, indicator.Direction, asOf,
            status, null, baseline, targetAt, latestValue, target.Tolerance, target.Weight,
            progress, expected, trajectoryNow, projection, projectionMethod, y, fromBaseline.Count,
            theilSen, OrdinaryLeastSquares.Fit(fromBaseline), MannKendall.Test(values), change, uncertain,
            series.Points, benchmarkComparison,
            Explanation.Danish(indicator, baseline, latestValue, targetAt, trajectoryNow, status, uncertain),
            Explanation.English(indicator, baseline, latestValue, targetAt, trajectoryNow, status, uncertain));
    }

    private static PeriodValue? Baseline(Target target, Series series)
    {
        if (target.BaselinePeriod is not { } period)
            return null;
        if (target.BaselineValue is { } given)
            return new PeriodValue(period, given, "given");
        var observed = series.Points.FirstOrDefault(p => p.Period == period);
        return observed is null ? null : new PeriodValue(period, observed.Value);
    }

    /// <summary>With counts at both ends, the change is tested; survey waves and small areas often move within noise.</summary>
    private static ProportionChange? ChangeBetween(SeriesPoint? from, SeriesPoint to) =>
        from is { Numerator: { } x1, Denominator: { } n1 } && to is { Numerator: { } x2, Denominator: { } n2 } && n1 > 0 && n2 > 0
            ? Proportions.TwoProportionTest(x1, n1, x2, n2)
            : null;

    private static BenchmarkComparison? Benchmark(
        Target target, Indicator indicator, IReadOnlyList<Observation>? benchmark, Period? asOf, Series series)
    {
        if (target.BenchmarkScopeCode is null || benchmark is null)
            return null;
        var (benchmarkSeries, _) = Series.From(benchmark, asOf);
        return benchmarkSeries is null
            ? null
            : BenchmarkComparison.Compare(target.BenchmarkScopeCode, series, benchmarkSeries, indicator.Direction);
    }

    private static TargetEvaluation Insufficient(
        Target target, Indicator indicator, Period? asOf, string reason, Series series, PeriodValue? baseline = null)
    {
        var latest = series.Points.Count > 0 ? new PeriodValue(series.Points[^1].Period, series.Points[^1].Value) : null;
        var targetAt = target is { TargetPeriod: { } p, TargetValue: { } v } ? new PeriodValue(p, v, "given") : null;
        return new TargetEvaluation(
            target.Id, target.GoalId, target.IndicatorCode, target.ScopeCode, target.Subgroup, indicator.Direction, asOf,
            TargetStatus.InsufficientData, reason, baseline, targetAt, latest, target.Tolerance, target.Weight,
            null, null, null, null, null, latest?.Value, 0, null, null, null, null, false, series.Points, null,
            $"For få data til at vurdere målet: {Explanation.ReasonDa(reason)}",
            $"Not enough data to judge the target: {reason}");
    }
}

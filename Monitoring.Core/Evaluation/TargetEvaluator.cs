using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Statistics;

namespace Monitoring.Core.Evaluation;

/// <summary>
/// Evaluates one target against its series, exactly as DESIGN §5 says:
/// progress = (y_L − B)/(T − B); expected = clamp((t_L − t_B)/(t_T − t_B), 0, 1); projection at
/// t_T from the Theil–Sen line of the points after the baseline period (n ≥ 3), else the line
/// through baseline and latest. In this order: achieved if d·(y_L − T) ≥ 0; once t_L ≥ t_T only at
/// risk (better than the baseline) or off track; on track if progress ≥ expected − tolerance, or
/// if the projection reaches T and y_L is not worse than B; at risk if better than the baseline;
/// otherwise off track. A target band (direction <c>targetBand</c>) is judged by the distance to
/// the band T ± w (w = tolerance·|T − B|): achieved inside it, progress is the closed share of the
/// baseline's distance, and a distance that grows is off track.
/// </summary>
public static class TargetEvaluator
{
    /// <summary>Changes with p at or above this are not told apart from noise.</summary>
    public const double Significance = 0.05;

    /// <param name="scopeName">The area's name from metadata, for the sentence; the code when not given.</param>
    public static TargetEvaluation Evaluate(
        Target target, Indicator indicator, IReadOnlyList<Observation> observations, Period? asOf = null,
        IReadOnlyList<Observation>? benchmark = null, string? scopeName = null)
    {
        var subject = new Explanation.Subject(indicator, scopeName ?? target.ScopeCode);
        var (series, seriesError) = Series.From(observations, asOf);
        if (series is null)
            return Insufficient(target, indicator, subject, asOf, seriesError!, Statistics.Series.Empty);

        if (target.TargetPeriod is not { } targetPeriod || target.TargetValue is not { } targetValue)
            return Insufficient(target, indicator, subject, asOf, "The target has no target value or target period.", series);
        var baseline = Baseline(target, series);
        if (baseline is null)
        {
            var withheld = target.BaselinePeriod is { } bp && observations.Any(o =>
                o.Period == bp && o.Flags.HasFlag(ObservationFlags.Suppressed) && (asOf is null || o.Period.EndOrdinal <= asOf.Value.EndOrdinal));
            return Insufficient(target, indicator, subject, asOf, target.BaselinePeriod is null
                ? "The target has no baseline period."
                : withheld
                    ? $"The value for the baseline period {target.BaselinePeriod} is withheld: it rests on too few persons."
                    : $"No observation for the baseline period {target.BaselinePeriod}.", series);
        }

        // A point inside the baseline period is part of the baseline, not after it: with a yearly
        // baseline 2019 and quarterly data, 2019K1–K4 say nothing about progress since 2019.
        var after = series.Points.Where(p => p.Period.StartOrdinal > baseline.Period.EndOrdinal).ToList();
        var fromBaseline = new List<TimePoint> { new(baseline.Period.Position, baseline.Value) };
        fromBaseline.AddRange(after.Select(p => new TimePoint(p.T, p.Value)));
        if (after.Count == 0)
        {
            return Insufficient(target, indicator, subject, asOf,
                $"Fewer than two points from the baseline ({baseline.Period}) on.", series, baseline);
        }

        var latest = after[^1];
        var b = baseline.Value;
        var t = targetValue;
        var y = latest.Value;
        var tB = baseline.Period.Position;
        var tT = targetPeriod.Position;
        var tL = latest.T;
        var band = indicator.Direction == Direction.TargetBand;
        var d = indicator.Direction == Direction.LowerBetter ? -1 : 1;
        var halfWidth = band ? target.Tolerance * Math.Abs(t - b) : 0;
        // A band is judged by the distance to it, so overshooting the band is no better than undershooting it.
        double Distance(double v) => Math.Max(0, Math.Abs(v - t) - halfWidth);
        double? progress = band
            ? Distance(b) == 0 ? null : (Distance(b) - Distance(y)) / Distance(b)
            : t == b ? null : (y - b) / (t - b);
        var expected = tT == tB ? 1 : Math.Clamp((tL - tB) / (tT - tB), 0, 1);
        var trajectoryNow = b + (t - b) * expected;
        var theilSen = fromBaseline.Count >= 3 ? TheilSen.Fit(fromBaseline) : null;
        var projection = theilSen is not null
            ? theilSen.ValueAt(tT)
            : tL == tB ? y : b + (y - b) / (tL - tB) * (tT - tB);
        var projectionMethod = theilSen is not null ? "theilSen" : "baselineToLatest";
        if (!Finite.All(b, t, progress, expected, trajectoryNow, projection))
            return Insufficient(target, indicator, subject, asOf, Finite.Reason, series, baseline);

        var achieved = band ? Distance(y) == 0 : d * (y - t) >= 0;
        var improved = band ? Distance(y) < Distance(b) : d * (y - b) > 0;
        var notWorse = band ? Distance(y) <= Distance(b) : d * (y - b) >= 0;
        var projectionReaches = band ? Distance(projection) == 0 : d * (projection - t) >= 0;
        var (status, decision) =
            achieved ? (TargetStatus.Achieved, Decision.Achieved)
            // The deadline has passed: a line through a past target period reaching it says nothing.
            : tL >= tT ? (improved ? TargetStatus.AtRisk : TargetStatus.OffTrack, Decision.DeadlinePassed)
            : progress is { } pr && pr >= expected ? (TargetStatus.OnTrack, Decision.OnTheLine)
            : progress is { } pt && pt >= expected - target.Tolerance ? (TargetStatus.OnTrack, Decision.WithinTolerance)
            // A projection that reaches the target from a value worse than the baseline contradicts itself.
            : projectionReaches && notWorse ? (TargetStatus.OnTrack, Decision.Projection)
            : improved ? (TargetStatus.AtRisk, Decision.BehindTheLine)
            : (TargetStatus.OffTrack, Decision.NotImproved);

        var baselinePoint = series.Points.FirstOrDefault(p => p.Period == baseline.Period);
        var change = ChangeBetween(baselinePoint, latest);
        var uncertain = change is not null && change.PValue >= Significance;
        var values = fromBaseline.Select(p => p.Y).ToList();
        var benchmarkComparison = Benchmark(target, indicator, benchmark, asOf, series);
        var latestValue = new PeriodValue(latest.Period, y);
        var targetAt = new PeriodValue(targetPeriod, t, "given");
        var figures = new Explanation.Figures(
            subject, baseline, latestValue, targetAt, trajectoryNow, target.Tolerance, projection, projectionMethod,
            band ? halfWidth : null, status, decision, uncertain);
        return new TargetEvaluation(
            target.Id, target.GoalId, target.IndicatorCode, target.ScopeCode, target.Subgroup, indicator.Direction, asOf,
            status, null, baseline, targetAt, latestValue, target.Tolerance, target.Weight,
            progress, expected, trajectoryNow, projection, projectionMethod, y, fromBaseline.Count,
            theilSen, OrdinaryLeastSquares.Fit(fromBaseline), MannKendall.Test(values), change, uncertain,
            WithIntervals(series.Points, indicator), benchmarkComparison,
            Explanation.Danish(figures), Explanation.English(figures), decision);
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
        Target target, Indicator indicator, Explanation.Subject subject, Period? asOf, string reason, Series series,
        PeriodValue? baseline = null)
    {
        var latest = series.Points.Count > 0 ? new PeriodValue(series.Points[^1].Period, series.Points[^1].Value) : null;
        var targetAt = target is { TargetPeriod: { } p, TargetValue: { } v } ? new PeriodValue(p, v, "given") : null;
        return new TargetEvaluation(
            target.Id, target.GoalId, target.IndicatorCode, target.ScopeCode, target.Subgroup, indicator.Direction, asOf,
            TargetStatus.InsufficientData, reason, baseline, targetAt, latest, target.Tolerance, target.Weight,
            null, null, null, null, null, latest?.Value, 0, null, null, null, null, false, WithIntervals(series.Points, indicator), null,
            $"{subject.Danish}: for få data til at vurdere målet, fordi {Explanation.ReasonDa(reason)}",
            $"{subject.English}: not enough data to judge the target. {reason}");
    }

    /// <summary>Survey shares travel with their interval, so a reader of the evaluation sees how sure each value is.</summary>
    private static IReadOnlyList<SeriesPoint> WithIntervals(IReadOnlyList<SeriesPoint> points, Indicator indicator) =>
        !Surveys.ShareInterval.Applies(indicator)
            ? points
            : points.Select(p => Surveys.ShareInterval.For(indicator, p.Numerator, p.Denominator) is { } i ? p with { Lower = i.Lower, Upper = i.Upper } : p).ToList();
}

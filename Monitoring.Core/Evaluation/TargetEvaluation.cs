using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Statistics;

namespace Monitoring.Core.Evaluation;

/// <summary>A value at a period, and where it came from ("given" in the target, or "observed").</summary>
public sealed record PeriodValue(Period Period, double Value, string Source = "observed");

/// <summary>
/// Everything that decided a target's status, so a board member can see why: the inputs, the
/// intermediate figures, the trend statistics and a one-sentence explanation in Danish and English.
/// </summary>
public sealed record TargetEvaluation(
    long TargetId,
    long GoalId,
    string IndicatorCode,
    string ScopeCode,
    string Subgroup,
    Direction Direction,
    Period? AsOf,
    TargetStatus Status,
    string? Reason,
    PeriodValue? Baseline,
    PeriodValue? Target,
    PeriodValue? Latest,
    double Tolerance,
    double Weight,
    double? Progress,
    double? ExpectedProgress,
    double? TrajectoryNow,
    double? ProjectionAtTarget,
    string? ProjectionMethod,
    double? NoChangeValue,
    int PointsFromBaseline,
    LinearTrend? TheilSen,
    OlsResult? Ols,
    MannKendallResult? MannKendall,
    ProportionChange? ChangeSinceBaseline,
    bool Uncertain,
    IReadOnlyList<SeriesPoint> Series,
    BenchmarkComparison? Benchmark,
    string ExplanationDa,
    string ExplanationEn,
    Decision? DecidedBy = null)
{
    /// <summary>Progress as shown: capped at 100 %, since a target passed is achieved and more than all the way reads as an error.</summary>
    public double? DisplayProgress => Progress is { } p ? Math.Min(p, 1) : null;

    public double? Score => TargetStatusText.Score(Status);
}

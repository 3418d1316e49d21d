using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Tests.Core.Evaluation;

/// <summary>Small builders so each test shows only the figures it is about.</summary>
internal static class EvaluationFixtures
{
    public static readonly Indicator OutsideLabourMarket = new("BESK", "Andel uden for arbejdsmarkedet", null, IndicatorUnit.Percent,
        Direction.LowerBetter, IndicatorSource.Register, Periodicity.Yearly, 1, null, true);

    public static readonly Indicator Employment = OutsideLabourMarket with { Code = "JOB", Direction = Direction.HigherBetter };

    public static Target Target(
        double? baseline = 50, string baselinePeriod = "2018", double? target = 40, string? targetPeriod = "2026",
        double tolerance = 0.05, double weight = 1, long goalId = 1, long id = 1, string? benchmark = null) =>
        new(id, goalId, "BESK", "AREA", "",
            Period.Parse(baselinePeriod), baseline,
            targetPeriod is null ? null : Period.Parse(targetPeriod), target, tolerance, weight, benchmark, []);

    public static IReadOnlyList<Observation> Yearly(params (int Year, double Value)[] points) =>
        points.Select(p => new Observation("BESK", "AREA", Period.OfYear(p.Year), "", p.Value, null, null, ObservationFlags.None, 1)).ToList();

    public static Observation Counted(string period, double numerator, double denominator) =>
        new("BESK", "AREA", Period.Parse(period), "", Math.Round(100 * numerator / denominator, 1), numerator, denominator, ObservationFlags.None, 1);
}

using Monitoring.Core.Evaluation;
using Monitoring.Core.Statistics;
using static Monitoring.Tests.Core.Evaluation.EvaluationFixtures;

namespace Monitoring.Tests.Core.Evaluation;

/// <summary>
/// Imports cannot bring values near ±10^308 in, but a target definition's baseline and target can:
/// whatever overflows is reported as not computable, never as NaN or infinity.
/// </summary>
public class FiniteGuardTests
{
    [TestCase(1e308, -1e308)]
    [TestCase(-1e308, 1e308)]
    [TestCase(double.MaxValue, 0)]
    public void An_overflowing_target_cannot_be_computed_and_says_why(double baseline, double target)
    {
        var result = TargetEvaluator.Evaluate(Target(baseline: baseline, target: target), OutsideLabourMarket,
            Yearly((2018, 50), (2020, 48), (2022, 47)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.InsufficientData));
        Assert.That(result.Reason, Does.Contain("Cannot be computed"));
        Assert.That(result.ExplanationDa, Does.Contain("kan ikke beregnes"));
        Assert.That(new double?[] { result.Progress, result.ExpectedProgress, result.TrajectoryNow, result.ProjectionAtTarget },
            Has.All.Null.Or.Matches<double?>(v => double.IsFinite(v!.Value)));
    }

    [Test]
    public void A_target_near_the_limit_that_does_not_overflow_is_still_evaluated()
    {
        var result = TargetEvaluator.Evaluate(Target(baseline: 50, target: 1e300), OutsideLabourMarket with { Direction = Monitoring.Core.Model.Direction.HigherBetter },
            Yearly((2018, 50), (2020, 48), (2022, 47)));

        Assert.That(result.Status, Is.Not.EqualTo(TargetStatus.InsufficientData));
    }

    [Test]
    public void Trend_fits_over_overflowing_values_are_not_computed()
    {
        var points = new List<TimePoint> { new(2018, -1e308), new(2019, 1e308) };

        Assert.That(TheilSen.Fit(points), Is.Null);
        Assert.That(OrdinaryLeastSquares.Fit(points), Is.Null);
    }
}

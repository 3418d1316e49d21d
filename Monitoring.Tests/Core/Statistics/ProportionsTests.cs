using Monitoring.Core.Statistics;

namespace Monitoring.Tests.Core.Statistics;

public class ProportionsTests
{
    // Newcombe RG (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857–872,
    // Table I, method 3 (Wilson score without continuity correction).
    [TestCase(81, 263, 0.2553, 0.3662)]
    [TestCase(15, 148, 0.0624, 0.1605)]
    [TestCase(0, 20, 0.0000, 0.1611)]
    [TestCase(1, 29, 0.0061, 0.1718)]
    public void Wilson_interval_matches_newcombes_table(int successes, int n, double lower, double upper)
    {
        var interval = Proportions.Wilson(successes, n);

        Assert.That(interval.Lower, Is.EqualTo(lower).Within(5e-5));
        Assert.That(interval.Upper, Is.EqualTo(upper).Within(5e-5));
    }

    [Test]
    public void Two_proportion_test_reports_percentage_points_relative_change_and_p()
    {
        // Hand calculation: 40/100 → 30/100, pooled p = 0.35, SE = √(0.35·0.65·(1/100 + 1/100)) = 0.067454,
        // Z = −0.10/0.067454 = −1.48250, p = 2(1 − Φ(1.4825)) = 0.13821.
        var change = Proportions.TwoProportionTest(40, 100, 30, 100);

        Assert.That(change.PercentagePoints, Is.EqualTo(-10).Within(1e-9));
        Assert.That(change.RelativeChange, Is.EqualTo(-0.25).Within(1e-12));
        Assert.That(change.Z, Is.EqualTo(-1.48250).Within(1e-4));
        Assert.That(change.PValue, Is.EqualTo(0.13821).Within(2e-4));
    }

    [Test]
    public void A_zero_denominator_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(0, 0));
    }
}

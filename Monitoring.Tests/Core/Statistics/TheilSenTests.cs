using Monitoring.Core.Statistics;

namespace Monitoring.Tests.Core.Statistics;

public class TheilSenTests
{
    [Test]
    public void Slope_is_the_median_of_pairwise_slopes_and_ignores_an_outlier()
    {
        // t = 0..4, y = 1, 2, 3, 10, 5. The ten pairwise slopes sorted: −5, 1, 1, 1, 1, 1, 1, 3, 4, 7 → median 1.
        // Intercept = median(yᵢ − tᵢ) = median(1, 1, 1, 7, 1) = 1. Least squares would be pulled up by the 10.
        var line = TheilSen.Fit([new(0, 1), new(1, 2), new(2, 3), new(3, 10), new(4, 5)])!;

        Assert.That(line.Slope, Is.EqualTo(1));
        Assert.That(line.Intercept, Is.EqualTo(1));
        Assert.That(line.ValueAt(10), Is.EqualTo(11));
    }

    [Test]
    public void Pairs_at_the_same_time_are_skipped()
    {
        // Slopes of the pairs with different t: (0,0)-(2,4): 2, (0,2)-(2,4): 1 → median 1.5.
        var line = TheilSen.Fit([new(0, 0), new(0, 2), new(2, 4)])!;

        Assert.That(line.Slope, Is.EqualTo(1.5));
    }

    [Test]
    public void Gaps_between_years_are_respected()
    {
        // y = 100 − 2t at t = 2010, 2011, 2015, 2020: every pairwise slope is −2.
        var line = TheilSen.Fit([new(2010, 80), new(2011, 78), new(2015, 70), new(2020, 60)])!;

        Assert.That(line.Slope, Is.EqualTo(-2).Within(1e-12));
        Assert.That(line.ValueAt(2026), Is.EqualTo(48).Within(1e-9));
    }

    [Test]
    public void A_single_point_has_no_line()
    {
        Assert.That(TheilSen.Fit([new(2020, 5)]), Is.Null);
    }
}

using Monitoring.Core.Statistics;

namespace Monitoring.Tests.Core.Statistics;

public class OrdinaryLeastSquaresTests
{
    [Test]
    public void Fits_slope_intercept_r_squared_standard_error_and_p_as_calculated_by_hand()
    {
        // Hand calculation: t̄ = 3, ȳ = 4, Sxx = 10, Sxy = 6, Syy = 6 → slope 0.6, intercept 2.2.
        // Residuals −0.8, 0.6, 1.0, −0.6, −0.2 → SSE 2.4, R² = 1 − 2.4/6 = 0.6,
        // SE(slope) = √(2.4/3/10) = 0.282843, t = 2.121320 with 3 df.
        // Student t with 3 df: F(t) = ½ + (1/π)[(t/√3)/(1 + t²/3) + atan(t/√3)] = 0.937985 → p = 0.124030.
        TimePoint[] points = [new(1, 2), new(2, 4), new(3, 5), new(4, 4), new(5, 5)];

        var fit = OrdinaryLeastSquares.Fit(points)!;

        Assert.That(fit.Slope, Is.EqualTo(0.6).Within(1e-12));
        Assert.That(fit.Intercept, Is.EqualTo(2.2).Within(1e-12));
        Assert.That(fit.RSquared, Is.EqualTo(0.6).Within(1e-12));
        Assert.That(fit.SlopeStandardError, Is.EqualTo(0.282843).Within(1e-6));
        Assert.That(fit.PValue, Is.EqualTo(0.124030).Within(1e-5));
    }

    [Test]
    public void Two_points_give_a_line_but_no_standard_error_or_p_value()
    {
        var fit = OrdinaryLeastSquares.Fit([new(2020, 10), new(2022, 14)])!;

        Assert.That(fit.Slope, Is.EqualTo(2).Within(1e-9));
        Assert.That(fit.SlopeStandardError, Is.Null);
        Assert.That(fit.PValue, Is.Null);
    }

    [Test]
    public void A_constant_series_has_a_flat_line_and_no_evidence_of_trend()
    {
        var fit = OrdinaryLeastSquares.Fit([new(2018, 7), new(2019, 7), new(2020, 7), new(2021, 7)])!;

        Assert.That(fit.Slope, Is.EqualTo(0));
        Assert.That(fit.RSquared, Is.EqualTo(1));
        Assert.That(fit.PValue, Is.EqualTo(1));
    }

    [Test]
    public void Unequal_spacing_uses_the_real_times()
    {
        // y = 3 + 2t exactly at t = 0, 1, 4, 9 (gaps in the years): the fit must recover it.
        var fit = OrdinaryLeastSquares.Fit([new(0, 3), new(1, 5), new(4, 11), new(9, 21)])!;

        Assert.That(fit.Slope, Is.EqualTo(2).Within(1e-12));
        Assert.That(fit.Intercept, Is.EqualTo(3).Within(1e-12));
    }

    [Test]
    public void All_points_at_one_time_have_no_line()
    {
        Assert.That(OrdinaryLeastSquares.Fit([new(2020, 1), new(2020, 2)]), Is.Null);
        Assert.That(OrdinaryLeastSquares.Fit([new(2020, 1)]), Is.Null);
    }
}

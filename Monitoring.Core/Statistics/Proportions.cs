using MathNet.Numerics.Distributions;

namespace Monitoring.Core.Statistics;

/// <summary>An interval around a share, as fractions (0–1).</summary>
public readonly record struct Interval(double Lower, double Upper);

/// <summary>A change between two shares, in percentage points and relative to the first.</summary>
public sealed record ProportionChange(double From, double To, double PercentagePoints, double? RelativeChange, double Z, double PValue);

/// <summary>Intervals and tests for shares with known numerator and denominator (survey and register counts).</summary>
public static class Proportions
{
    private const double Z95 = 1.959963984540054;

    /// <summary>Wilson score interval, which behaves for small n and shares near 0 or 1.</summary>
    public static Interval Wilson(double successes, double n, double z = Z95)
    {
        if (n <= 0)
            throw new ArgumentOutOfRangeException(nameof(n), n, "The denominator must be positive.");
        var p = successes / n;
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z / (1 + z2 / n) * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>Pooled two-proportion z-test of x₁/n₁ against x₂/n₂; the change is reported as percentage points.</summary>
    public static ProportionChange TwoProportionTest(double x1, double n1, double x2, double n2)
    {
        var p1 = x1 / n1;
        var p2 = x2 / n2;
        var pooled = (x1 + x2) / (n1 + n2);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        var z = se == 0 ? 0 : (p2 - p1) / se;
        // 2·Φ(−|z|), the survival function: 1 − Φ(|z|) would round tiny p-values to 0.
        var p = se == 0 ? 1.0 : 2 * Normal.CDF(0, 1, -Math.Abs(z));
        return new ProportionChange(p1 * 100, p2 * 100, (p2 - p1) * 100, p1 == 0 ? null : (p2 - p1) / p1, z, p);
    }
}

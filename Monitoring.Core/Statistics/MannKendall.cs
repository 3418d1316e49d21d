using MathNet.Numerics.Distributions;

namespace Monitoring.Core.Statistics;

public enum PValueMethod
{
    /// <summary>Fewer than five points: no p-value is given, as public-health indicator sites do.</summary>
    NotTestable,

    /// <summary>The exact permutation distribution of S (n ≤ 10, no ties).</summary>
    Exact,

    /// <summary>Normal approximation with tie-corrected variance and continuity correction.</summary>
    NormalApproximation,
}

/// <summary>The Mann–Kendall trend test and which way its p-value was found.</summary>
public sealed record MannKendallResult(int N, int S, double Variance, double Z, double? PValue, PValueMethod Method, bool HasTies);

/// <summary>
/// Mann–Kendall test for a monotonic trend: S = Σ sign(yⱼ − yᵢ) over i &lt; j. Register series are
/// short, so for n ≤ 10 without ties the p-value is exact (the number of permutations of n
/// values with each count of inversions); otherwise the normal approximation is used.
/// </summary>
public static class MannKendall
{
    public const int MinimumPoints = 5;
    public const int ExactUpTo = 10;

    /// <summary>The points must be in time order.</summary>
    public static MannKendallResult Test(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var s = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
                s += Math.Sign(values[j] - values[i]);
        }
        var tieGroups = values.GroupBy(v => v).Select(g => g.Count()).Where(c => c > 1).ToList();
        var hasTies = tieGroups.Count > 0;
        var variance = (n * (n - 1.0) * (2 * n + 5) - tieGroups.Sum(t => t * (t - 1.0) * (2 * t + 5))) / 18.0;
        var z = variance <= 0 ? 0 : s switch
        {
            > 0 => (s - 1) / Math.Sqrt(variance),
            < 0 => (s + 1) / Math.Sqrt(variance),
            _ => 0,
        };
        if (n < MinimumPoints)
            return new MannKendallResult(n, s, variance, z, null, PValueMethod.NotTestable, hasTies);
        if (n <= ExactUpTo && !hasTies)
            return new MannKendallResult(n, s, variance, z, ExactTwoSidedP(n, s), PValueMethod.Exact, hasTies);
        // The survival function, not 1 − CDF: 1 − CDF loses every digit below 1e-16 and reports a strong trend as p = 0.
        var p = variance <= 0 ? 1.0 : 2 * Normal.CDF(0, 1, -Math.Abs(z));
        return new MannKendallResult(n, s, variance, z, Math.Min(1, p), PValueMethod.NormalApproximation, hasTies);
    }

    /// <summary>
    /// P(|S| ≥ |s|) under no trend. Without ties S = n(n−1)/2 − 2·inversions, and the number of
    /// permutations with k inversions (the Mahonian numbers) is built up one element at a time.
    /// </summary>
    public static double ExactTwoSidedP(int n, int s)
    {
        var maxInversions = n * (n - 1) / 2;
        var counts = new double[maxInversions + 1];
        counts[0] = 1;
        for (var m = 2; m <= n; m++)
        {
            var next = new double[maxInversions + 1];
            for (var k = 0; k <= maxInversions; k++)
            {
                if (counts[k] == 0)
                    continue;
                for (var added = 0; added < m && k + added <= maxInversions; added++)
                    next[k + added] += counts[k];
            }
            counts = next;
        }
        var total = counts.Sum();
        var extreme = 0.0;
        for (var k = 0; k <= maxInversions; k++)
        {
            if (Math.Abs(maxInversions - 2 * k) >= Math.Abs(s))
                extreme += counts[k];
        }
        return extreme / total;
    }
}

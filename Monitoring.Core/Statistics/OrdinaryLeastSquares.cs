using MathNet.Numerics.Distributions;

namespace Monitoring.Core.Statistics;

/// <summary>
/// Least-squares line with R², the standard error of the slope and the two-sided p-value of
/// "slope = 0" from Student's t with n − 2 degrees of freedom.
/// </summary>
public static class OrdinaryLeastSquares
{
    public static OlsResult? Fit(IReadOnlyList<TimePoint> points)
    {
        var n = points.Count;
        if (n < 2)
            return null;
        var meanT = points.Average(p => p.T);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.T - meanT) * (p.T - meanT));
        if (sxx == 0)
            return null;
        var sxy = points.Sum(p => (p.T - meanT) * (p.Y - meanY));
        var syy = points.Sum(p => (p.Y - meanY) * (p.Y - meanY));
        var slope = sxy / sxx;
        var intercept = meanY - slope * meanT;
        var residual = points.Sum(p => Math.Pow(p.Y - (intercept + slope * p.T), 2));
        // A constant series is explained perfectly by a flat line.
        var rSquared = syy == 0 ? 1.0 : 1 - residual / syy;
        double? standardError = null;
        double? pValue = null;
        if (n > 2)
        {
            standardError = Math.Sqrt(residual / (n - 2) / sxx);
            // The lower tail at −|t| is the survival function at |t| (the t-distribution is symmetric);
            // 1 − CDF would round p-values below about 1e-16 to 0.
            pValue = standardError == 0
                ? (slope == 0 ? 1.0 : 0.0)
                : 2 * StudentT.CDF(0, 1, n - 2, -Math.Abs(slope / standardError.Value));
        }
        // Sums over values near ±10^308 overflow; no fit is better than a fit of NaN.
        if (!Finite.All(slope, intercept, rSquared, standardError, pValue))
            return null;
        return new OlsResult(new LinearTrend(slope, intercept), rSquared, standardError, pValue, n);
    }
}

public sealed record OlsResult(LinearTrend Line, double RSquared, double? SlopeStandardError, double? PValue, int N)
{
    public double Slope => Line.Slope;

    public double Intercept => Line.Intercept;
}

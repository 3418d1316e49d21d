namespace Monitoring.Core.Statistics;

/// <summary>A straight line y = intercept + slope·t, with t in years.</summary>
public sealed record LinearTrend(double Slope, double Intercept)
{
    public double ValueAt(double t) => Intercept + Slope * t;
}

namespace Monitoring.Core.Statistics;

/// <summary>
/// Theil–Sen line: the slope is the median of the slopes between every pair of points with
/// different times; the intercept is the median of yᵢ − slope·tᵢ. Robust to an odd year.
/// </summary>
public static class TheilSen
{
    public static LinearTrend? Fit(IReadOnlyList<TimePoint> points)
    {
        var slopes = new List<double>(points.Count * (points.Count - 1) / 2);
        for (var i = 0; i < points.Count; i++)
        {
            for (var j = i + 1; j < points.Count; j++)
            {
                var dt = points[j].T - points[i].T;
                if (dt != 0)
                    slopes.Add((points[j].Y - points[i].Y) / dt);
            }
        }
        if (slopes.Count == 0)
            return null;
        var slope = Median(slopes);
        var intercept = Median(points.Select(p => p.Y - slope * p.T).ToList());
        // An overflowed line is no line: callers treat it as not computable rather than draw infinity.
        return Finite.All(slope, intercept) ? new LinearTrend(slope, intercept) : null;
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

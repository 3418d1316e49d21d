namespace Monitoring.Core.Classification;

/// <summary>The Theil–Sen line one projected series follows, and the last year actually observed.</summary>
public sealed record ProjectionLine(string Scope, string Indicator, double Slope, double Intercept, int LastObservedYear);

/// <summary>
/// A criterion at a future list on projected values: the distance to its threshold in the criterion's unit
/// (positive = above), the first later list at which the projection crosses it, if within the horizon, and which
/// years of the window (the area's or the reference's) are trend values rather than observations.
/// </summary>
public sealed record CriterionProjection(
    string Code,
    string Name,
    string Indicator,
    double? ProjectedAverage,
    double? Threshold,
    ComparisonOperator Operator,
    Outcome Outcome,
    double? Distance,
    int? CrossesAtListYear,
    IReadOnlyList<int> ProjectedYears,
    string Explanation);

/// <summary>One future list: the classification the projection leads to, and its criteria's distances.</summary>
public sealed record ListProjection(int ListYear, DateOnly ListDate, ClassificationResult Classification, IReadOnlyList<CriterionProjection> Criteria, string Summary);

/// <summary>The forecast: always a projection of the current trends, never a statement of what the ministry will publish.</summary>
public sealed record ClassificationForecast(
    int BasedOnListYear,
    bool IsProjection,
    string Note,
    IReadOnlyList<ProjectionLine> Lines,
    IReadOnlyList<ListProjection> Lists);

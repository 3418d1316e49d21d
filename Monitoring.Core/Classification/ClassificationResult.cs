namespace Monitoring.Core.Classification;

/// <summary>One year's value in a criterion's window; null when missing.</summary>
public sealed record WindowValue(int Year, double? Value);

/// <summary>
/// A criterion judged for one list: the window's values and their average, the threshold as an absolute
/// figure (the stated multiple applied to the reference's average when relative), and the outcome with why.
/// </summary>
public sealed record CriterionEvaluation(
    string Code,
    string Name,
    string Indicator,
    ComparisonOperator Operator,
    double StatedThreshold,
    ReferenceScope RelativeTo,
    CriterionUnit Unit,
    int WindowYears,
    IReadOnlyList<WindowValue> Values,
    double? Average,
    IReadOnlyList<WindowValue> ReferenceValues,
    double? ReferenceAverage,
    double? Threshold,
    Outcome Outcome,
    IReadOnlyList<int> MissingYears,
    IReadOnlyList<int> MissingReferenceYears,
    string Explanation);

/// <summary>One year of a streak: the category (under that year's name) and whether the area was on it.</summary>
public sealed record StreakYear(int ListYear, string? Category, string? CategoryName, Outcome Outcome);

/// <summary>A category judged for one list: the rule in words, the outcome, and the sentence saying why.</summary>
public sealed record CategoryEvaluation(
    string Code,
    string Name,
    Outcome Outcome,
    string Rule,
    string Explanation,
    IReadOnlyList<StreakYear> Streak);

/// <summary>An area's standing on one list date under the regime then in force.</summary>
public sealed record ClassificationResult(
    int ListYear,
    DateOnly ListDate,
    string Regime,
    string RegimeTitle,
    double? Residents,
    int DataYear,
    IReadOnlyList<CategoryEvaluation> Categories,
    IReadOnlyList<CriterionEvaluation> Criteria,
    bool IsProjection)
{
    /// <summary>The categories the area is on (met), in the table's order.</summary>
    public IReadOnlyList<string> Lists => Categories.Where(c => c.Outcome == Outcome.Met).Select(c => c.Code).ToList();
}

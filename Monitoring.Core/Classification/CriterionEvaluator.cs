namespace Monitoring.Core.Classification;

/// <summary>
/// Judges one criterion for one list: the window ending at the list's latest data year, on unrounded values.
/// Averages, thresholds and the comparison are computed in decimal: in binary floating point 3 × 0.795 is
/// 2.3850000000000002 and 0.55 × 165,000 is 90,750.00000000001, so a value exactly at a threshold the law
/// states would be judged on the side the rounding error happens to fall. The stored figures are read as the
/// decimals they were written as (a double converts to decimal with 15 significant digits).
/// </summary>
public static class CriterionEvaluator
{
    public static CriterionEvaluation Evaluate(CriterionRule rule, ClassificationInput input, int latestDataYear)
    {
        var window = Enumerable.Range(latestDataYear - rule.WindowYears + 1, rule.WindowYears).ToList();
        var values = window.Select(y => new WindowValue(y, input.Area.Get(rule.Indicator, y))).ToList();
        var missing = values.Where(v => v.Value is null).Select(v => v.Year).ToList();
        decimal? average = missing.Count == 0 ? values.Average(v => (decimal)v.Value!.Value) : null;

        IReadOnlyList<WindowValue> referenceValues = [];
        var missingReference = new List<int>();
        decimal? referenceAverage = null;
        decimal? threshold = (decimal)rule.Threshold;
        if (rule.RelativeTo != ReferenceScope.None)
        {
            var reference = input.Reference(rule.RelativeTo);
            referenceValues = window.Select(y => new WindowValue(y, reference.Get(rule.Indicator, y))).ToList();
            missingReference = referenceValues.Where(v => v.Value is null).Select(v => v.Year).ToList();
            referenceAverage = missingReference.Count == 0 ? referenceValues.Average(v => (decimal)v.Value!.Value) : null;
            threshold = referenceAverage * (decimal)rule.Threshold;
        }

        var outcome = average is { } a && threshold is { } t
            ? (rule.Operator.Holds(a, t) ? Outcome.Met : Outcome.NotMet)
            : Outcome.CannotBeEvaluated;
        return new CriterionEvaluation(rule.Code, rule.Name, rule.Indicator, rule.Operator, rule.Threshold, rule.RelativeTo, rule.Unit,
            rule.WindowYears, values, (double?)average, referenceValues, (double?)referenceAverage, (double?)threshold, outcome, missing,
            missingReference, ClassificationText.Criterion(rule, window, (double?)average, (double?)threshold, outcome, missing, missingReference));
    }
}

namespace Monitoring.Core.Classification;

/// <summary>Judges one criterion for one list: the window ending at the list's latest data year, on unrounded values.</summary>
public static class CriterionEvaluator
{
    public static CriterionEvaluation Evaluate(CriterionRule rule, ClassificationInput input, int latestDataYear)
    {
        var window = Enumerable.Range(latestDataYear - rule.WindowYears + 1, rule.WindowYears).ToList();
        var values = window.Select(y => new WindowValue(y, input.Area.Get(rule.Indicator, y))).ToList();
        var missing = values.Where(v => v.Value is null).Select(v => v.Year).ToList();
        double? average = missing.Count == 0 ? values.Average(v => v.Value!.Value) : null;

        IReadOnlyList<WindowValue> referenceValues = [];
        var missingReference = new List<int>();
        double? referenceAverage = null;
        double? threshold = rule.Threshold;
        if (rule.RelativeTo != ReferenceScope.None)
        {
            var reference = input.Reference(rule.RelativeTo);
            referenceValues = window.Select(y => new WindowValue(y, reference.Get(rule.Indicator, y))).ToList();
            missingReference = referenceValues.Where(v => v.Value is null).Select(v => v.Year).ToList();
            referenceAverage = missingReference.Count == 0 ? referenceValues.Average(v => v.Value!.Value) : null;
            threshold = referenceAverage * rule.Threshold;
        }

        var outcome = average is { } a && threshold is { } t
            ? (rule.Operator.Holds(a, t) ? Outcome.Met : Outcome.NotMet)
            : Outcome.CannotBeEvaluated;
        return new CriterionEvaluation(rule.Code, rule.Name, rule.Indicator, rule.Operator, rule.Threshold, rule.RelativeTo, rule.Unit,
            rule.WindowYears, values, average, referenceValues, referenceAverage, threshold, outcome, missing, missingReference,
            ClassificationText.Criterion(rule, window, average, threshold, outcome, missing, missingReference));
    }
}

using System.Globalization;
using Monitoring.Core.Evaluation;

namespace Monitoring.Core.Classification;

/// <summary>The Danish sentences of the classification: figures with a decimal comma, years named, the rule spelt out.</summary>
public static class ClassificationText
{
    public static string Value(double value, CriterionUnit unit, int decimals) => unit switch
    {
        CriterionUnit.Percent => ValueFormat.Da(value, decimals) + " %",
        CriterionUnit.Dkk => ValueFormat.Da(value, decimals) + " kr.",
        _ => ValueFormat.Da(value, decimals),
    };

    /// <summary>The unit a difference is told in: percentage points for a share.</summary>
    public static string Difference(double difference, CriterionUnit unit, int decimals) => unit switch
    {
        CriterionUnit.Percent => ValueFormat.Da(difference, decimals) + " procentpoint",
        CriterionUnit.Dkk => ValueFormat.Da(difference, decimals) + " kr.",
        _ => ValueFormat.Da(difference, decimals),
    };

    public static string Word(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Gt => "over",
        ComparisonOperator.Ge => "mindst",
        ComparisonOperator.Lt => "under",
        _ => "højst",
    };

    public static string Reference(ReferenceScope scope) => scope == ReferenceScope.National ? "landsgennemsnittet" : "regionens niveau";

    public static string Years(IReadOnlyList<int> years) => years.Count switch
    {
        0 => "",
        1 => Year(years[0]),
        _ => string.Join(", ", years.Take(years.Count - 1).Select(Year)) + " og " + Year(years[^1]),
    };

    public static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    public static string Span(int first, int last) => first == last ? Year(first) : $"{Year(first)}–{Year(last)}";

    /// <summary>"over 40 %" or "mindst 3 × landsgennemsnittet (2,10 %)" or "under 55 % af regionens niveau (203.500 kr.)".</summary>
    public static string Threshold(CriterionRule rule, double? absolute)
    {
        if (rule.RelativeTo == ReferenceScope.None)
            return $"{Word(rule.Operator)} {Value(rule.Threshold, rule.Unit, ThresholdDecimals(rule.Threshold))}";
        var multiple = rule.Threshold < 1
            ? $"{ValueFormat.Da(rule.Threshold * 100, ThresholdDecimals(rule.Threshold * 100))} % af {Reference(rule.RelativeTo)}"
            : $"{ValueFormat.Da(rule.Threshold, ThresholdDecimals(rule.Threshold))} × {Reference(rule.RelativeTo)}";
        return absolute is { } value
            ? $"{Word(rule.Operator)} {multiple} ({Value(value, rule.Unit, rule.Decimals)})"
            : $"{Word(rule.Operator)} {multiple}";
    }

    /// <summary>A stated threshold is shown with the decimals it was written with (40 %, 2,7 %), not the indicator's.</summary>
    public static int ThresholdDecimals(double threshold)
    {
        for (var decimals = 0; decimals < 4; decimals++)
        {
            if (Math.Abs(Math.Round(threshold, decimals) - threshold) < 1e-9)
                return decimals;
        }
        return 4;
    }

    public static string Criterion(CriterionRule rule, IReadOnlyList<int> window, double? average, double? threshold, Outcome outcome,
        IReadOnlyList<int> missing, IReadOnlyList<int> missingReference)
    {
        if (missing.Count > 0)
        {
            var where = rule.WindowYears == 1 ? "" : $" i {rule.WindowYears}-årsvinduet ({Span(window[0], window[^1])})";
            return $"{rule.Name}: kan ikke vurderes: {Years(missing)} mangler{where}";
        }
        if (missingReference.Count > 0)
            return $"{rule.Name}: kan ikke vurderes: {Reference(rule.RelativeTo)} for {Years(missingReference)} mangler";
        var years = window.Count == 1 ? $"i {Year(window[0])}" : $"i gennemsnit {Span(window[0], window[^1])}";
        return $"{rule.Name}: {Value(average!.Value, rule.Unit, rule.Decimals)} {years}, grænsen er {Threshold(rule, threshold)}: {outcome.Danish()}";
    }
}

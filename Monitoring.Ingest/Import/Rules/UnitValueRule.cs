using Monitoring.Core.Model;

namespace Monitoring.Ingest.Import.Rules;

/// <summary>
/// A value must be possible in its unit: a percentage 0–100, a count a whole number ≥ 0, a grade
/// average on the 7-point scale (−3 to 12); every value finite and within
/// <see cref="ValidationOptions.MaxMagnitude"/>, so no sum or regression over a series overflows.
/// </summary>
public static class UnitValueRule
{
    public const double LowestGrade = -3;
    public const double HighestGrade = 12;

    public static bool Check(int row, string text, double value, Indicator indicator, double maxMagnitude, List<RowError> errors)
    {
        var code = indicator.Code;
        (string Da, string En)? problem = indicator.Unit switch
        {
            IndicatorUnit.Percent when value is < 0 or > 100 =>
                ($"{code} er en procentandel; værdien skal være mellem 0 og 100.",
                 $"{code} is a percentage; the value must be between 0 and 100."),
            IndicatorUnit.Count when value < 0 || !AsciiNumber.IsWhole(value) =>
                ($"{code} er et antal; værdien skal være et helt tal, 0 eller større.",
                 $"{code} is a count; the value must be a whole number, 0 or more."),
            IndicatorUnit.Grade when value is < LowestGrade or > HighestGrade =>
                ($"{code} er et karaktergennemsnit på 7-trinsskalaen; værdien skal være mellem -3 og 12.",
                 $"{code} is a grade average on the 7-point scale; the value must be between -3 and 12."),
            _ when !double.IsFinite(value) || Math.Abs(value) > maxMagnitude =>
                ($"Værdien er for stor; højst {RuleText.Da(maxMagnitude)} i absolut værdi.",
                 $"The value is too large; at most {RuleText.En(maxMagnitude)} in absolute value."),
            _ => null,
        };
        if (problem is not { } message)
            return true;
        errors.Add(RuleText.Error(row, "value", text, message.Da, message.En));
        return false;
    }
}

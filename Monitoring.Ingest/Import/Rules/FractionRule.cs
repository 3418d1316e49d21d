using Monitoring.Core.Model;

namespace Monitoring.Ingest.Import.Rules;

/// <summary>
/// Numerator and denominator are counts of persons: whole numbers, the denominator above 0, the
/// numerator not above it, both or neither. A percentage (×100) or a rate per 1,000 (×1000) given
/// with both must be what they give, rounded to the indicator's decimals: the difference may be at
/// most half a unit in the last decimal, the rounding itself.
/// </summary>
public static class FractionRule
{
    public static void Check(
        CanonicalCsvRow row, double? value, double? numerator, double? denominator, Indicator? indicator, List<RowError> errors)
    {
        if ((row.Numerator.Length == 0) != (row.Denominator.Length == 0))
        {
            var missing = row.Numerator.Length == 0 ? "numerator" : "denominator";
            errors.Add(RuleText.Error(row.Row, missing, "",
                "Angiv både tæller og nævner, eller ingen af dem.", "Give both numerator and denominator, or neither."));
            return;
        }
        if (numerator is { } n && (n < 0 || !AsciiNumber.IsWhole(n)))
        {
            errors.Add(RuleText.Error(row.Row, "numerator", row.Numerator,
                "Tælleren er et antal personer; den skal være et helt tal, 0 eller større.",
                "The numerator is a count of persons; it must be a whole number, 0 or more."));
        }
        if (denominator is { } d && (d <= 0 || !AsciiNumber.IsWhole(d)))
        {
            errors.Add(RuleText.Error(row.Row, "denominator", row.Denominator,
                "Nævneren er et antal personer; den skal være et helt tal større end 0.",
                "The denominator is a count of persons; it must be a whole number and must be positive."));
        }
        if (numerator is not { } x || denominator is not { } y || y <= 0 || x < 0)
            return;
        if (x > y)
        {
            errors.Add(RuleText.Error(row.Row, "numerator", row.Numerator,
                $"Tælleren ({RuleText.Da(x)}) er større end nævneren ({RuleText.Da(y)}).",
                $"The numerator ({RuleText.En(x)}) is larger than the denominator ({RuleText.En(y)})."));
            return;
        }
        if (value is { } v && indicator is not null && Multiplier(indicator.Unit) is { } multiplier)
            CheckConsistent(row, v, x, y, multiplier, indicator.Decimals, errors);
    }

    /// <summary>Per hundred for a percentage, per thousand for a rate (the samples' convictions per 1,000 residents).</summary>
    public static double? Multiplier(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => 100,
        IndicatorUnit.Rate => 1000,
        _ => null,
    };

    private static void CheckConsistent(CanonicalCsvRow row, double value, double x, double y, double multiplier, int decimals, List<RowError> errors)
    {
        var expected = multiplier * x / y;
        var tolerance = 0.5 * Math.Pow(10, -decimals);
        // The slack only absorbs binary floating point (12.55 − 12.5 is 0.0500000000000007), not a real difference.
        var slack = 1e-9 * Math.Max(1, Math.Abs(expected));
        if (Math.Abs(value - expected) <= tolerance + slack)
            return;
        var rounded = Math.Round(expected, Math.Clamp(decimals, 0, 15), MidpointRounding.AwayFromZero);
        var per = multiplier == 100 ? "100" : "1000";
        errors.Add(RuleText.Error(row.Row, "value", row.Value,
            $"Værdien {RuleText.Da(value)} passer ikke med {per} · {RuleText.Da(x)}/{RuleText.Da(y)} = {RuleText.Da(rounded)} (afrundet til {decimals} decimaler).",
            $"The value {RuleText.En(value)} does not match {per} · {RuleText.En(x)}/{RuleText.En(y)} = {RuleText.En(rounded)} (rounded to {decimals} decimals)."));
    }
}

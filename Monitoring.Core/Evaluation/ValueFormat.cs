using System.Globalization;
using Monitoring.Core.Model;

namespace Monitoring.Core.Evaluation;

/// <summary>Numbers as a Danish board reads them (<c>41,0 %</c>) and the English equivalent (<c>41.0 %</c>).</summary>
public static class ValueFormat
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static string Da(double value, Indicator indicator) => Format(value, indicator, Danish, " kr.");

    public static string En(double value, Indicator indicator) => Format(value, indicator, CultureInfo.InvariantCulture, " DKK");

    private static string Format(double value, Indicator indicator, CultureInfo culture, string currency)
    {
        var number = value.ToString("N" + Math.Clamp(indicator.Decimals, 0, 6), culture);
        return indicator.Unit switch
        {
            IndicatorUnit.Percent => number + " %",
            IndicatorUnit.Dkk => number + currency,
            _ => number,
        };
    }
}

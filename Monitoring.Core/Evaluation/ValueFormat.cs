using System.Globalization;
using Monitoring.Core.Model;

namespace Monitoring.Core.Evaluation;

/// <summary>
/// The one number formatter for every place a figure is shown — explanations, dashboard, brief and
/// CSV — so a board never reads 63 % in one place and 62 % in another: Danish format
/// (<c>41,0 %</c>) and the English equivalent (<c>41.0 %</c>), rounded half away from zero.
/// </summary>
public static class ValueFormat
{
    public static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static string Da(double value, Indicator indicator) => Format(value, indicator, Danish, " kr.");

    public static string En(double value, Indicator indicator) => Format(value, indicator, CultureInfo.InvariantCulture, " DKK");

    /// <summary>A plain number in Danish format, rounded half away from zero (0,625 → 0,63; 62,5 → 63).</summary>
    public static string Da(double value, int decimals) => Number(value, decimals, Danish);

    /// <summary>A share (0.625) as a whole percentage in Danish: <c>63 %</c>. Goal scores and progress are shown this way.</summary>
    public static string Percent(double share, int decimals = 0) => Number(share * 100, decimals, Danish) + " %";

    /// <summary>
    /// A p-value as a reader can take it: three decimals, and "&lt; 0,001" below that, because a
    /// rounded 0,000 reads as "impossible" when it only means "very unlikely".
    /// </summary>
    public static string PValue(double p, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (!double.IsFinite(p))
            return "–";
        return p < 0.0005 ? "< " + Number(0.001, 3, culture) : Number(p, 3, culture);
    }

    /// <summary>
    /// Rounds half away from zero before formatting. Through decimal where it fits, because the
    /// double nearest 1,005 is a hair below it and would round down; a person reading 1,005 expects 1,01.
    /// </summary>
    public static string Number(double value, int decimals, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        decimals = Math.Clamp(decimals, 0, 6);
        if (!double.IsFinite(value))
            return "–";
        var format = "N" + decimals.ToString(CultureInfo.InvariantCulture);
        if (Math.Abs(value) < 7.9e27)
            return Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero).ToString(format, culture);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString(format, culture);
    }

    private static string Format(double value, Indicator indicator, CultureInfo culture, string currency)
    {
        var number = Number(value, indicator.Decimals, culture);
        return indicator.Unit switch
        {
            IndicatorUnit.Percent => number + " %",
            IndicatorUnit.Dkk => number + currency,
            _ => number,
        };
    }
}

using System.Globalization;

namespace Monitoring.Ingest.Import.Rules;

/// <summary>
/// Reads a number written with the ASCII digits 0–9 only, in the file's decimal convention, and
/// never throws: Arabic-Indic (٢٠٢٣), fullwidth (２０２３) or other digits, "NaN", "Infinity" and
/// thousands separators are all simply not numbers, so a row says so instead of a request failing.
/// </summary>
public static class AsciiNumber
{
    public static bool TryParse(string? text, CultureInfo culture, out double number)
    {
        number = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
            return false;
        var separator = culture.NumberFormat.NumberDecimalSeparator;
        foreach (var c in text)
        {
            // Only what a plain number needs: digits, sign, exponent and the file's decimal separator.
            if (!(c is >= '0' and <= '9' or '+' or '-' or 'e' or 'E') && separator.IndexOf(c, StringComparison.Ordinal) < 0)
                return false;
        }
        return double.TryParse(text, NumberStyles.Float, culture, out number) && double.IsFinite(number);
    }

    public static bool IsWhole(double value) => Math.Floor(value) == value;
}

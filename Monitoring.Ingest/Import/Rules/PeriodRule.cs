using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Import.Rules;

/// <summary>
/// A period is one of the accepted forms and of the indicator's periodicity: a yearly indicator
/// refuses <c>2025Q1</c> (a quarter would sit in a yearly series as if it were a year), unless the
/// indicator accepts finer periods. Irregular indicators (surveys) take any period.
/// </summary>
public static class PeriodRule
{
    public static Period? Check(int row, string text, Indicator? indicator, List<RowError> errors)
    {
        if (!Period.TryParse(Compact(text), out var period))
        {
            errors.Add(RuleText.Error(row, "period", text,
                "Ikke en periode; skriv 2023, 2023H1, 2023K2 (eller 2023Q2) eller 2023-05 med cifrene 0–9.",
                "Not a period; use 2023, 2023H1, 2023Q2 (or 2023K2) or 2023-05 with the digits 0–9."));
            return null;
        }
        if (indicator is null || Fits(indicator, period.Kind))
            return period;
        var (da, en, example) = Names(KindOf(indicator.Periodicity)!.Value);
        var (givenDa, givenEn, _) = Names(period.Kind);
        errors.Add(RuleText.Error(row, "period", text,
            $"{indicator.Code} opgøres pr. {da}; perioden skal være et {da} (fx {example}), ikke et {givenDa}.",
            $"{indicator.Code} is measured per {en}; the period must be a {en} (e.g. {example}), not a {givenEn}."));
        return null;
    }

    /// <summary><c>2023-K2</c> and <c>2023 K2</c> (as exports write quarters and halves) → <c>2023K2</c>; a month's <c>2023-05</c> is left alone.</summary>
    public static string Compact(string text)
    {
        var s = text.Trim();
        return s.Length == 7 && s[4] is '-' or ' ' && char.IsAsciiLetter(s[5]) ? string.Concat(s.AsSpan(0, 4), s.AsSpan(5)) : s;
    }

    public static bool Fits(Indicator indicator, PeriodKind kind) =>
        KindOf(indicator.Periodicity) is not { } expected
        || kind == expected
        || (indicator.AcceptsFinerPeriods && (int)kind < (int)expected);

    /// <summary>The kind of period an indicator's periodicity asks for; null for irregular (surveys).</summary>
    public static PeriodKind? KindOf(Periodicity periodicity) => periodicity switch
    {
        Periodicity.Yearly => PeriodKind.Year,
        Periodicity.HalfYearly => PeriodKind.Half,
        Periodicity.Quarterly => PeriodKind.Quarter,
        Periodicity.Monthly => PeriodKind.Month,
        _ => null,
    };

    /// <summary>A kind of period in Danish and English, with an example of how it is written.</summary>
    public static (string Da, string En, string Example) Names(PeriodKind kind) => kind switch
    {
        PeriodKind.Year => ("år", "year", "2023"),
        PeriodKind.Half => ("halvår", "half-year", "2023H1"),
        PeriodKind.Quarter => ("kvartal", "quarter", "2023K2"),
        _ => ("måned", "month", "2023-05"),
    };
}

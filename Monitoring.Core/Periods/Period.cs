using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Monitoring.Core.Periods;

/// <summary>
/// A reporting period: a year (<c>2023</c>), half-year (<c>2023H1</c>), quarter (<c>2023Q2</c>,
/// Danish <c>2023K2</c>) or month (<c>2023-05</c>). Periods order by their start, and a longer
/// period sorts before the shorter ones that start with it, so a year precedes its first quarter.
/// </summary>
public readonly record struct Period : IComparable<Period>
{
    private Period(int year, PeriodKind kind, int index)
    {
        Year = year;
        Kind = kind;
        Index = index;
    }

    public int Year { get; }

    public PeriodKind Kind { get; }

    /// <summary>1-based position within the year: half 1–2, quarter 1–4, month 1–12; 1 for a year.</summary>
    public int Index { get; }

    public int StartMonth => (Index - 1) * (int)Kind + 1;

    /// <summary>Months since year 0 of the first month of the period; comparable across kinds.</summary>
    public int StartOrdinal => Year * 12 + StartMonth - 1;

    /// <summary>Months since year 0 of the last month of the period.</summary>
    public int EndOrdinal => StartOrdinal + (int)Kind - 1;

    /// <summary>The period start in fractional years (2023Q2 → 2023.25), the time axis for regression.</summary>
    public double Position => Year + (StartMonth - 1) / 12.0;

    public static Period OfYear(int year) => Create(year, PeriodKind.Year, 1);

    public static Period Create(int year, PeriodKind kind, int index)
    {
        if (year is < 1900 or > 2200)
            throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 1900 and 2200.");
        var count = 12 / (int)kind;
        if (index < 1 || index > count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A {kind} index must be between 1 and {count}.");
        return new Period(year, kind, index);
    }

    /// <summary>The period that runs from one month ordinal to another, as storage keys it (see <see cref="StartOrdinal"/>).</summary>
    public static Period FromOrdinals(int startOrdinal, int endOrdinal)
    {
        var months = endOrdinal - startOrdinal + 1;
        if (!Enum.IsDefined((PeriodKind)months) || startOrdinal % months != 0)
            throw new ArgumentException($"Months {startOrdinal}–{endOrdinal} are not a year, half-year, quarter or month.");
        var monthOfYear = startOrdinal % 12;
        return Create(startOrdinal / 12, (PeriodKind)months, monthOfYear / months + 1);
    }

    public static Period Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException(
                $"'{text}' is not a period; use 2023, 2023H1, 2023Q2 (or 2023K2) or 2023-05.");

    /// <summary>
    /// Reads the forms above by hand, not with a regular expression: digits are ASCII only (a
    /// regex's <c>\d</c> also matches Arabic-Indic and fullwidth digits, which the number parser
    /// then refuses), and an import parses a period per row.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Period period)
    {
        period = default;
        if (text is null)
            return false;
        var s = text.AsSpan().Trim();
        if (s.Length < 4 || !TryDigits(s[..4], out var year) || year is < 1900 or > 2200)
            return false;
        var rest = s[4..];
        var (kind, index) = rest switch
        {
            [] => (PeriodKind.Year, 1),
            ['H' or 'h', var d] when IsDigit(d) => (PeriodKind.Half, d - '0'),
            ['Q' or 'q' or 'K' or 'k', var d] when IsDigit(d) => (PeriodKind.Quarter, d - '0'),
            ['-', var d1, var d2] when IsDigit(d1) && IsDigit(d2) => (PeriodKind.Month, (d1 - '0') * 10 + (d2 - '0')),
            _ => (PeriodKind.Year, 0),
        };
        if (index < 1 || index > 12 / (int)kind)
            return false;
        period = new Period(year, kind, index);
        return true;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool TryDigits(ReadOnlySpan<char> digits, out int number)
    {
        number = 0;
        foreach (var c in digits)
        {
            if (!IsDigit(c))
                return false;
            number = number * 10 + (c - '0');
        }
        return true;
    }

    public int CompareTo(Period other)
    {
        var byStart = StartOrdinal.CompareTo(other.StartOrdinal);
        return byStart != 0 ? byStart : ((int)other.Kind).CompareTo((int)Kind);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    /// <summary>The period's last day (31 December for 2023, 30 June for 2023H1).</summary>
    public DateOnly LastDay
    {
        get
        {
            var year = EndOrdinal / 12;
            var month = EndOrdinal % 12 + 1;
            return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        }
    }

    /// <summary>Whether this period lies wholly inside <paramref name="other"/> (2023Q2 within 2023).</summary>
    public bool IsWithin(Period other) => StartOrdinal >= other.StartOrdinal && EndOrdinal <= other.EndOrdinal;

    /// <summary>The canonical form used in storage and the API: 2023, 2023H1, 2023Q2, 2023-05.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Half => string.Create(CultureInfo.InvariantCulture, $"{Year}H{Index}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Index}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}-{Index:00}"),
    };

    /// <summary>The Danish display form: quarters as 2023K2, the rest as canonical.</summary>
    public string ToDanishString() => Kind == PeriodKind.Quarter ? $"{Year}K{Index}" : ToString();
}

using System.Globalization;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Checks the rows of one file as they stream past and collects every problem, so an analyst
/// fixes a file in one round: unknown codes, unreadable numbers and periods, impossible
/// fractions. Keys given twice are found by the storage batch, which knows them as integers; this
/// remembers nothing per row.
/// </summary>
public sealed class ObservationRowValidator(ImportCatalog catalog, CultureInfo numberCulture)
{
    private readonly Dictionary<string, string> _subgroups = new(StringComparer.Ordinal);
    private readonly List<RowError> _errors = [];

    public int RowsRead { get; private set; }

    public int RowsAccepted { get; private set; }

    public IReadOnlyList<RowError> Errors => _errors;

    /// <summary>The validated row, or null when it has problems (recorded in <see cref="Errors"/>).</summary>
    public IncomingObservation? Validate(CanonicalCsvRow row)
    {
        RowsRead++;
        var before = _errors.Count;
        var observation = Check(row);
        if (_errors.Count > before || observation is null)
            return null;
        RowsAccepted++;
        return observation;
    }

    /// <summary>Problems found outside the rows (header, malformed lines), kept with the rest.</summary>
    public void AddErrors(IEnumerable<RowError> errors) => _errors.AddRange(errors);

    private IncomingObservation? Check(CanonicalCsvRow row)
    {
        var before = _errors.Count;
        var indicator = catalog.Indicator(row.Indicator);
        if (indicator is null)
            _errors.Add(new RowError(row.Row, "indicator", row.Indicator, Unknown("indicator", row.Indicator)));
        var scope = catalog.Scope(row.Area);
        if (scope is null)
            _errors.Add(new RowError(row.Row, "area", row.Area, Unknown("area", row.Area)));
        if (!Period.TryParse(row.Period, out var period))
        {
            _errors.Add(new RowError(row.Row, "period", row.Period,
                "Not a period; use 2023, 2023H1, 2023Q2 (or 2023K2) or 2023-05."));
        }
        var value = Number(row, "value", row.Value, required: true);
        var numerator = Number(row, "numerator", row.Numerator, required: false);
        var denominator = Number(row, "denominator", row.Denominator, required: false);

        if (numerator is < 0)
            _errors.Add(new RowError(row.Row, "numerator", row.Numerator, "The numerator cannot be negative."));
        if (denominator is <= 0)
            _errors.Add(new RowError(row.Row, "denominator", row.Denominator, "The denominator must be positive."));
        if (numerator is not null && denominator is > 0 && numerator > denominator)
        {
            _errors.Add(new RowError(row.Row, "numerator", row.Numerator,
                $"The numerator ({row.Numerator}) is larger than the denominator ({row.Denominator})."));
        }
        if ((row.Numerator.Length == 0) != (row.Denominator.Length == 0))
        {
            var missing = row.Numerator.Length == 0 ? "numerator" : "denominator";
            _errors.Add(new RowError(row.Row, missing, "", "Give both numerator and denominator, or neither."));
        }
        if (indicator?.Unit == IndicatorUnit.Percent && value is < 0 or > 100)
        {
            _errors.Add(new RowError(row.Row, "value", row.Value,
                $"{indicator.Code} is a percentage; the value must be between 0 and 100."));
        }

        if (_errors.Count > before || indicator is null || scope is null || value is null)
            return null;
        return new IncomingObservation(
            row.Row, indicator.Code, scope.Code, period, Pooled(row.Subgroup), value.Value, numerator, denominator);
    }

    private string Pooled(string subgroup)
    {
        if (_subgroups.TryGetValue(subgroup, out var pooled))
            return pooled;
        _subgroups.Add(subgroup, subgroup);
        return subgroup;
    }

    private double? Number(CanonicalCsvRow row, string column, string text, bool required)
    {
        if (text.Length == 0)
        {
            if (required)
                _errors.Add(new RowError(row.Row, column, text, "A value is required."));
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, numberCulture, out var number) && double.IsFinite(number))
            return number;
        var example = numberCulture.NumberFormat.NumberDecimalSeparator == "," ? "41,5" : "41.5";
        _errors.Add(new RowError(row.Row, column, text, $"Not a number; write it like {example}."));
        return null;
    }

    private static string Unknown(string what, string code) =>
        code.Length == 0 ? $"The {what} code is missing." : $"Unknown {what} code '{code}'.";
}

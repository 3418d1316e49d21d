using System.Globalization;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Checks every row of an upload and collects every problem, so an analyst fixes a file in one
/// round: unknown codes, unreadable numbers and periods, duplicate keys, impossible fractions.
/// </summary>
public sealed class ObservationRowValidator(ImportCatalog catalog)
{
    public ValidatedRows Validate(IEnumerable<CanonicalCsvRow> rows, CultureInfo numberCulture)
    {
        var accepted = new List<IncomingObservation>();
        var errors = new List<RowError>();
        var firstRowByKey = new Dictionary<ObservationKey, int>();
        var read = 0;
        foreach (var row in rows)
        {
            read++;
            var rowErrors = new List<RowError>();
            var observation = Check(row, numberCulture, rowErrors);
            if (observation is not null)
            {
                if (firstRowByKey.TryGetValue(observation.Key, out var first))
                {
                    rowErrors.Add(new RowError(row.Row, "period", row.Period,
                        $"Duplicate of row {first}: {observation.IndicatorCode} / {observation.ScopeCode} / {observation.Period}" +
                        (observation.Subgroup.Length > 0 ? $" / {observation.Subgroup}" : "") + " appears twice in the file."));
                }
                else
                {
                    firstRowByKey.Add(observation.Key, row.Row);
                }
            }
            if (rowErrors.Count == 0 && observation is not null)
                accepted.Add(observation);
            errors.AddRange(rowErrors);
        }
        return new ValidatedRows(read, accepted, errors);
    }

    private IncomingObservation? Check(CanonicalCsvRow row, CultureInfo culture, List<RowError> errors)
    {
        var indicator = catalog.Indicator(row.Indicator);
        if (indicator is null)
            errors.Add(new RowError(row.Row, "indicator", row.Indicator, Unknown("indicator", row.Indicator)));
        var scope = catalog.Scope(row.Area);
        if (scope is null)
            errors.Add(new RowError(row.Row, "area", row.Area, Unknown("area", row.Area)));
        if (!Period.TryParse(row.Period, out var period))
        {
            errors.Add(new RowError(row.Row, "period", row.Period,
                "Not a period; use 2023, 2023H1, 2023Q2 (or 2023K2) or 2023-05."));
        }
        var value = Number(row, "value", row.Value, culture, required: true, errors);
        var numerator = Number(row, "numerator", row.Numerator, culture, required: false, errors);
        var denominator = Number(row, "denominator", row.Denominator, culture, required: false, errors);

        if (numerator is < 0)
            errors.Add(new RowError(row.Row, "numerator", row.Numerator, "The numerator cannot be negative."));
        if (denominator is <= 0)
            errors.Add(new RowError(row.Row, "denominator", row.Denominator, "The denominator must be positive."));
        if (numerator is not null && denominator is > 0 && numerator > denominator)
        {
            errors.Add(new RowError(row.Row, "numerator", row.Numerator,
                $"The numerator ({row.Numerator}) is larger than the denominator ({row.Denominator})."));
        }
        if ((row.Numerator.Length == 0) != (row.Denominator.Length == 0))
        {
            var missing = row.Numerator.Length == 0 ? "numerator" : "denominator";
            errors.Add(new RowError(row.Row, missing, "", "Give both numerator and denominator, or neither."));
        }
        if (indicator?.Unit == IndicatorUnit.Percent && value is < 0 or > 100)
        {
            errors.Add(new RowError(row.Row, "value", row.Value,
                $"{indicator.Code} is a percentage; the value must be between 0 and 100."));
        }

        if (errors.Count > 0 || indicator is null || scope is null || value is null)
            return null;
        return new IncomingObservation(row.Row, indicator.Code, scope.Code, period, row.Subgroup, value.Value, numerator, denominator);
    }

    private static double? Number(
        CanonicalCsvRow row, string column, string text, CultureInfo culture, bool required, List<RowError> errors)
    {
        if (text.Length == 0)
        {
            if (required)
                errors.Add(new RowError(row.Row, column, text, "A value is required."));
            return null;
        }
        if (double.TryParse(text, NumberStyles.Float, culture, out var number) && double.IsFinite(number))
            return number;
        var example = culture.NumberFormat.NumberDecimalSeparator == "," ? "41,5" : "41.5";
        errors.Add(new RowError(row.Row, column, text, $"Not a number; write it like {example}."));
        return null;
    }

    private static string Unknown(string what, string code) =>
        code.Length == 0 ? $"The {what} code is missing." : $"Unknown {what} code '{code}'.";
}

/// <summary>The outcome of validating every row of a file.</summary>
public sealed record ValidatedRows(int RowsRead, IReadOnlyList<IncomingObservation> Accepted, IReadOnlyList<RowError> Errors);

using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Checks the rows of one file as they stream past and collects every problem, so an analyst
/// fixes a file in one round: unknown codes, unreadable numbers and periods, duplicate keys,
/// impossible fractions. Remembers only a compact key per row, so a million-row file fits; where
/// the database finds repeated keys from the staged rows instead, it remembers nothing.
/// </summary>
public sealed class ObservationRowValidator(ImportCatalog catalog, CultureInfo numberCulture, bool detectDuplicates = true)
{
    private readonly Dictionary<UInt128, int> _firstRowByKey = [];
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
        if (observation is not null && detectDuplicates)
        {
            var key = KeyHash(observation);
            if (_firstRowByKey.TryGetValue(key, out var first))
            {
                _errors.Add(new RowError(row.Row, "period", row.Period,
                    $"Duplicate of row {first}: {observation.IndicatorCode} / {observation.ScopeCode} / {observation.Period}" +
                    (observation.Subgroup.Length > 0 ? $" / {observation.Subgroup}" : "") + " appears twice in the file."));
            }
            else
            {
                _firstRowByKey.Add(key, row.Row);
            }
        }
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

    /// <summary>
    /// A 128-bit hash stands for the key, so a million-row file costs tens of megabytes here, not
    /// hundreds; two different keys sharing a hash is about as likely as 2^-88 and would only
    /// reject the file, never merge two observations.
    /// </summary>
    private static UInt128 KeyHash(IncomingObservation observation)
    {
        var hash = new XxHash128();
        foreach (var part in new[] { observation.IndicatorCode, observation.ScopeCode, observation.Subgroup, observation.Period.ToString() })
        {
            hash.Append(MemoryMarshal.AsBytes(part.AsSpan()));
            hash.Append([0, 0]);
        }
        return hash.GetCurrentHashAsUInt128();
    }
}

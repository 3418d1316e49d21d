using System.Globalization;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Checks the rows of one file as they stream past and collects every problem, so an analyst
/// fixes a file in one round. This is the one place rows are validated: every ingest path (upload,
/// command line, inbox, scheduled pull, samples) goes through <see cref="ObservationImporter"/>,
/// which uses it; the rules themselves are the named classes in <c>Import/Rules</c>. Keys given
/// twice are found by the storage batch, which knows them as integers; this remembers nothing per row.
/// </summary>
public sealed class ObservationRowValidator(ImportCatalog catalog, CultureInfo numberCulture, ValidationOptions options)
{
    private readonly Dictionary<string, string> _subgroups = new(StringComparer.Ordinal);
    private readonly List<RowError> _errors = [];
    private readonly SubgroupRule _subgroupRule = new(catalog.Dimensions);

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

    /// <summary>A row whose value is marked missing: counted as read, neither accepted nor an error.</summary>
    public void Skip() => RowsRead++;

    /// <summary>Problems found outside the rows (header, malformed lines), kept with the rest.</summary>
    public void AddErrors(IEnumerable<RowError> errors) => _errors.AddRange(errors);

    private IncomingObservation? Check(CanonicalCsvRow row)
    {
        var before = _errors.Count;
        var indicator = catalog.Indicator(row.Indicator);
        if (indicator is null)
        {
            _errors.Add(row.Indicator.Length == 0
                ? RuleText.Error(row.Row, "indicator", "", "Indikatorkoden mangler.", "The indicator code is missing.")
                : RuleText.Error(row.Row, "indicator", row.Indicator,
                    $"Ukendt indikatorkode '{RuleText.Echo(row.Indicator)}'" + Nearest(row.Indicator, "; mente du '{0}'?"),
                    $"Unknown indicator code '{RuleText.Echo(row.Indicator)}'" + Nearest(row.Indicator, "; did you mean '{0}'?")));
        }
        var scope = Scope(row);
        var period = PeriodRule.Check(row.Row, row.Period, indicator, _errors);
        var value = Number(row, "value", row.Value, required: true);
        var numerator = Number(row, "numerator", row.Numerator, required: false);
        var denominator = Number(row, "denominator", row.Denominator, required: false);
        if (value is { } v && indicator is not null)
            UnitValueRule.Check(row.Row, row.Value, v, indicator, options.MaxMagnitude, _errors);
        FractionRule.Check(row, value, numerator, denominator, indicator, _errors);
        var subgroup = _subgroupRule.Check(row.Row, row.Subgroup, _errors);

        if (_errors.Count > before || indicator is null || scope is null || value is null || period is null || subgroup is null)
            return null;
        return new IncomingObservation(
            row.Row, indicator.Code, scope.Code, period.Value, Pooled(subgroup), value.Value, numerator, denominator);
    }

    /// <summary>An area by code, or by name when exactly one scope has that name; ambiguous names list the candidates.</summary>
    private Scope? Scope(CanonicalCsvRow row)
    {
        if (row.Area.Length == 0)
        {
            _errors.Add(RuleText.Error(row.Row, "area", "", "Områdekoden mangler.", "The area code is missing."));
            return null;
        }
        if (catalog.Scope(row.Area) is { } byCode)
            return byCode;
        var named = catalog.ScopesNamed(row.Area);
        if (named.Count == 1)
            return named[0];
        var echo = RuleText.Echo(row.Area);
        if (named.Count > 1)
        {
            var candidates = string.Join(", ", named.Select(s => $"{s.Code} ({s.Name})").Order(StringComparer.Ordinal));
            _errors.Add(RuleText.Error(row.Row, "area", row.Area,
                $"Områdenavnet '{echo}' er tvetydigt; skriv koden for en af: {candidates}.",
                $"The area name '{echo}' is ambiguous; write the code of one of: {candidates}."));
            return null;
        }
        var nearest = EditDistance.Nearest(row.Area, catalog.ScopeCodesAndNames);
        _errors.Add(RuleText.Error(row.Row, "area", row.Area,
            $"Ukendt områdekode eller -navn '{echo}'" + (nearest is null ? "." : $"; mente du '{nearest}'?"),
            $"Unknown area code or name '{echo}'" + (nearest is null ? "." : $"; did you mean '{nearest}'?")));
        return null;
    }

    private string Nearest(string code, string template) =>
        EditDistance.Nearest(code, catalog.IndicatorCodes) is { } nearest
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, template, nearest)
            : ".";

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
                _errors.Add(RuleText.Error(row.Row, column, text, "Værdien mangler.", "A value is required."));
            return null;
        }
        if (AsciiNumber.TryParse(ValueText.Plain(text, numberCulture, percentAllowed: column == "value"), numberCulture, out var number))
        {
            if (Math.Abs(number) <= options.MaxMagnitude)
                return number;
            _errors.Add(RuleText.Error(row.Row, column, text,
                $"Tallet er for stort; højst {RuleText.Da(options.MaxMagnitude)} i absolut værdi.",
                $"The number is too large; at most {RuleText.En(options.MaxMagnitude)} in absolute value."));
            return null;
        }
        var example = numberCulture.NumberFormat.NumberDecimalSeparator == "," ? "41,5" : "41.5";
        _errors.Add(RuleText.Error(row.Row, column, text,
            $"Ikke et tal; skriv det som {example} med cifrene 0–9.",
            $"Not a number; write it like {example} with the digits 0–9."));
        return null;
    }
}

using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// Maps the header of a file to the canonical columns: the English names, the Danish names
/// analysts' exports use (Indikator, Område, År, Værdi, Tæller, Nævner, Undergruppe, …) and any
/// aliases a deployment adds in <see cref="ValidationOptions.ColumnAliases"/>. Matched without
/// regard to case or surrounding spaces. Two headers for one column are an error naming both —
/// a file with <c>value</c> and <c>Værdi</c> must not silently use the first.
/// </summary>
public sealed class HeaderMap
{
    public static readonly string[] RequiredColumns = ["indicator", "area", "period", "value"];
    public static readonly string[] OptionalColumns = ["numerator", "denominator", "subgroup"];

    /// <summary>The built-in aliases, alias → canonical column.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["indikator"] = "indicator",
        ["indikatorkode"] = "indicator",
        ["boligområde"] = "area",
        ["område"] = "area",
        ["omraade"] = "area",
        ["år"] = "period",
        ["aar"] = "period",
        ["periode"] = "period",
        ["værdi"] = "value",
        ["vaerdi"] = "value",
        ["tæller"] = "numerator",
        ["taeller"] = "numerator",
        ["nævner"] = "denominator",
        ["naevner"] = "denominator",
        ["antal"] = "denominator",
        ["undergruppe"] = "subgroup",
        ["målgruppe"] = "subgroup",
        ["maalgruppe"] = "subgroup",
    };

    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    /// <summary>Maps <paramref name="headers"/>; problems go to <see cref="Errors"/>.</summary>
    /// <param name="headers">The header row.</param>
    /// <param name="extraAliases">Aliases from settings.</param>
    /// <param name="required">The columns that must be there (the long format's four unless a wide layout says otherwise).</param>
    /// <param name="allowed">The columns read; others are ignored (a wide table's value columns are read by their header).</param>
    public HeaderMap(
        IReadOnlyList<string> headers, IReadOnlyDictionary<string, string>? extraAliases = null,
        IReadOnlyList<string>? required = null, IReadOnlyList<string>? allowed = null)
    {
        required ??= RequiredColumns;
        var all = RequiredColumns.Concat(OptionalColumns).ToHashSet(StringComparer.Ordinal);
        var known = allowed?.ToHashSet(StringComparer.Ordinal) ?? all;
        var mapping = new List<ColumnMapping>();
        var ignored = new List<string>();
        var errors = new List<RowError>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim().TrimStart('\uFEFF').Trim();
            var canonical = Canonical(header, all, extraAliases);
            if (canonical is null || !known.Contains(canonical))
            {
                ignored.Add(header);
                continue;
            }
            if (_columns.TryGetValue(canonical, out var first))
            {
                var a = RuleText.Echo(headers[first].Trim());
                var b = RuleText.Echo(header);
                errors.Add(RuleText.Error(1, canonical, header,
                    $"Kolonne {first + 1} ('{a}') og kolonne {i + 1} ('{b}') er begge '{canonical}'; fjern den ene.",
                    $"Column {first + 1} ('{a}') and column {i + 1} ('{b}') are both '{canonical}'; remove one of them."));
                continue;
            }
            _columns[canonical] = i;
            mapping.Add(new ColumnMapping(header, canonical));
        }
        var optional = known.Except(required).Order(StringComparer.Ordinal).ToList();
        foreach (var c in required.Where(c => !_columns.ContainsKey(c)))
        {
            errors.Add(RuleText.Error(1, c, null,
                $"Kolonnen '{c}' mangler. Overskriften skal nævne {string.Join(", ", required)} (og kan nævne {string.Join(", ", optional)}); danske navne som Indikator, Område, År, Værdi går også.",
                $"Missing column '{c}'. The header must name {string.Join(", ", required)} (and optionally {string.Join(", ", optional)}); Danish names such as Indikator, Område, År, Værdi work too."));
        }
        Mapping = mapping;
        Ignored = ignored;
        Errors = errors;
    }

    public IReadOnlyList<ColumnMapping> Mapping { get; }

    public IReadOnlyList<string> Ignored { get; }

    public IReadOnlyList<RowError> Errors { get; }

    /// <summary>The index of a canonical column in the file, or -1 when the file leaves it out.</summary>
    public int IndexOf(string canonical) => _columns.GetValueOrDefault(canonical, -1);

    /// <summary>The canonical column a header names, or null.</summary>
    public static string? Canonical(string header, IReadOnlyCollection<string> known, IReadOnlyDictionary<string, string>? extraAliases)
    {
        var lower = header.Trim().ToLowerInvariant();
        if (known.Contains(lower))
            return lower;
        if (extraAliases is not null)
        {
            foreach (var (alias, canonical) in extraAliases)
            {
                if (string.Equals(alias.Trim(), lower, StringComparison.OrdinalIgnoreCase) && known.Contains(canonical.ToLowerInvariant()))
                    return canonical.ToLowerInvariant();
            }
        }
        return BuiltIn.GetValueOrDefault(lower);
    }
}

/// <summary>One header of the file and the canonical column it was read as.</summary>
public sealed record ColumnMapping(string Header, string Column);

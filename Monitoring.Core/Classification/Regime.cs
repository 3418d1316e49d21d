namespace Monitoring.Core.Classification;

/// <summary>
/// One set of rules of the law, in force for the lists of <see cref="FirstListYear"/>–<see cref="LastListYear"/>
/// (open-ended when null). Read from <c>regimes.json</c>; a change of the law is a new regime there.
/// </summary>
public sealed record Regime(
    string Code,
    string Title,
    int FirstListYear,
    int? LastListYear,
    int ListMonth,
    int ListDay,
    int LatestDataYearOffset,
    IReadOnlyList<CriterionRule> Criteria,
    IReadOnlyList<CategoryDefinition> Categories)
{
    public bool Covers(int listYear) => listYear >= FirstListYear && (LastListYear is null || listYear <= LastListYear);

    public DateOnly ListDate(int listYear) => new(listYear, ListMonth, ListDay);

    /// <summary>The last register year the list of <paramref name="listYear"/> reads.</summary>
    public int LatestDataYear(int listYear) => listYear + LatestDataYearOffset;

    public CriterionRule Criterion(string code) =>
        Criteria.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"Regime {Code} has no criterion '{code}'.");
}

/// <summary>
/// One criterion: the indicator's average over <see cref="WindowYears"/> years compared with the threshold by
/// <see cref="Operator"/>. When <see cref="RelativeTo"/> is not none, <see cref="Threshold"/> is a multiple of the
/// reference scope's average over the same window.
/// </summary>
public sealed record CriterionRule(
    string Code,
    string Name,
    string Indicator,
    ComparisonOperator Operator,
    double Threshold,
    ReferenceScope RelativeTo,
    int WindowYears,
    CriterionUnit Unit,
    int Decimals);

/// <summary>A list category; met when any of its alternatives is met.</summary>
public sealed record CategoryDefinition(
    string Code,
    string Name,
    IReadOnlyList<string> Predecessors,
    IReadOnlyList<CategoryRule> Alternatives);

/// <summary>
/// One way to meet a category: every part given must hold — residents minimum, all of <see cref="AllOf"/>,
/// at least <see cref="AtLeast"/> of <see cref="Of"/>, the categories in <see cref="Requires"/> this year,
/// and the <see cref="Streak"/>.
/// </summary>
public sealed record CategoryRule(
    int? ResidentsMinimum = null,
    IReadOnlyList<string>? AllOf = null,
    int? AtLeast = null,
    IReadOnlyList<string>? Of = null,
    IReadOnlyList<string>? Requires = null,
    StreakRule? Streak = null);

/// <summary>
/// "<see cref="Category"/> in each of the latest N years" (this year's list included); the earlier years are
/// judged under their own regime, where the category may have had a predecessor's name.
/// </summary>
public sealed record StreakRule(string Category, int Years, IReadOnlyDictionary<string, int>? YearsByListYear = null)
{
    public int YearsFor(int listYear) =>
        YearsByListYear is not null && YearsByListYear.TryGetValue(listYear.ToString(System.Globalization.CultureInfo.InvariantCulture), out var years)
            ? years
            : Years;
}

public enum ComparisonOperator
{
    Gt,
    Ge,
    Lt,
    Le,
}

public enum ReferenceScope
{
    None,
    National,
    Region,
}

public enum CriterionUnit
{
    Percent,
    Dkk,
    Count,
}

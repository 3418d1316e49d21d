using System.Globalization;
using Microsoft.OData;
using Microsoft.OData.UriParser;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData;

/// <summary>
/// Turns the parsed <c>$filter</c> and <c>$orderby</c> of <c>/odata/Observations</c> into SQL with
/// parameters, so the database does the filtering. The supported subset: comparisons
/// (<c>eq ne gt ge lt le</c>), <c>and</c>, <c>or</c>, <c>not</c> and <c>in</c> on the codes, the
/// period, the year, the batch and the numbers. Anything else is an <see cref="ODataException"/>
/// that names what to do instead — never a filter quietly dropped.
/// </summary>
public sealed class ObservationSqlTranslator
{
    private readonly Dictionary<string, object?> _parameters = [];

    /// <summary>True when the filter reads a value column; such a filter must not see withheld values.</summary>
    public bool ReadsValues { get; private set; }

    public static (ObservationCondition Condition, bool ReadsValues) Where(FilterClause? filter)
    {
        if (filter is null)
            return (ObservationCondition.All, false);
        var translator = new ObservationSqlTranslator();
        var sql = translator.Translate(filter.Expression);
        return (new ObservationCondition(sql, translator._parameters), translator.ReadsValues);
    }

    /// <summary>The caller's order as SQL terms; the storage key is appended by the query as the tie-breaker.</summary>
    public static IReadOnlyList<string> OrderBy(OrderByClause? orderBy)
    {
        var terms = new List<string>();
        for (var clause = orderBy; clause is not null; clause = clause.ThenBy)
        {
            var direction = clause.Direction == OrderByDirection.Descending ? " DESC" : "";
            var name = Property(clause.Expression)
                ?? throw new ODataException("$orderby on Observations takes property names only, e.g. $orderby=Period desc.");
            terms.AddRange(name switch
            {
                "IndicatorCode" => ["s.indicator_code" + direction],
                "AreaCode" => ["s.scope_code" + direction],
                "Subgroup" => ["s.subgroup" + direction],
                "Period" or "Year" => ["o.period_start" + direction, "o.period_end" + direction],
                "BatchId" => ["o.batch_id" + direction],
                _ => throw new ODataException(
                    $"Observations cannot be sorted by {name} on the server; sort by IndicatorCode, AreaCode, Subgroup, Period, Year or BatchId, or sort in the report."),
            });
        }
        return terms;
    }

    private string Translate(SingleValueNode node) => node switch
    {
        ConvertNode convert => Translate(convert.Source),
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.And } and => $"({Translate(and.Left)} AND {Translate(and.Right)})",
        BinaryOperatorNode { OperatorKind: BinaryOperatorKind.Or } or => $"({Translate(or.Left)} OR {Translate(or.Right)})",
        UnaryOperatorNode { OperatorKind: UnaryOperatorKind.Not } not => $"(NOT {Translate(not.Operand)})",
        BinaryOperatorNode comparison => Comparison(comparison),
        InNode @in => In(@in),
        _ => throw new ODataException(
            $"This filter on Observations is not supported ({node.Kind}); use comparisons (eq, ne, gt, ge, lt, le), and, or, not and in."),
    };

    private string Comparison(BinaryOperatorNode node)
    {
        var (name, constant, op) = Property(node.Left) is { } left && Constant(node.Right) is { } right
            ? (left, right, node.OperatorKind)
            : Property(node.Right) is { } r && Constant(node.Left) is { } l
                ? (r, l, Flip(node.OperatorKind))
                : throw new ODataException("Each comparison on Observations compares one property with a literal, e.g. Year ge 2020.");
        return Compare(name, op, constant.Value);
    }

    private string In(InNode node)
    {
        var name = Property(node.Left) ?? throw new ODataException("'in' on Observations takes a property on its left, e.g. AreaCode in ('A','B').");
        if (node.Right is not CollectionConstantNode list || list.Collection.Count == 0)
            throw new ODataException("'in' on Observations takes a list of literals, e.g. AreaCode in ('A','B').");
        return "(" + string.Join(" OR ", list.Collection.Select(c => Compare(name, BinaryOperatorKind.Equal, c.Value))) + ")";
    }

    private string Compare(string name, BinaryOperatorKind op, object? value) => name switch
    {
        "IndicatorCode" => Column("s.indicator_code", op, Text(name, value)),
        "AreaCode" => Column("s.scope_code", op, Text(name, value)),
        "Subgroup" => Column("s.subgroup", op, Text(name, value)),
        "BatchId" => Column("o.batch_id", op, Number(name, value)),
        "Value" => ValueColumn("o.value", op, value, name),
        "Numerator" => ValueColumn("o.numerator", op, value, name),
        "Denominator" => ValueColumn("o.denominator", op, value, name),
        "Year" => YearRange(op, Convert.ToInt32(Number(name, value), CultureInfo.InvariantCulture)),
        "Period" => PeriodRange(op, value as string ?? throw new ODataException("Period is compared with text, e.g. Period ge '2020'.")),
        _ => throw new ODataException(
            $"Observations cannot be filtered by {name} on the server; filter on IndicatorCode, AreaCode, Subgroup, Period, Year, BatchId, Value, Numerator or Denominator."),
    };

    private string ValueColumn(string column, BinaryOperatorKind op, object? value, string name)
    {
        ReadsValues = true;
        return Column(column, op, value is null ? null : Number(name, value));
    }

    private string Column(string column, BinaryOperatorKind op, object? value)
    {
        if (value is null)
        {
            return op switch
            {
                BinaryOperatorKind.Equal => $"{column} IS NULL",
                BinaryOperatorKind.NotEqual => $"{column} IS NOT NULL",
                _ => throw new ODataException("null can only be compared with eq or ne."),
            };
        }
        return $"{column} {Operator(op)} {Parameter(value)}";
    }

    /// <summary>A year is a range of months: the condition reads the period key's index instead of computing on every row.</summary>
    private string YearRange(BinaryOperatorKind op, int year) => op switch
    {
        BinaryOperatorKind.Equal => $"(o.period_start >= {Parameter(year * 12)} AND o.period_start < {Parameter((year + 1) * 12)})",
        BinaryOperatorKind.NotEqual => $"(o.period_start < {Parameter(year * 12)} OR o.period_start >= {Parameter((year + 1) * 12)})",
        BinaryOperatorKind.GreaterThan => $"o.period_start >= {Parameter((year + 1) * 12)}",
        BinaryOperatorKind.GreaterThanOrEqual => $"o.period_start >= {Parameter(year * 12)}",
        BinaryOperatorKind.LessThan => $"o.period_start < {Parameter(year * 12)}",
        BinaryOperatorKind.LessThanOrEqual => $"o.period_start < {Parameter((year + 1) * 12)}",
        _ => throw Unsupported(op),
    };

    /// <summary>
    /// Periods compare by time, not as text: <c>Period ge '2020'</c> is every period starting in 2020 or
    /// later (quarters and months included), <c>Period le '2022'</c> every one ending by 2022.
    /// </summary>
    private string PeriodRange(BinaryOperatorKind op, string text)
    {
        if (!Period.TryParse(text.Trim(), out var period))
            throw new ODataException($"'{text}' is not a period; write 2021, 2021H1, 2021Q3 or 2021-05.");
        return op switch
        {
            BinaryOperatorKind.Equal => $"(o.period_start = {Parameter(period.StartOrdinal)} AND o.period_end = {Parameter(period.EndOrdinal)})",
            BinaryOperatorKind.NotEqual => $"NOT (o.period_start = {Parameter(period.StartOrdinal)} AND o.period_end = {Parameter(period.EndOrdinal)})",
            BinaryOperatorKind.GreaterThan => $"o.period_start > {Parameter(period.EndOrdinal)}",
            BinaryOperatorKind.GreaterThanOrEqual => $"o.period_start >= {Parameter(period.StartOrdinal)}",
            BinaryOperatorKind.LessThan => $"o.period_end < {Parameter(period.StartOrdinal)}",
            BinaryOperatorKind.LessThanOrEqual => $"o.period_end <= {Parameter(period.EndOrdinal)}",
            _ => throw Unsupported(op),
        };
    }

    private string Parameter(object value)
    {
        var name = "f" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters[name] = value;
        return "@" + name;
    }

    private static string Text(string name, object? value) => value switch
    {
        null => null!,
        string s => s,
        _ => throw new ODataException($"{name} is compared with text in quotes."),
    };

    private static object Number(string name, object? value) => value switch
    {
        int or long or double or decimal or float or short or byte => value,
        _ => throw new ODataException($"{name} is compared with a number."),
    };

    private static string Operator(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.Equal => "=",
        BinaryOperatorKind.NotEqual => "<>",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        _ => throw Unsupported(op),
    };

    private static BinaryOperatorKind Flip(BinaryOperatorKind op) => op switch
    {
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        _ => op,
    };

    private static ODataException Unsupported(BinaryOperatorKind op) =>
        new($"The operator {op} is not supported on Observations; use eq, ne, gt, ge, lt, le, and, or, not or in.");

    private static string? Property(SingleValueNode node) => node switch
    {
        ConvertNode convert => Property(convert.Source),
        SingleValuePropertyAccessNode { Source: ResourceRangeVariableReferenceNode } access => access.Property.Name,
        _ => null,
    };

    private static ConstantNode? Constant(SingleValueNode node) => node switch
    {
        ConvertNode convert => Constant(convert.Source),
        ConstantNode constant => constant,
        _ => null,
    };
}

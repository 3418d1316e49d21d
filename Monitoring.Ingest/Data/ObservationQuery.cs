using System.Globalization;
using System.Text;
using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Data;

/// <summary>Filters for reading observations; null means "any".</summary>
public sealed record ObservationFilter(
    string? IndicatorCode = null,
    string? ScopeCode = null,
    string? Subgroup = null,
    Period? From = null,
    Period? To = null,
    long? AsOfBatch = null);

/// <summary>Where an observation sits in storage order: its series and period. The pagination key.</summary>
public readonly record struct ObservationPosition(long SeriesId, int PeriodStart, int PeriodEnd)
{
    /// <summary>Before every observation.</summary>
    public static ObservationPosition Start => new(0, 0, 0);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{SeriesId}.{PeriodStart}.{PeriodEnd}");

    public static bool TryParse(string? text, out ObservationPosition position)
    {
        position = Start;
        var parts = text?.Split('.');
        if (parts is not { Length: 3 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var series)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            return false;
        position = new ObservationPosition(series, start, end);
        return true;
    }
}

/// <summary>An observation as served, with its position in storage order.</summary>
public sealed record StoredObservation(ObservationPosition Position, Observation Observation);

/// <summary>
/// Reads observations page by page in (series, period) order, keyed on that position, so paging
/// never skips or repeats an observation even while imports run (a revision replaces a value in
/// place). Sees the current versions unless asked "as of" an earlier batch: then the current
/// version if that batch or an earlier one delivered it, else the historical version that was
/// current at that batch.
/// </summary>
public sealed class ObservationQuery(MonitoringDatabase database)
{
    private const string VersionColumns = "series_id, period_start, period_end, value, numerator, denominator, flags, batch_id";

    public async Task<IReadOnlyList<StoredObservation>> PageAsync(
        ObservationFilter filter, ObservationPosition after, int limit, CancellationToken cancellationToken = default)
    {
        var versions = filter.AsOfBatch is null
            ? "observations"
            : $"""
              (SELECT {VersionColumns} FROM observations WHERE batch_id <= @AsOfBatch
               UNION ALL
               SELECT {VersionColumns} FROM observation_history WHERE batch_id <= @AsOfBatch AND superseded_by > @AsOfBatch)
              """;
        var sql = new StringBuilder(
            $"""
            SELECT o.series_id AS SeriesId, s.indicator_code AS IndicatorCode, s.scope_code AS ScopeCode, s.subgroup AS Subgroup,
                   o.period_start AS PeriodStart, o.period_end AS PeriodEnd, o.value AS Value, o.numerator AS Numerator,
                   o.denominator AS Denominator, o.flags AS Flags, o.batch_id AS BatchId
            FROM {versions} o
            JOIN series s ON s.id = o.series_id
            WHERE (o.series_id, o.period_start, o.period_end) > (@afterSeries, @afterStart, @afterEnd)
            """);
        // The series are chosen in a subquery so the engine reads their ranges of the primary key
        // instead of walking every observation and testing its series.
        var series = new List<string>();
        if (filter.IndicatorCode is not null)
            series.Add("indicator_code = @IndicatorCode");
        if (filter.ScopeCode is not null)
            series.Add("scope_code = @ScopeCode");
        if (filter.Subgroup is not null)
            series.Add("subgroup = @Subgroup");
        if (series.Count > 0)
            sql.Append(" AND o.series_id IN (SELECT id FROM series WHERE ").AppendJoin(" AND ", series).Append(')');
        if (filter.From is not null)
            sql.Append(" AND o.period_start >= @fromStart");
        if (filter.To is not null)
            sql.Append(" AND o.period_end <= @toEnd");
        sql.Append(" ORDER BY o.series_id, o.period_start, o.period_end LIMIT @limit");

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PagedRow>(new CommandDefinition(sql.ToString(), new
        {
            afterSeries = after.SeriesId, afterStart = after.PeriodStart, afterEnd = after.PeriodEnd, limit,
            filter.AsOfBatch, filter.IndicatorCode, filter.ScopeCode, filter.Subgroup,
            fromStart = filter.From?.StartOrdinal, toEnd = filter.To?.EndOrdinal,
        }, cancellationToken: cancellationToken));
        return rows.Select(r => new StoredObservation(new ObservationPosition(r.SeriesId, r.PeriodStart, r.PeriodEnd), r.ToObservation()))
            .ToList();
    }

    private sealed class PagedRow
    {
        public long SeriesId { get; set; }
        public string IndicatorCode { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public string Subgroup { get; set; } = "";
        public int PeriodStart { get; set; }
        public int PeriodEnd { get; set; }
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }
        public int Flags { get; set; }
        public long BatchId { get; set; }

        public Observation ToObservation() => new(
            IndicatorCode, ScopeCode, Period.FromOrdinals(PeriodStart, PeriodEnd), Subgroup, Value, Numerator, Denominator,
            (ObservationFlags)Flags, BatchId);
    }
}

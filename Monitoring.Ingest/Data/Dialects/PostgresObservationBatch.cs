using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Npgsql;
using NpgsqlTypes;

namespace Monitoring.Ingest.Data.Dialects;

/// <summary>
/// PostgreSQL's fast path: rows stream by binary COPY into a temporary staging table as they are
/// validated, each carrying a small per-file series number instead of its three codes; the few
/// distinct series follow in one statement. Then a handful of set-based statements run inside the
/// database: new series get their ids, the staged rows are matched with the current versions by
/// (series, period), changed versions move to the history, and new ones are written. The client
/// holds only the file's series, and the batch commits or vanishes whole with the transaction.
/// </summary>
public sealed class PostgresObservationBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, long batchId) : IObservationBatch
{
    private readonly Dictionary<(string Indicator, string Scope, string Subgroup), int> _fileSeries = [];
    private NpgsqlBinaryImporter? _copy;
    private bool _staged;
    private bool _planned;

    public async Task AddAsync(IncomingObservation row, CancellationToken cancellationToken)
    {
        _copy ??= await StartCopyAsync(cancellationToken);
        var key = (row.IndicatorCode, row.ScopeCode, row.Subgroup);
        if (!_fileSeries.TryGetValue(key, out var series))
            _fileSeries.Add(key, series = _fileSeries.Count + 1);
        // Synchronous writes on purpose: they fill Npgsql's buffer and only block when it flushes,
        // while an await per field costs more than the field.
        _copy.StartRow();
        _copy.Write(row.Row, NpgsqlDbType.Integer);
        _copy.Write(series, NpgsqlDbType.Integer);
        _copy.Write(row.Period.StartOrdinal, NpgsqlDbType.Integer);
        _copy.Write(row.Period.EndOrdinal, NpgsqlDbType.Integer);
        _copy.Write(row.Value, NpgsqlDbType.Double);
        WriteNullable(row.Numerator);
        WriteNullable(row.Denominator);
    }

    public async Task<IReadOnlyList<RowError>> DuplicatesAsync(CancellationToken cancellationToken)
    {
        await PlanAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Row, int FirstRow, string Indicator, string Scope, int Start, int End, string Subgroup)>(new CommandDefinition(
            """
            SELECT m.source_row, d.first_row, se.indicator_code, se.scope_code, m.period_start, m.period_end, se.subgroup
            FROM (SELECT series_id, period_start, period_end, MIN(source_row) AS first_row
                  FROM merge_plan GROUP BY series_id, period_start, period_end HAVING COUNT(*) > 1) d
            JOIN merge_plan m ON m.series_id = d.series_id AND m.period_start = d.period_start AND m.period_end = d.period_end
            JOIN series se ON se.id = m.series_id
            WHERE m.source_row <> d.first_row
            ORDER BY m.source_row
            """, transaction: transaction, commandTimeout: MergeTimeoutSeconds, cancellationToken: cancellationToken));
        return rows.Select(d =>
            {
                var period = Period.FromOrdinals(d.Start, d.End).ToString();
                return DuplicateRow.Error(d.Row, d.FirstRow, d.Indicator, d.Scope, period, d.Subgroup);
            })
            .ToList();
    }

    public async Task<ChangeCounts> CompareAsync(CancellationToken cancellationToken)
    {
        await PlanAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(long Created, long Changed, long Unchanged)>(new CommandDefinition(
            """
            SELECT COUNT(*) FILTER (WHERE created), COUNT(*) FILTER (WHERE differs), COUNT(*) FILTER (WHERE NOT created AND NOT differs)
            FROM merge_plan
            """, transaction: transaction, commandTimeout: MergeTimeoutSeconds, cancellationToken: cancellationToken));
        return new ChangeCounts((int)counts.Created, (int)counts.Changed, (int)counts.Unchanged);
    }

    /// <summary>
    /// Ends the staging, gives the file's series their ids and matches every staged row with the
    /// current version of its key, keeping the old version's columns so the history needs no second lookup.
    /// </summary>
    private async Task PlanAsync(CancellationToken cancellationToken)
    {
        if (_planned)
            return;
        _copy ??= await StartCopyAsync(cancellationToken);
        await _copy.CompleteAsync(cancellationToken);
        await _copy.DisposeAsync();
        _staged = true;

        // Hashing a million keys in memory beats sorting them on disk; the setting ends with the transaction.
        await Execute("SET LOCAL work_mem = '256MB'", cancellationToken);
        await Execute(
            """
            CREATE TEMP TABLE staging_series (
                file_series INTEGER PRIMARY KEY, indicator_code TEXT NOT NULL, scope_code TEXT NOT NULL, subgroup TEXT NOT NULL,
                series_id BIGINT
            ) ON COMMIT DROP
            """, cancellationToken);
        var ordered = _fileSeries.OrderBy(s => s.Value).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO staging_series (file_series, indicator_code, scope_code, subgroup)
            SELECT * FROM unnest(@numbers, @indicators, @scopes, @subgroups)
            """,
            new
            {
                numbers = ordered.Select(s => s.Value).ToArray(),
                indicators = ordered.Select(s => s.Key.Indicator).ToArray(),
                scopes = ordered.Select(s => s.Key.Scope).ToArray(),
                subgroups = ordered.Select(s => s.Key.Subgroup).ToArray(),
            }, transaction, MergeTimeoutSeconds, cancellationToken: cancellationToken));
        await Execute(
            """
            INSERT INTO series (indicator_code, scope_code, subgroup)
            SELECT indicator_code, scope_code, subgroup FROM staging_series ORDER BY file_series
            ON CONFLICT (indicator_code, scope_code, subgroup) DO NOTHING
            """, cancellationToken);
        await Execute(
            """
            UPDATE staging_series f SET series_id = se.id
            FROM series se
            WHERE se.indicator_code = f.indicator_code AND se.scope_code = f.scope_code AND se.subgroup = f.subgroup
            """, cancellationToken);
        await Execute("ANALYZE staging_series; ANALYZE staging_observations", cancellationToken);
        await Execute(
            """
            CREATE TEMP TABLE merge_plan ON COMMIT DROP AS
            SELECT f.series_id, s.source_row, s.period_start, s.period_end, s.value, s.numerator, s.denominator,
                   o.batch_id AS old_batch, o.value AS old_value, o.numerator AS old_numerator,
                   o.denominator AS old_denominator, o.flags AS old_flags,
                   o.series_id IS NULL AS created,
                   (o.series_id IS NOT NULL AND (o.value IS DISTINCT FROM s.value OR o.numerator IS DISTINCT FROM s.numerator
                                                 OR o.denominator IS DISTINCT FROM s.denominator)) AS differs
            FROM staging_observations s
            JOIN staging_series f ON f.file_series = s.file_series
            LEFT JOIN observations o ON o.series_id = f.series_id AND o.period_start = s.period_start AND o.period_end = s.period_end
            """, cancellationToken);
        await Execute("ANALYZE merge_plan", cancellationToken);
        _planned = true;
    }

    public async Task CommitAsync(Action<int>? progress, CancellationToken cancellationToken)
    {
        await Execute(
            """
            INSERT INTO observation_history (series_id, period_start, period_end, batch_id, superseded_by,
                                             value, numerator, denominator, flags)
            SELECT series_id, period_start, period_end, old_batch, @batchId, old_value, old_numerator, old_denominator, old_flags
            FROM merge_plan
            WHERE differs
            """, cancellationToken);
        var changed = await Execute(
            $"""
            UPDATE observations o
            SET value = m.value, numerator = m.numerator, denominator = m.denominator,
                flags = {(int)ObservationFlags.Revised}, batch_id = @batchId
            FROM merge_plan m
            WHERE m.differs AND o.series_id = m.series_id AND o.period_start = m.period_start AND o.period_end = m.period_end
            """, cancellationToken);
        progress?.Invoke(changed);
        var created = await Execute(
            """
            INSERT INTO observations (series_id, period_start, period_end, value, numerator, denominator, flags, batch_id)
            SELECT series_id, period_start, period_end, value, numerator, denominator, 0, @batchId
            FROM merge_plan
            WHERE created
            """, cancellationToken);
        progress?.Invoke(changed + created);
    }

    private async Task<NpgsqlBinaryImporter> StartCopyAsync(CancellationToken cancellationToken)
    {
        await Execute(
            """
            CREATE TEMP TABLE staging_observations (
                source_row INTEGER NOT NULL, file_series INTEGER NOT NULL, period_start INTEGER NOT NULL, period_end INTEGER NOT NULL,
                value DOUBLE PRECISION, numerator DOUBLE PRECISION, denominator DOUBLE PRECISION
            ) ON COMMIT DROP
            """, cancellationToken);
        return await connection.BeginBinaryImportAsync(
            """
            COPY staging_observations (source_row, file_series, period_start, period_end, value, numerator, denominator)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
    }

    /// <summary>Merging a large batch takes longer than the default 30-second command timeout; the import's own token bounds it.</summary>
    private const int MergeTimeoutSeconds = 0;

    private Task<int> Execute(string sql, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, new { batchId }, transaction, MergeTimeoutSeconds, cancellationToken: cancellationToken));

    private void WriteNullable(double? value)
    {
        if (value is null)
            _copy!.WriteNull();
        else
            _copy!.Write(value.Value, NpgsqlDbType.Double);
    }

    public async ValueTask DisposeAsync()
    {
        if (_copy is not null && !_staged)
            await _copy.DisposeAsync();
    }
}

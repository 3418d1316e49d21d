using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Import;
using Npgsql;
using NpgsqlTypes;

namespace Monitoring.Ingest.Storage.Dialects;

/// <summary>
/// PostgreSQL's fast path: rows stream by binary COPY into a temporary staging table as they are
/// validated, then a few set-based statements run inside the database: new series get their ids,
/// the staged rows are compared with the current versions by (series, period), changed versions
/// move to the history, and new ones are written. The client never holds the file, and the batch
/// still commits or vanishes whole with the transaction.
/// </summary>
public sealed class PostgresObservationBatch(NpgsqlConnection connection, NpgsqlTransaction transaction, long batchId) : IObservationBatch
{
    private NpgsqlBinaryImporter? _copy;
    private bool _staged;

    public async Task AddAsync(IncomingObservation row, CancellationToken cancellationToken)
    {
        _copy ??= await StartCopyAsync(cancellationToken);
        // Synchronous writes on purpose: they fill Npgsql's buffer and only block when it flushes,
        // while an await per field costs more than the field.
        _copy.StartRow();
        _copy.Write(row.Row, NpgsqlDbType.Integer);
        _copy.Write(row.IndicatorCode, NpgsqlDbType.Text);
        _copy.Write(row.ScopeCode, NpgsqlDbType.Text);
        _copy.Write(row.Subgroup, NpgsqlDbType.Text);
        _copy.Write(row.Period.StartOrdinal, NpgsqlDbType.Integer);
        _copy.Write(row.Period.EndOrdinal, NpgsqlDbType.Integer);
        _copy.Write(row.Value, NpgsqlDbType.Double);
        WriteNullable(row.Numerator);
        WriteNullable(row.Denominator);
    }

    public bool FindsDuplicates => true;

    public async Task<IReadOnlyList<RowError>> DuplicatesAsync(CancellationToken cancellationToken)
    {
        await FinishStagingAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Row, int FirstRow, string Indicator, string Scope, int Start, int End, string Subgroup)>(new CommandDefinition(
            """
            SELECT source_row, first_row, indicator_code, scope_code, period_start, period_end, subgroup FROM (
                SELECT source_row, indicator_code, scope_code, period_start, period_end, subgroup,
                       MIN(source_row) OVER (PARTITION BY indicator_code, scope_code, subgroup, period_start, period_end) AS first_row
                FROM staging_observations) keyed
            WHERE source_row <> first_row
            ORDER BY source_row
            """, transaction: transaction, commandTimeout: MergeTimeoutSeconds, cancellationToken: cancellationToken));
        return rows.Select(d =>
            {
                var period = Period.FromOrdinals(d.Start, d.End).ToString();
                return new RowError(d.Row, "period", period,
                    $"Duplicate of row {d.FirstRow}: {d.Indicator} / {d.Scope} / {period}" +
                    (d.Subgroup.Length > 0 ? $" / {d.Subgroup}" : "") + " appears twice in the file.");
            })
            .ToList();
    }

    private async Task FinishStagingAsync(CancellationToken cancellationToken)
    {
        if (_staged)
            return;
        _copy ??= await StartCopyAsync(cancellationToken);
        await _copy.CompleteAsync(cancellationToken);
        await _copy.DisposeAsync();
        _staged = true;
    }

    public async Task<ChangeCounts> CompareAsync(CancellationToken cancellationToken)
    {
        await FinishStagingAsync(cancellationToken);
        await Execute(
            """
            INSERT INTO series (indicator_code, scope_code, subgroup)
            SELECT DISTINCT indicator_code, scope_code, subgroup FROM staging_observations
            ON CONFLICT (indicator_code, scope_code, subgroup) DO NOTHING
            """, cancellationToken);
        await Execute(
            """
            CREATE TEMP TABLE merge_plan ON COMMIT DROP AS
            SELECT se.id AS series_id, s.period_start, s.period_end, s.value, s.numerator, s.denominator,
                   o.series_id IS NULL AS created,
                   (o.series_id IS NOT NULL AND (o.value IS DISTINCT FROM s.value OR o.numerator IS DISTINCT FROM s.numerator
                                                 OR o.denominator IS DISTINCT FROM s.denominator)) AS differs
            FROM staging_observations s
            JOIN series se ON se.indicator_code = s.indicator_code AND se.scope_code = s.scope_code AND se.subgroup = s.subgroup
            LEFT JOIN observations o ON o.series_id = se.id AND o.period_start = s.period_start AND o.period_end = s.period_end
            """, cancellationToken);
        var counts = await connection.QuerySingleAsync<(long Created, long Changed, long Unchanged)>(new CommandDefinition(
            """
            SELECT COUNT(*) FILTER (WHERE created), COUNT(*) FILTER (WHERE differs), COUNT(*) FILTER (WHERE NOT created AND NOT differs)
            FROM merge_plan
            """, transaction: transaction, commandTimeout: MergeTimeoutSeconds, cancellationToken: cancellationToken));
        return new ChangeCounts((int)counts.Created, (int)counts.Changed, (int)counts.Unchanged);
    }

    public async Task CommitAsync(Action<int>? progress, CancellationToken cancellationToken)
    {
        await Execute(
            """
            INSERT INTO observation_history (series_id, period_start, period_end, batch_id, superseded_by,
                                             value, numerator, denominator, flags)
            SELECT o.series_id, o.period_start, o.period_end, o.batch_id, @batchId, o.value, o.numerator, o.denominator, o.flags
            FROM merge_plan m
            JOIN observations o ON o.series_id = m.series_id AND o.period_start = m.period_start AND o.period_end = m.period_end
            WHERE m.differs
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
                source_row INTEGER NOT NULL, indicator_code TEXT NOT NULL, scope_code TEXT NOT NULL, subgroup TEXT NOT NULL,
                period_start INTEGER NOT NULL, period_end INTEGER NOT NULL,
                value DOUBLE PRECISION, numerator DOUBLE PRECISION, denominator DOUBLE PRECISION
            ) ON COMMIT DROP
            """, cancellationToken);
        return await connection.BeginBinaryImportAsync(
            """
            COPY staging_observations (source_row, indicator_code, scope_code, subgroup, period_start, period_end,
                                       value, numerator, denominator)
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

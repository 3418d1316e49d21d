using Dapper;
using Monitoring.Ingest.Import;
using Npgsql;
using NpgsqlTypes;

namespace Monitoring.Ingest.Storage.Dialects;

/// <summary>
/// PostgreSQL's fast path: rows stream by binary COPY into a temporary staging table as they are
/// validated, then one set-based comparison and one merge run inside the database. The client
/// never holds the file, and the batch still commits or vanishes whole with the transaction.
/// </summary>
public sealed class PostgresObservationBatch(NpgsqlConnection connection, NpgsqlTransaction transaction) : IObservationBatch
{
    private const string KeysMatch =
        "o.indicator_code = s.indicator_code AND o.scope_code = s.scope_code AND o.subgroup = s.subgroup AND o.period = s.period";

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
        _copy.Write(row.Period.ToString(), NpgsqlDbType.Text);
        _copy.Write(row.Period.StartOrdinal, NpgsqlDbType.Integer);
        _copy.Write(row.Period.EndOrdinal, NpgsqlDbType.Integer);
        _copy.Write(row.Subgroup, NpgsqlDbType.Text);
        _copy.Write(row.Value, NpgsqlDbType.Double);
        WriteNullable(row.Numerator);
        WriteNullable(row.Denominator);
    }

    public bool FindsDuplicates => true;

    public async Task<IReadOnlyList<RowError>> DuplicatesAsync(CancellationToken cancellationToken)
    {
        await FinishStagingAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Row, int FirstRow, string Indicator, string Scope, string Period, string Subgroup)>(new CommandDefinition(
            """
            SELECT source_row, first_row, indicator_code, scope_code, period, subgroup FROM (
                SELECT source_row, indicator_code, scope_code, period, subgroup,
                       MIN(source_row) OVER (PARTITION BY indicator_code, scope_code, subgroup, period) AS first_row
                FROM staging_observations) keyed
            WHERE source_row <> first_row
            ORDER BY source_row
            """, transaction: transaction, commandTimeout: MergeTimeoutSeconds, cancellationToken: cancellationToken));
        return rows.Select(d => new RowError(d.Row, "period", d.Period,
                $"Duplicate of row {d.FirstRow}: {d.Indicator} / {d.Scope} / {d.Period}" +
                (d.Subgroup.Length > 0 ? $" / {d.Subgroup}" : "") + " appears twice in the file."))
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
            $"""
            CREATE TEMP TABLE merge_plan ON COMMIT DROP AS
            SELECT s.indicator_code, s.scope_code, s.period, s.period_start, s.period_end, s.subgroup,
                   s.value, s.numerator, s.denominator, o.id AS existing_id,
                   (o.id IS NOT NULL AND (o.value IS DISTINCT FROM s.value OR o.numerator IS DISTINCT FROM s.numerator
                                          OR o.denominator IS DISTINCT FROM s.denominator)) AS differs
            FROM staging_observations s
            LEFT JOIN observations o ON o.is_current = 1 AND {KeysMatch}
            """, cancellationToken);
        var counts = await connection.QuerySingleAsync<(long Created, long Changed, long Unchanged)>(new CommandDefinition(
            """
            SELECT COUNT(*) FILTER (WHERE existing_id IS NULL),
                   COUNT(*) FILTER (WHERE differs),
                   COUNT(*) FILTER (WHERE existing_id IS NOT NULL AND NOT differs)
            FROM merge_plan
            """, transaction: transaction, commandTimeout: MergeTimeoutSeconds, cancellationToken: cancellationToken));
        return new ChangeCounts((int)counts.Created, (int)counts.Changed, (int)counts.Unchanged);
    }

    public async Task CommitAsync(long batchId, Action<int>? progress, CancellationToken cancellationToken)
    {
        await Execute("UPDATE observations SET is_current = 0 WHERE id IN (SELECT existing_id FROM merge_plan WHERE differs)", cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO observations (indicator_code, scope_code, period, period_start, period_end, subgroup,
                                      value, numerator, denominator, flags, batch_id, is_current)
            SELECT indicator_code, scope_code, period, period_start, period_end, subgroup,
                   value, numerator, denominator, CASE WHEN differs THEN 2 ELSE 0 END, @batchId, 1
            FROM merge_plan
            WHERE existing_id IS NULL OR differs
            """, new { batchId }, transaction, MergeTimeoutSeconds, cancellationToken: cancellationToken));
        progress?.Invoke(inserted);
    }

    private async Task<NpgsqlBinaryImporter> StartCopyAsync(CancellationToken cancellationToken)
    {
        await Execute(
            """
            CREATE TEMP TABLE staging_observations (
                source_row INTEGER NOT NULL, indicator_code TEXT NOT NULL, scope_code TEXT NOT NULL, period TEXT NOT NULL,
                period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, subgroup TEXT NOT NULL,
                value DOUBLE PRECISION, numerator DOUBLE PRECISION, denominator DOUBLE PRECISION
            ) ON COMMIT DROP
            """, cancellationToken);
        return await connection.BeginBinaryImportAsync(
            """
            COPY staging_observations (source_row, indicator_code, scope_code, period, period_start, period_end, subgroup,
                                       value, numerator, denominator)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
    }

    /// <summary>Merging a large batch takes longer than the default 30-second command timeout; the import's own token bounds it.</summary>
    private const int MergeTimeoutSeconds = 0;

    private Task<int> Execute(string sql, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, commandTimeout: MergeTimeoutSeconds, cancellationToken: cancellationToken));

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

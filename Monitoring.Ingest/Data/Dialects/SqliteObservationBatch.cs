using System.Data.Common;
using Dapper;
using Monitoring.Core.Model;

namespace Monitoring.Ingest.Data.Dialects;

/// <summary>
/// SQLite has no bulk protocol, but it runs in-process: each row goes straight into its final place
/// inside the import's transaction, with prepared statements reused per row. A new key is one
/// insert; an existing one is read by its primary key and, when it differs, moved to the history
/// and replaced. Per row only the first row number of its key is held (an integer pair, to name
/// repeats), so memory stays small however large the file; a rejected file or a dry run rolls the
/// transaction back.
/// </summary>
public sealed class SqliteObservationBatch : IObservationBatch
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly long _batchId;
    private readonly Dictionary<(string Indicator, string Scope, string Subgroup), long> _seriesIds = [];
    private readonly Dictionary<long, int> _firstRowByKey = [];
    private readonly List<RowError> _duplicates = [];
    private readonly DbCommand _insert;
    private readonly DbCommand _read;
    private readonly DbCommand _keep;
    private readonly DbCommand _replace;
    private int _created;
    private int _changed;
    private int _unchanged;
    private bool _seriesLoaded;

    public SqliteObservationBatch(DbConnection connection, DbTransaction transaction, long batchId)
    {
        _connection = connection;
        _transaction = transaction;
        _batchId = batchId;
        _insert = Command(
            """
            INSERT INTO observations (series_id, period_start, period_end, value, numerator, denominator, flags, batch_id)
            VALUES (@series, @start, @end, @value, @numerator, @denominator, 0, @batch)
            ON CONFLICT (series_id, period_start, period_end) DO NOTHING
            """);
        _read = Command(
            """
            SELECT value, numerator, denominator FROM observations
            WHERE series_id = @series AND period_start = @start AND period_end = @end
            """);
        _keep = Command(
            """
            INSERT INTO observation_history (series_id, period_start, period_end, batch_id, superseded_by,
                                             value, numerator, denominator, flags)
            SELECT series_id, period_start, period_end, batch_id, @batch, value, numerator, denominator, flags
            FROM observations WHERE series_id = @series AND period_start = @start AND period_end = @end
            """);
        _replace = Command(
            $"""
            UPDATE observations
            SET value = @value, numerator = @numerator, denominator = @denominator, flags = {(int)ObservationFlags.Revised}, batch_id = @batch
            WHERE series_id = @series AND period_start = @start AND period_end = @end
            """);
    }

    public async Task AddAsync(IncomingObservation row, CancellationToken cancellationToken)
    {
        var series = await SeriesIdAsync(row, cancellationToken);
        if (!_firstRowByKey.TryAdd(PackedKey(series, row), row.Row))
        {
            _duplicates.Add(DuplicateRow.Error(
                row.Row, _firstRowByKey[PackedKey(series, row)], row.IndicatorCode, row.ScopeCode, row.Period.ToString(), row.Subgroup));
            return;
        }
        foreach (var command in (DbCommand[])[_insert, _read, _keep, _replace])
        {
            command.Parameters["@series"].Value = series;
            command.Parameters["@start"].Value = row.Period.StartOrdinal;
            command.Parameters["@end"].Value = row.Period.EndOrdinal;
        }
        SetValues(_insert, row);
        if (await _insert.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            _created++;
            return;
        }

        bool same;
        await using (var reader = await _read.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            same = Nullable(reader, 0) == row.Value && Nullable(reader, 1) == row.Numerator && Nullable(reader, 2) == row.Denominator;
        }
        if (same)
        {
            _unchanged++;
            return;
        }
        await _keep.ExecuteNonQueryAsync(cancellationToken);
        SetValues(_replace, row);
        await _replace.ExecuteNonQueryAsync(cancellationToken);
        _changed++;
    }

    public Task<IReadOnlyList<RowError>> DuplicatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RowError>>(_duplicates);

    /// <summary>Series id, first month and length in one exact 64-bit key: ids below 2^40, months below 2^15, lengths below 2^5.</summary>
    private static long PackedKey(long series, IncomingObservation row) =>
        (series << 20) | ((long)row.Period.StartOrdinal << 5) | (long)(row.Period.EndOrdinal - row.Period.StartOrdinal);

    public Task<ChangeCounts> CompareAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ChangeCounts(_created, _changed, _unchanged));

    /// <summary>Every row is already in place; the transaction's commit makes it visible.</summary>
    public Task CommitAsync(Action<int>? progress, CancellationToken cancellationToken)
    {
        progress?.Invoke(_created + _changed);
        return Task.CompletedTask;
    }

    private async Task<long> SeriesIdAsync(IncomingObservation row, CancellationToken cancellationToken)
    {
        if (!_seriesLoaded)
        {
            var all = await _connection.QueryAsync<(long Id, string Indicator, string Scope, string Subgroup)>(new CommandDefinition(
                "SELECT id, indicator_code, scope_code, subgroup FROM series", transaction: _transaction, cancellationToken: cancellationToken));
            foreach (var s in all)
                _seriesIds[(s.Indicator, s.Scope, s.Subgroup)] = s.Id;
            _seriesLoaded = true;
        }
        var key = (row.IndicatorCode, row.ScopeCode, row.Subgroup);
        if (_seriesIds.TryGetValue(key, out var id))
            return id;
        id = await SeriesStore.CreateAsync(_connection, _transaction, row.IndicatorCode, row.ScopeCode, row.Subgroup, cancellationToken);
        _seriesIds[key] = id;
        return id;
    }

    private static void SetValues(DbCommand command, IncomingObservation row)
    {
        command.Parameters["@value"].Value = row.Value;
        command.Parameters["@numerator"].Value = (object?)row.Numerator ?? DBNull.Value;
        command.Parameters["@denominator"].Value = (object?)row.Denominator ?? DBNull.Value;
    }

    private static double? Nullable(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private DbCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in (string[])["@series", "@start", "@end", "@value", "@numerator", "@denominator", "@batch"])
        {
            if (!sql.Contains(name, StringComparison.Ordinal))
                continue;
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            if (name == "@batch")
                parameter.Value = _batchId;
        }
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in (DbCommand[])[_insert, _read, _keep, _replace])
            await command.DisposeAsync();
    }
}

using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Monitoring.Core.Model;
using Npgsql;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Undoes a batch with a new batch (source <c>revert</c>), so the undo is in the journal and in the
/// history like any other write: for every key batch B touched, the version current before B comes
/// back. A key B revised gets its earlier values as a new current version; a key B created leaves
/// the current data; a key B withdrew comes back. B's versions move to the history superseded by
/// the revert, so "as of" any batch before the revert still sees the old picture. A key a later
/// batch changed is not touched (undoing B must not undo that batch too) and is reported as skipped.
/// </summary>
public sealed class BatchReverter(MonitoringDatabase database, TimeProvider clock)
{
    private const string KeyColumns =
        "s.indicator_code AS IndicatorCode, s.scope_code AS ScopeCode, s.subgroup AS Subgroup";

    public async Task<RevertResult> RevertAsync(RevertRequest request, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var target = await connection.QuerySingleOrDefaultAsync<(long Id, long? RevertedBy)?>(new CommandDefinition(
            "SELECT b.id, (SELECT r.id FROM import_batches r WHERE r.reverts_batch_id = b.id) FROM import_batches b WHERE b.id = @BatchId",
            request, transaction, cancellationToken: cancellationToken));
        if (target is null)
            return new RevertResult(RevertOutcome.NotFound);
        if (target.Value.RevertedBy is { } earlier)
            return new RevertResult(RevertOutcome.AlreadyReverted, RevertedBy: earlier);

        var record = new ImportBatch(0, "revert", $"revert of batch {request.BatchId.ToString(CultureInfo.InvariantCulture)}", "", "revert",
            0, 0, 0, 0, 0, 0, ImportStatus.Committed, request.RequestedBy, clock.GetUtcNow(),
            RevertsBatchId: request.BatchId, Reason: string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim());
        long revertId = 0;
        if (!request.DryRun)
        {
            try
            {
                revertId = await ImportBatchStore.InsertAsync(connection, transaction, record);
            }
            catch (DbException e) when (IsUniqueViolation(e))
            {
                // Another revert of the same batch committed between the check and this insert.
                await transaction.RollbackAsync(CancellationToken.None);
                return new RevertResult(RevertOutcome.AlreadyReverted, RevertedBy: await RevertedByAsync(request.BatchId, cancellationToken));
            }
            await ObservationVersions.LockAsync(database, connection, transaction);
        }

        var plan = await PlanAsync(connection, transaction, request.BatchId, cancellationToken);
        var report = new RevertReport(
            request.DryRun ? null : revertId, request.BatchId, request.DryRun ? ImportStatus.DryRun : ImportStatus.Committed, record.Reason,
            plan.Restore.Count + plan.Recreate.Count, plan.Withdraw.Count, plan.Skip.Count,
            List(plan.Restore.Concat(plan.Recreate), r => new RevertedValue(r.Indicator, r.Area, r.Period, r.Subgroup, r.NowValue, r.Value)),
            List(plan.Withdraw, r => new RevertedValue(r.Indicator, r.Area, r.Period, r.Subgroup, r.NowValue, null)),
            List(plan.Skip, r => new RevertedValue(r.Indicator, r.Area, r.Period, r.Subgroup, r.NowValue, r.NowValue, r.Later)));
        if (request.DryRun)
            return new RevertResult(RevertOutcome.Reverted, report);

        await ObservationVersions.ArchiveAsync(connection, transaction, plan.Restore.Concat(plan.Withdraw).Select(r => r.Key), revertId);
        await ObservationVersions.ReplaceAsync(connection, transaction, plan.Restore.Select(r => (r.Key, r.Earlier)), revertId);
        await ObservationVersions.RemoveAsync(connection, transaction, plan.Withdraw.Select(r => r.Key));
        await ObservationVersions.InsertAsync(connection, transaction, plan.Recreate.Select(r => (r.Key, r.Earlier)), revertId);
        var touched = plan.Restore.Count + plan.Recreate.Count + plan.Withdraw.Count;
        await ImportBatchStore.CompleteAsync(connection, transaction, record with
        {
            Id = revertId,
            RowsRead = touched + plan.Skip.Count,
            RowsAccepted = touched,
            Created = plan.Recreate.Count,
            Changed = plan.Restore.Count,
            Withdrawn = plan.Withdraw.Count,
            Skipped = plan.Skip.Count,
        });
        cancellationToken.ThrowIfCancellationRequested();
        await DataVersionStore.BumpAsync(connection, transaction, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return new RevertResult(RevertOutcome.Reverted, report);
    }

    private static List<RevertedValue> List(IEnumerable<PlanRow> rows, Func<PlanRow, RevertedValue> view) =>
        rows.Take(RevertReport.MaxListed).Select(view).ToList();

    /// <summary>
    /// Sorts every key batch B touched by comparing what B left with what is current: a key whose
    /// current values are still B's (written by B, or B's values restored by a revert of a later
    /// batch) gets the version before B back, or leaves the current data when B created it; a key
    /// whose values changed since is skipped. A key B withdrew comes back unless it was written again.
    /// </summary>
    private static async Task<RevertPlan> PlanAsync(DbConnection connection, DbTransaction transaction, long batchId, CancellationToken cancellationToken)
    {
        var plan = new RevertPlan();
        var delivered = await Query(
            $"""
            SELECT v.series_id AS SeriesId, v.period_start AS PeriodStart, v.period_end AS PeriodEnd, {KeyColumns},
                   v.value AS LeftValue, v.numerator AS LeftNumerator, v.denominator AS LeftDenominator, v.superseded_by AS Later,
                   c.batch_id AS CurrentBatch, c.value AS NowValue, c.numerator AS NowNumerator, c.denominator AS NowDenominator,
                   e.batch_id AS EarlierBatch, e.value AS Value, e.numerator AS Numerator, e.denominator AS Denominator, e.flags AS Flags
            FROM (SELECT series_id, period_start, period_end, value, numerator, denominator, CAST(NULL AS BIGINT) AS superseded_by
                  FROM observations WHERE batch_id = @batchId
                  UNION ALL
                  SELECT series_id, period_start, period_end, value, numerator, denominator, superseded_by
                  FROM observation_history WHERE batch_id = @batchId) v
            JOIN series s ON s.id = v.series_id
            LEFT JOIN observations c ON c.series_id = v.series_id AND c.period_start = v.period_start AND c.period_end = v.period_end
            LEFT JOIN observation_history e ON e.series_id = v.series_id AND e.period_start = v.period_start
                                           AND e.period_end = v.period_end AND e.superseded_by = @batchId
            ORDER BY v.series_id, v.period_start, v.period_end
            """);
        foreach (var row in delivered)
        {
            if (!row.StillAsLeft)
                plan.Skip.Add(row);
            else
                (row.EarlierBatch is null ? plan.Withdraw : plan.Restore).Add(row);
        }

        var withdrawn = await Query(
            $"""
            SELECT h.series_id AS SeriesId, h.period_start AS PeriodStart, h.period_end AS PeriodEnd, {KeyColumns},
                   c.value AS NowValue, c.batch_id AS CurrentBatch, h.batch_id AS EarlierBatch, h.value AS Value,
                   h.numerator AS Numerator, h.denominator AS Denominator, h.flags AS Flags,
                   (SELECT MIN(l.batch_id) FROM observation_history l
                    WHERE l.series_id = h.series_id AND l.period_start = h.period_start AND l.period_end = h.period_end
                      AND l.batch_id > @batchId) AS Later
            FROM observation_history h
            JOIN series s ON s.id = h.series_id
            LEFT JOIN observations c ON c.series_id = h.series_id AND c.period_start = h.period_start AND c.period_end = h.period_end
            WHERE h.superseded_by = @batchId
              AND (c.series_id IS NULL OR c.batch_id <> @batchId)
              AND NOT EXISTS (SELECT 1 FROM observation_history x
                              WHERE x.series_id = h.series_id AND x.period_start = h.period_start AND x.period_end = h.period_end
                                AND x.batch_id = @batchId)
            ORDER BY h.series_id, h.period_start, h.period_end
            """);
        foreach (var row in withdrawn)
        {
            if (row.CurrentBatch is null)
            {
                plan.Recreate.Add(row);
                continue;
            }
            // Written again since B withdrew it: the first later batch to touch it is the one to name.
            row.Later = row.Later is { } later ? Math.Min(later, row.CurrentBatch.Value) : row.CurrentBatch;
            plan.Skip.Add(row);
        }
        return plan;

        async Task<List<PlanRow>> Query(string sql) =>
            (await connection.QueryAsync<PlanRow>(new CommandDefinition(sql, new { batchId }, transaction, cancellationToken: cancellationToken)))
            .ToList();
    }

    private async Task<long?> RevertedByAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM import_batches WHERE reverts_batch_id = @batchId", new { batchId }, cancellationToken: cancellationToken));
    }

    private static bool IsUniqueViolation(DbException e) => e switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteErrorCode == 19,
        _ => false,
    };

    private sealed class RevertPlan
    {
        public List<PlanRow> Restore { get; } = [];
        public List<PlanRow> Withdraw { get; } = [];
        public List<PlanRow> Recreate { get; } = [];
        public List<PlanRow> Skip { get; } = [];
    }

    private sealed class PlanRow
    {
        public long SeriesId { get; set; }
        public int PeriodStart { get; set; }
        public int PeriodEnd { get; set; }
        public string IndicatorCode { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public string Subgroup { get; set; } = "";
        public double? NowValue { get; set; }
        public double? NowNumerator { get; set; }
        public double? NowDenominator { get; set; }
        public double? LeftValue { get; set; }
        public double? LeftNumerator { get; set; }
        public double? LeftDenominator { get; set; }
        public long? CurrentBatch { get; set; }
        public long? EarlierBatch { get; set; }
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }
        public int? Flags { get; set; }
        public long? Later { get; set; }

        /// <summary>
        /// The current values are the ones the batch left. Equal values mean no one changed the key
        /// in effect: an import never writes an unchanged value, so only a revert can have put them back.
        /// </summary>
        public bool StillAsLeft =>
            CurrentBatch is not null && NowValue == LeftValue && NowNumerator == LeftNumerator && NowDenominator == LeftDenominator;

        public StoredKey Key => new(SeriesId, PeriodStart, PeriodEnd);
        public VersionValues Earlier => new(Value, Numerator, Denominator, Flags ?? 0);
        public string Indicator => IndicatorCode;
        public string Area => ScopeCode;
        public string Period => Core.Periods.Period.FromOrdinals(PeriodStart, PeriodEnd).ToString();
    }
}

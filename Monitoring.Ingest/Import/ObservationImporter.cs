using System.Security.Cryptography;
using CsvHelper;
using Monitoring.Core.Model;
using Monitoring.Ingest.Storage;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Imports one file as one batch: read and validate every row first, then compare with what is
/// stored and write everything in one transaction. A file with any error writes nothing; the same
/// file twice is a no-op; a dry run goes through the same steps and rolls back.
/// </summary>
public sealed class ObservationImporter(
    MonitoringDatabase database, IndicatorStore indicators, ScopeStore scopes, TimeProvider clock)
{
    public async Task<ImportReport> ImportAsync(
        ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(request.Content.Span));
        CanonicalCsvFile file;
        try
        {
            file = new CanonicalCsvReader().Read(request.Content);
        }
        catch (CsvFormatException ex)
        {
            var error = new RowError((int)Math.Max(ex.LineNumber, ex.RecordNumber), "*", null, $"The file is not readable as CSV: {ex.Message}");
            return Rejected(request, hash, "csv", 0, [error], []);
        }

        var catalog = new ImportCatalog(
            await indicators.ListAsync(cancellationToken), await scopes.ListAsync(cancellationToken));
        var validated = new ObservationRowValidator(catalog).Validate(file.Rows, file.NumberCulture);
        progress?.Report(new ImportProgress("validated", validated.RowsRead, validated.RowsRead));
        var errors = file.Errors.Concat(validated.Errors).ToList();
        if (errors.Count > 0)
            return Rejected(request, hash, file.Format, validated.RowsRead + file.Errors.Count, errors, file.IgnoredColumns);
        if (validated.Accepted.Count == 0)
        {
            return Rejected(request, hash, file.Format, 0,
                [new RowError(2, "*", null, "The file has a header but no data rows.")], file.IgnoredColumns);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var earlier = await ImportBatchStore.FindByHashAsync(connection, transaction, hash);
        if (earlier is not null)
        {
            return new ImportReport(earlier, ImportStatus.AlreadyImported, request.FileName, hash, file.Format,
                validated.RowsRead, 0, 0, 0, 0, validated.RowsRead, [], 0, file.IgnoredColumns, earlier);
        }

        var codes = validated.Accepted.Select(r => r.IndicatorCode).Distinct().ToList();
        var current = await ObservationStore.CurrentVersionsAsync(connection, transaction, codes);
        var created = new List<IncomingObservation>();
        var changed = new List<(IncomingObservation Row, long ReplacesId)>();
        foreach (var row in validated.Accepted)
        {
            if (!current.TryGetValue(row.Key, out var stored))
                created.Add(row);
            else if (!stored.SameAs(row))
                changed.Add((row, stored.Id));
        }
        var unchanged = validated.Accepted.Count - created.Count - changed.Count;
        var status = request.DryRun ? ImportStatus.DryRun : ImportStatus.Committed;
        var batch = new ImportBatch(0, request.Source, request.FileName, hash, file.Format, validated.RowsRead,
            validated.Accepted.Count, 0, created.Count, changed.Count, unchanged, status, request.RequestedBy,
            clock.GetUtcNow());
        if (request.DryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Report(batch, null, file.IgnoredColumns);
        }

        var batchId = await ImportBatchStore.InsertAsync(connection, transaction, batch);
        var writer = database.ObservationWriter;
        await writer.RetireAsync(connection, transaction, changed.Select(c => c.ReplacesId).ToList());
        var toInsert = created.Select(r => (r, ObservationFlags.None))
            .Concat(changed.Select(c => (c.Row, ObservationFlags.Revised)))
            .ToList();
        await writer.InsertAsync(connection, transaction, batchId, toInsert,
            done => progress?.Report(new ImportProgress("written", done, toInsert.Count)));
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(CancellationToken.None);
        return Report(batch with { Id = batchId }, batchId, file.IgnoredColumns);
    }

    private static ImportReport Report(ImportBatch batch, long? batchId, IReadOnlyList<string> ignoredColumns) =>
        new(batchId, batch.Status, batch.FileName, batch.ContentHash, batch.Format, batch.RowsRead, batch.RowsAccepted,
            batch.RowsRejected, batch.Created, batch.Changed, batch.Unchanged, [], 0, ignoredColumns);

    private static ImportReport Rejected(
        ImportRequest request, string hash, string format, int rowsRead, IReadOnlyList<RowError> errors,
        IReadOnlyList<string> ignoredColumns)
    {
        var rejectedRows = errors.Select(e => e.Row).Distinct().Count();
        return new ImportReport(null, ImportStatus.Rejected, request.FileName, hash, format, rowsRead,
            Math.Max(0, rowsRead - rejectedRows), rejectedRows, 0, 0, 0,
            errors.Take(ImportReport.MaxListedErrors).ToList(), errors.Count, ignoredColumns);
    }
}
